import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { ACTION_ITEM_TEXT_MAX, NOTES_MAX } from '../../domain/limits';
import type { TMeetingNotesView } from './view-models/one-on-ones';
import { escapeText, truncate } from './escape';
import { context, section } from './format';
import { fitView } from './limits';

export const MEETING_NOTES_VIEW = 'meeting_notes';
export const NOTES_BLOCK = 'notes';
export const NOTES_INPUT = 'notes';
/** New action item rows per submission: enough for a meeting, few enough to fill in on a phone. */
export const ACTION_ROWS = 3;
export const itemTextBlock = (row: number) => `item_${row}_text`;
export const itemOwnerBlock = (row: number) => `item_${row}_owner`;
export const itemDueBlock = (row: number) => `item_${row}_due`;
export const ITEM_INPUT = 'value';

export const ZMeetingNotesMetadata = z.object({ meetingId: z.number().int().positive() });

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) || ' ' });

/** The "Log notes" modal: private notes, the action items so far, and rows for new ones (owner and due date). */
export function renderMeetingNotesModal(view: TMeetingNotesView): ModalView {
  const ownerOptions: PlainTextOption[] = [
    { text: plain(view.rep.name || 'The rep'), value: 'rep' },
    { text: plain(`Me (${view.manager.name || 'manager'})`), value: 'manager' },
  ];
  const blocks: KnownBlock[] = [
    section(`1:1 with *${escapeText(truncate(view.rep.name, 80))}* · ${view.startsText}`),
    {
      type: 'input',
      block_id: NOTES_BLOCK,
      optional: true,
      label: plain('Notes (only you see these)'),
      element: {
        type: 'plain_text_input',
        action_id: NOTES_INPUT,
        multiline: true,
        max_length: NOTES_MAX,
        ...(view.notes ? { initial_value: view.notes } : {}),
      },
    },
  ];
  if (view.actionItems.length > 0) {
    const lines = view.actionItems.map((item) => `${item.done ? ':white_check_mark:' : ':white_square:'} ${escapeText(truncate(item.text, 200))} _(${escapeText(truncate(item.ownerName, 40))}${item.dueDate ? `, due ${item.dueDate}` : ''})_`);
    blocks.push(section(`*Action items so far*\n${truncate(lines.join('\n'), 2900)}`));
  }
  blocks.push(context(`New action items are shared: ${escapeText(truncate(view.rep.name || 'the rep', 60))} gets them in a DM and can tick them off; open ones come back in your next brief.`));
  for (let row = 1; row <= ACTION_ROWS; row++) {
    blocks.push(
      {
        type: 'input',
        block_id: itemTextBlock(row),
        optional: true,
        label: plain(`Action item ${row}`),
        element: { type: 'plain_text_input', action_id: ITEM_INPUT, max_length: ACTION_ITEM_TEXT_MAX, placeholder: plain(row === 1 ? 'e.g. Send the Acme proposal' : 'Another one (optional)') },
      },
      {
        type: 'input',
        block_id: itemOwnerBlock(row),
        optional: true,
        label: plain('Owner'),
        element: { type: 'static_select', action_id: ITEM_INPUT, options: ownerOptions, initial_option: ownerOptions[0]! },
      },
      {
        type: 'input',
        block_id: itemDueBlock(row),
        optional: true,
        label: plain('Due'),
        element: { type: 'datepicker', action_id: ITEM_INPUT },
      },
    );
  }
  return {
    type: 'modal',
    callback_id: MEETING_NOTES_VIEW,
    private_metadata: JSON.stringify({ meetingId: view.meetingId }),
    title: plain('Log 1:1 notes'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: fitView(blocks),
  };
}
