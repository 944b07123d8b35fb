import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { AGENDA_TEXT_MAX } from '../../domain/limits';
import type { TAgendaView } from './view-models/one-on-ones';
import { escapeText, truncate } from './escape';
import { context, section } from './format';
import { fitView } from './limits';
import { agendaLine } from './one-on-ones';

export const AGENDA_ADD_VIEW = 'agenda_add';
export const AGENDA_TEXT_BLOCK = 'agenda_text';
export const AGENDA_TEXT_INPUT = 'text';

export const ZAgendaModalMetadata = z.object({ oneOnOneId: z.number().int().positive() });

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) || ' ' });

/** The "Add agenda item" modal, showing what is already on the agenda. */
export function renderAgendaModal(view: TAgendaView): ModalView {
  const who = escapeText(truncate(view.oneOnOne.other.name || 'them', 80));
  const current = view.items.length > 0 ? view.items.map(agendaLine).join('\n') : '_Nothing yet._';
  return {
    type: 'modal',
    callback_id: AGENDA_ADD_VIEW,
    private_metadata: JSON.stringify({ oneOnOneId: view.oneOnOne.id }),
    title: plain('Add to the 1:1 agenda'),
    submit: plain('Add'),
    close: plain('Cancel'),
    blocks: fitView([
      section(`Your 1:1 with *${who}* on *${view.oneOnOne.nextText}*.\n${truncate(current, 2800)}`),
      {
        type: 'input',
        block_id: AGENDA_TEXT_BLOCK,
        label: plain('What would you like to talk about?'),
        element: { type: 'plain_text_input', action_id: AGENDA_TEXT_INPUT, multiline: true, max_length: AGENDA_TEXT_MAX },
      },
      context('Both of you see the agenda; it goes into the brief before the meeting.'),
    ]),
  };
}

/** What the modal turns into once the item is added. */
export function renderAgendaAddedModal(view: TAgendaView): ModalView {
  const lines = view.items.map(agendaLine).join('\n');
  return {
    type: 'modal',
    callback_id: `${AGENDA_ADD_VIEW}_done`,
    title: plain('Added'),
    close: plain('Done'),
    blocks: fitView([section(`Added to your 1:1 with *${escapeText(truncate(view.oneOnOne.other.name || 'them', 80))}* on *${view.oneOnOne.nextText}*:\n${truncate(lines, 2800)}`)]),
  };
}
