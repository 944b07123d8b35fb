import { describe, expect, it } from 'vitest';
import { renderAgendaReminder, type TAgendaReminderView } from '../../src/slack/blocks/agenda-reminder';
import { withBriefDeliveryNote, formatLead } from '../../src/slack/blocks/delivery-notes';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { section } from '../../src/slack/blocks/format';

const view = (over: Partial<TAgendaReminderView> = {}): TAgendaReminderView => ({
  oneOnOneId: 7,
  manager: { slackUserId: 'U0MGR', name: 'Morgan' },
  meetingText: 'Tue 1 Dec, 10:00',
  items: [],
  budget: { max: 2, per: 'week' },
  ...over,
});

describe('renderAgendaReminder', () => {
  it.each([
    { name: 'no agenda yet', view: view(), want: { sections: 1, text: 'Your 1:1 with Morgan is Tue 1 Dec, 10:00. Anything you want to talk about? Add it with /coach agenda &lt;text&gt;.' } },
    { name: 'with items', view: view({ items: [{ text: 'pricing', authorName: 'Morgan', mine: false }, { text: 'my goals', authorName: 'Dana', mine: true }] }), want: { sections: 2, text: 'Your 1:1 with Morgan is Tue 1 Dec, 10:00. Anything you want to talk about? Add it with /coach agenda &lt;text&gt;. On the agenda so far: pricing; my goals.' } },
  ])('$name', ({ view: v, want }) => {
    const { text, blocks } = renderAgendaReminder(v);
    expect(text).toBe(want.text);
    expect(blocks.filter((b) => b.type === 'section')).toHaveLength(want.sections);
    expect(blocks.find((b) => b.type === 'actions')).toEqual({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'agenda_add_open', text: { type: 'plain_text', text: 'Add agenda item' }, value: '{"oneOnOneId":7}' }],
    });
    expect(JSON.stringify(blocks.at(-1))).toContain('/coach settings');
  });

  it('says which budget it counts toward', () => {
    expect(JSON.stringify(renderAgendaReminder(view({ budget: { max: 1, per: 'day' } })).blocks)).toContain('counts toward your one unsolicited message a day');
  });

  it('stays within Slack limits and escapes whatever the agenda holds', () => {
    const hostile = Array.from({ length: 300 }, (_, i) => ({ text: `<!channel> ${'x'.repeat(3000)} ${i}`, authorName: '<@U0EVIL>', mine: false }));
    const { blocks, text } = renderAgendaReminder(view({ items: hostile, manager: { slackUserId: 'not-an-id', name: '<!here> & co' } }));
    expect(findLimitViolations(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).not.toMatch(/<!channel>|<!here>|<@U0EVIL>/);
    expect(text.length).toBeLessThanOrEqual(40_000);
  });
});

describe('withBriefDeliveryNote', () => {
  it.each([
    { minutes: 15, want: '15 minutes' },
    { minutes: 60, want: '1 hour' },
    { minutes: 90, want: '1 h 30 min' },
    { minutes: 120, want: '2 hours' },
    { minutes: 1440, want: '1 day' },
  ])('$minutes min → $want', ({ minutes, want }) => {
    expect(formatLead(minutes)).toBe(want);
  });

  it('ends the brief with why it came and where to change it, within 50 blocks', () => {
    const full = Array.from({ length: 50 }, (_, i) => section(`line ${i}`));
    const { blocks } = withBriefDeliveryNote({ text: 'Brief', blocks: full }, { repName: 'Dana <x>', leadMinutes: 60 });
    expect(blocks).toHaveLength(50);
    expect(findLimitViolations(blocks)).toEqual([]);
    expect(JSON.stringify(blocks.at(-1))).toContain('You get this brief about 1 hour before each 1:1 with Dana &lt;x&gt;');
  });
});
