import { describe, expect, it } from 'vitest';
import { olderVersionText, renderOlderVersionMessage, renderOlderVersionModal, type TOlderControl } from '../../src/slack/blocks/older-version';

describe('the older-version note', () => {
  const scenarios: { control: TOlderControl; command?: string; want: string }[] = [
    { control: 'button', want: 'This button or menu is from an older version of Canopy' },
    { control: 'shortcut', want: 'This shortcut is from an older version of Canopy' },
    { control: 'form', want: 'This form is from an older version of Canopy, so it could not be saved' },
    { control: 'command', command: '/canopy-old', want: '`/canopy-old` is not a command Canopy knows' },
    { control: 'command', command: '/x`y <!channel>', want: '`/xˋy &lt;!channel&gt;` is not a command' },
  ];

  it.each(scenarios)('$control $command: says what it was and what is current', ({ control, command, want }) => {
    const text = olderVersionText(control, command);
    expect(text).toContain(want);
    for (const pointer of ['`/stats`', '*Home* tab', '`/coach help`']) expect(text).toContain(pointer);
    const message = renderOlderVersionMessage(control, command);
    expect(message.text).toBe(text);
    expect(message.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text } });
  });

  it('as a modal: a title within Slack’s 24 characters, a Close button and no submit (nothing to save)', () => {
    const modal = renderOlderVersionModal('form');
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.close?.text).toBe('Close');
    expect(modal.submit).toBeUndefined();
    expect(JSON.stringify(modal.blocks)).toContain('open it again');
  });
});
