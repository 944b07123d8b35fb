import type { Button, KnownBlock, ModalView } from '@slack/types';
import { MAX_INPUT_CHARS } from '../../domain/activity-grammar';
import type { TLogConfirmationView } from './view-models/logging';
import { context, section } from './format';
import { fitView } from './limits';
import { renderLogConfirmation } from './log-confirmation';

/**
 * The "Log activity" button: on the Home tab and on any message (nudges, check-ins). Its value is `{}`:
 * the modal needs nothing but who clicked.
 */
export const LOG_ACTIVITY_OPEN_ACTION = 'log_activity_open';
export const LOG_ACTIVITY_VIEW = 'log_activity';
export const LOG_ACTIVITY_TEXT_BLOCK = 'log_activity_text';
export const LOG_ACTIVITY_TEXT_INPUT = 'text';

const EXAMPLES = '`4 calls, 2 emails` · `demo with Acme` · `moved Initech to negotiation` · `won Acme $12,500` · `yesterday: 5 calls`';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** The button that opens the modal, for any message or view. */
export function logActivityButton(label = 'Log activity'): Button {
  return { type: 'button', action_id: LOG_ACTIVITY_OPEN_ACTION, text: plain(label), value: '{}', style: 'primary' };
}

/** The modal: one free-text field, read with the same grammar as `/log` and check-in replies. */
export function renderLogActivityModal(): ModalView {
  return {
    type: 'modal',
    callback_id: LOG_ACTIVITY_VIEW,
    title: plain('Log activity'),
    submit: plain('Log it'),
    close: plain('Cancel'),
    blocks: fitView([
      {
        type: 'input',
        block_id: LOG_ACTIVITY_TEXT_BLOCK,
        label: plain('What did you do?'),
        element: {
          type: 'plain_text_input',
          action_id: LOG_ACTIVITY_TEXT_INPUT,
          multiline: true,
          max_length: MAX_INPUT_CHARS,
          placeholder: plain('4 calls, demo with Acme'),
          focus_on_load: true,
        },
      },
      context(`Like ${EXAMPLES}. The same words work in \`/log\` and when you DM me.`),
    ]),
  };
}

/** What the modal turns into once the text is logged: the same confirmation `/log` gives. */
export function renderLogActivityDoneModal(view: TLogConfirmationView): ModalView {
  return doneModal(renderLogConfirmation(view).blocks);
}

/** A second submission of the same form (a double click, a retry): it was logged once, the first time. */
export function renderLogActivityAlreadyModal(): ModalView {
  return doneModal([section(':white_check_mark: Already logged — that form was sent twice, and it counts once.')]);
}

function doneModal(blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: `${LOG_ACTIVITY_VIEW}_done`,
    title: plain('Logged'),
    close: plain('Done'),
    blocks: fitView([...blocks, context('Your Home tab shows it now. Log more any time: the button on your Home tab, `/log`, or a DM to me.')]),
  };
}
