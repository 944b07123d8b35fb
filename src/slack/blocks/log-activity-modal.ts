import type { Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../../domain/activity-grammar';
import type { TDealChoice, TLogActivityFormView, TLogConfirmationView, TUnpickableDeal } from './view-models/logging';
import { escapeText, plainLabel, truncate } from './escape';
import { context, section } from './format';
import { fitView, MAX_BUTTON_TEXT, MAX_OPTION_TEXT, MAX_OPTION_VALUE, MAX_SELECT_OPTIONS } from './limits';
import { renderLogConfirmation } from './log-confirmation';

/**
 * The "Log activity" button: on the Home tab and on any message (nudges, check-ins). Its value is `{}`:
 * the modal needs nothing but who clicked.
 */
export const LOG_ACTIVITY_OPEN_ACTION = 'log_activity_open';
export const LOG_ACTIVITY_VIEW = 'log_activity';
export const LOG_ACTIVITY_TEXT_BLOCK = 'log_activity_text';
export const LOG_ACTIVITY_TEXT_INPUT = 'text';
/** The deal picker: an external select whose options `app.options(LOG_ACTIVITY_DEAL_INPUT)` answers. */
export const LOG_ACTIVITY_DEAL_BLOCK = 'log_activity_deal';
export const LOG_ACTIVITY_DEAL_INPUT = 'log_deal';
export const LOG_ACTIVITY_STAGE_BLOCK = 'log_activity_stage';
export const LOG_ACTIVITY_STAGE_INPUT = 'log_stage';
/**
 * A check-in's quick choice: opens the modal with that deal picked. Several sit in one actions block, where
 * action ids must differ, so each carries its position (`log_activity_deal_0` …); the value names the deal.
 */
export const LOG_ACTIVITY_DEAL_OPEN_ACTION = /^log_activity_deal_\d+$/;
export const ZLogDealButtonValue = z.object({ dealId: z.number().int().positive() });
/** At most this many quick choices on one message. */
export const MAX_DEAL_BUTTONS = 3;

const EXAMPLES = '`4 calls, 2 emails` · `demo with Acme` · `moved Initech to negotiation` · `won Acme $12,500` · `yesterday: 5 calls`';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** The button that opens the modal, for any message or view. */
export function logActivityButton(label = 'Log activity'): Button {
  return { type: 'button', action_id: LOG_ACTIVITY_OPEN_ACTION, text: plain(label), value: '{}', style: 'primary' };
}

/** The buttons that open the modal with one of the rep's deals picked (a check-in's quick choices), at most three. */
export function logDealButtons(deals: readonly { id: number; name: string }[]): Button[] {
  return deals.slice(0, MAX_DEAL_BUTTONS).map((deal, i) => ({
    type: 'button',
    action_id: `log_activity_deal_${i}`,
    text: plain(plainLabel(deal.name, MAX_BUTTON_TEXT)),
    value: JSON.stringify({ dealId: deal.id }),
  }));
}

/**
 * The modal: the free text (read with the same grammar as `/log` and check-in replies, and still required:
 * it says what was done), then an optional deal (the rep's open deals, typing filters) and an optional stage
 * (the workspace's open stages). A deal picked already (a check-in's quick choice) is its initial option.
 */
export function renderLogActivityModal(view: TLogActivityFormView): ModalView {
  const stages = view.stages.filter((s) => s.key.length <= MAX_OPTION_VALUE).slice(0, MAX_SELECT_OPTIONS);
  const blocks: KnownBlock[] = [
    ...(view.unpickable ? [section(`:information_source: ${unpickableText(view.unpickable)}`)] : []),
    {
      type: 'input',
      block_id: LOG_ACTIVITY_TEXT_BLOCK,
      label: plain('What did you do?'),
      hint: plain('With a deal picked below, a word is enough: call, demo, proposal sent.'),
      element: {
        type: 'plain_text_input',
        action_id: LOG_ACTIVITY_TEXT_INPUT,
        multiline: true,
        max_length: MAX_INPUT_CHARS,
        placeholder: plain(view.deal ? 'call, demo, proposal sent' : '4 calls, demo with Acme'),
        focus_on_load: true,
      },
    },
    {
      type: 'input',
      block_id: LOG_ACTIVITY_DEAL_BLOCK,
      optional: true,
      label: plain('Deal'),
      hint: plain('One of your open deals (type to search). What you did goes on it unless the text names another deal.'),
      element: {
        type: 'external_select',
        action_id: LOG_ACTIVITY_DEAL_INPUT,
        min_query_length: 0,
        placeholder: plain('Pick a deal'),
        ...(view.deal && { initial_option: dealOption(view.deal) }),
      },
    },
    ...(stages.length > 0
      ? [
          {
            type: 'input' as const,
            block_id: LOG_ACTIVITY_STAGE_BLOCK,
            optional: true,
            label: plain('Stage'),
            hint: plain('For activity on no deal: the stage it moved along.'),
            element: {
              type: 'static_select' as const,
              action_id: LOG_ACTIVITY_STAGE_INPUT,
              placeholder: plain('Pick a stage'),
              options: stages.map((s) => ({ text: plain(truncate(s.name, MAX_OPTION_TEXT)), value: s.key })),
            },
          },
        ]
      : []),
    context(`Like ${EXAMPLES}. The same words work in \`/log\` and when you DM me.`),
  ];
  return {
    type: 'modal',
    callback_id: LOG_ACTIVITY_VIEW,
    title: plain('Log activity'),
    submit: plain('Log it'),
    close: plain('Cancel'),
    blocks: fitView(blocks),
  };
}

/** A polite word on an old button: the modal opens all the same, with no deal picked. */
function unpickableText(why: TUnpickableDeal): string {
  const rest = 'pick another below, or leave it empty.';
  if (why.kind === 'closed') return `*${escapeText(truncate(why.dealName, 80))}* is ${why.outcome} now, so it isn't picked — ${rest}`;
  if (why.kind === 'gone') return `That deal isn't in Canopy any more, so it isn't picked — ${rest}`;
  return `That button was for a deal that isn't yours, so nothing is picked — pick one of your deals below, or leave it empty.`;
}

/** The deal picker's answer to what the rep typed: at most 100 options, each "Acme 469 · Demo". */
export function renderDealOptions(choices: readonly TDealChoice[]): { options: PlainTextOption[] } {
  return { options: choices.slice(0, MAX_SELECT_OPTIONS).map(dealOption) };
}

/** A deal as an option: its name, shortened so its stage always shows, within Slack's 75 characters. */
export function dealOption(choice: TDealChoice): PlainTextOption {
  const stage = ` · ${truncate(choice.stageName, 30)}`;
  return { text: plain(`${truncate(choice.name, MAX_OPTION_TEXT - stage.length)}${stage}`), value: String(choice.id) };
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
