import type { KnownBlock, ModalView } from '@slack/types';
import { codeSpan } from './escape';
import { context, section } from './format';

/** Where the person is pointed instead: what is current in this version. */
const CURRENT = [
  '• `/stats` — your numbers for the week (or `/stats month`, `/stats deals`…)',
  '• the *Home* tab of Canopy — your dashboard, and your team for managers',
  '• `/coach help` — everything else',
];

/** What the control was, in the note's words. */
export type TOlderControl = 'button' | 'shortcut' | 'form' | 'command';

const LEAD: Record<TOlderControl, string> = {
  button: 'This button or menu is from an older version of Canopy, so it no longer does anything',
  shortcut: 'This shortcut is from an older version of Canopy, so it no longer does anything',
  form: 'This form is from an older version of Canopy, so it could not be saved',
  command: 'This command is not one Canopy knows (any more)',
};

/** The polite note for an interaction the app no longer knows: a plain sentence and what is current instead. */
export function olderVersionText(control: TOlderControl, command?: string): string {
  const lead = control === 'command' && command ? `${codeSpan(command)} is not a command Canopy knows (any more)` : LEAD[control];
  return `${lead} — here is what's current:\n${CURRENT.join('\n')}`;
}

/** The note as an ephemeral message (via `response_url`, or the ack of a slash command). */
export function renderOlderVersionMessage(control: TOlderControl, command?: string): { text: string; blocks: KnownBlock[] } {
  const text = olderVersionText(control, command);
  return { text, blocks: [section(text), context('Nothing was changed. Sorry for the detour.')] };
}

/** The note as a modal: what an unknown form's submission turns into (`response_action: update`) or a global shortcut opens. */
export function renderOlderVersionModal(control: TOlderControl): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Canopy' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(olderVersionText(control)), context(control === 'form' ? 'Please close this and open it again from where you started.' : 'Nothing was changed.')],
  };
}
