import type { Button, KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { TUnsolicitedBudget } from '../../domain/delivery-rules';
import { NUDGE_KINDS, type TNudgeKind } from '../../domain/nudge-policy';
import type { TActivityType } from '../../domain/types';
import { escapeText, truncate } from './escape';
import { context, pluralizeActivity, section } from './format';
import { fitFallbackText, fitMessage } from './limits';
import { logActivityButton } from './log-activity-modal';

/*
 * A nudge (SPEC §2): what and why, with the numbers, and one click to act on it (Log activity), snooze this
 * kind for 7 days, or turn it off ("Fewer of these", undone with "More like this").
 */

export const NUDGE_SNOOZE_ACTION = 'nudge_snooze';
export const NUDGE_FEWER_ACTION = 'nudge_fewer';
export const NUDGE_UNDO_ACTION = 'nudge_undo';

export const ZNudgeButtonValue = z.object({ deliveryId: z.number().int().positive(), nudge: z.enum(NUDGE_KINDS as [TNudgeKind, ...TNudgeKind[]]) });
export const ZNudgeUndoValue = ZNudgeButtonValue.extend({ undo: z.enum(['snooze', 'fewer']) });

export type TNudgeDetail =
  | { nudge: 'behind_pace'; type: TActivityType; per: 'day' | 'week'; amount: number; done: number; onPaceNow: number; whenText: string }
  | { nudge: 'stalled_deal'; dealName: string; stageName: string; idleDays: number; threshold: number }
  | { nudge: 'action_item_due'; text: string; dueText: string; withName: string; meetingText: string };

export type TNudgeView = { deliveryId: number; budget: TUnsolicitedBudget; detail: TNudgeDetail };

export type TNudgeFeedbackView = {
  deliveryId: number;
  nudge: TNudgeKind;
  change: { kind: 'snoozed'; untilText: string } | { kind: 'muted' } | { kind: 'restored'; was: 'snoozed' | 'muted' };
};

/** What each kind is called when turning it off or on. */
export const NUDGE_NAMES: Readonly<Record<TNudgeKind, string>> = {
  behind_pace: 'behind-pace nudges',
  stalled_deal: 'stalled-deal nudges',
  action_item_due: 'action-item reminders',
};

const NAME_MAX = 120;
const ITEM_MAX = 500;

/** Pure: the nudge's blocks and its plain-text fallback. */
export function renderNudge(view: TNudgeView): { text: string; blocks: KnownBlock[] } {
  const { headline, plain, why } = describe(view.detail);
  const value = { deliveryId: view.deliveryId, nudge: view.detail.nudge };
  const blocks: KnownBlock[] = [
    section(headline),
    { type: 'actions', elements: [logActivityButton(), button('Snooze', NUDGE_SNOOZE_ACTION, value), button('Fewer of these', NUDGE_FEWER_ACTION, value)] },
    context(`Why you got this: ${why} It counts toward your ${budgetText(view.budget)}. Snooze sets these aside for 7 days; pause everything with \`/coach pause 1w\`.`),
  ];
  // The fallback is what notifications show: user text in it (an action item, a deal name) is escaped too.
  return { blocks: fitMessage(blocks), text: fitFallbackText(escapeText(plain)) };
}

/** The nudge after Snooze, Fewer of these, or their undo: the outcome, and the way back. */
export function renderNudgeFeedback(view: TNudgeFeedbackView): { text: string; blocks: KnownBlock[] } {
  const name = NUDGE_NAMES[view.nudge];
  const { change } = view;
  const blocks: KnownBlock[] = [];
  let text: string;
  if (change.kind === 'snoozed') {
    text = `Snoozed: no ${name} until ${change.untilText}.`;
    blocks.push(section(text), actions(button('Undo snooze', NUDGE_UNDO_ACTION, { deliveryId: view.deliveryId, nudge: view.nudge, undo: 'snooze' })));
    blocks.push(context('Other nudges still come, within your budget. Changed your mind? *Undo snooze* brings them back now.'));
  } else if (change.kind === 'muted') {
    text = `Done: no more ${name}.`;
    blocks.push(section(text), actions(button('More like this', NUDGE_UNDO_ACTION, { deliveryId: view.deliveryId, nudge: view.nudge, undo: 'fewer' })));
    blocks.push(context(`Changed your mind? Click *More like this* to turn ${name} back on.`));
  } else {
    text = change.was === 'snoozed' ? `Snooze cancelled: ${name} are back on.` : `${capitalize(name)} are back on.`;
    blocks.push(section(text));
  }
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}

function describe(detail: TNudgeDetail): { headline: string; plain: string; why: string } {
  switch (detail.nudge) {
    case 'behind_pace': {
      const period = detail.per === 'week' ? 'this week' : 'today';
      const target = pluralizeActivity(detail.type, detail.amount);
      const numbers = `${detail.done.toLocaleString('en-US')} of ${target}`;
      const pace = `about ${detail.onPaceNow.toLocaleString('en-US')} by now would be on pace`;
      const togo = Math.max(0, detail.amount - detail.done);
      const plain = `You're at ${numbers} ${period}, and it's ${detail.whenText} — ${pace}. ${togo.toLocaleString('en-US')} to go.`;
      const headline = `You're at *${numbers}* ${period}, and it's ${escapeText(detail.whenText)} — ${pace}. ${togo.toLocaleString('en-US')} to go.`;
      const when = detail.per === 'week' ? 'a mid-week check on your weekly expectation' : 'an afternoon check on your daily expectation';
      return { headline, plain, why: `${when} of ${target}, and you're behind pace.` };
    }
    case 'stalled_deal': {
      const deal = escapeText(truncate(detail.dealName, NAME_MAX));
      const stage = escapeText(truncate(detail.stageName, NAME_MAX));
      const days = `${detail.idleDays} days`;
      const headline = `*${deal}* has been in ${stage} for ${days} with no activity. A quick follow-up could get it moving — log it here when you do.`;
      const plain = `${detail.dealName} has been in ${detail.stageName} for ${days} with no activity.`;
      return { headline, plain, why: `deals in ${stage} get a nudge after ${detail.threshold} quiet days — one per deal and stage.` };
    }
    case 'action_item_due': {
      const item = escapeText(truncate(detail.text.replace(/\s+/g, ' ').trim(), ITEM_MAX));
      const from = `your 1:1 with ${escapeText(truncate(detail.withName, NAME_MAX))} (${escapeText(detail.meetingText)})`;
      const headline = `Your action item from ${from} is due *${escapeText(detail.dueText)}*:\n>${item}`;
      const plain = `Your action item from your 1:1 with ${detail.withName} is due ${detail.dueText}: ${detail.text}`;
      return { headline, plain, why: 'an open action item near its due date — one reminder per item.' };
    }
  }
}

function budgetText(budget: TUnsolicitedBudget): string {
  const cap = budget.max === 1 ? 'one message' : `${budget.max} messages`;
  return `${cap} a ${budget.per} from me (digest and check-ins included)`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function actions(...elements: Button[]): KnownBlock {
  return { type: 'actions', elements };
}

function button(label: string, actionId: string, value: Record<string, unknown>): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value: JSON.stringify(value) };
}
