import type { Button, KnownBlock } from '@slack/types';
import { z } from 'zod';
import { escapeText, truncate } from './escape';
import { context, section } from './format';
import { fitFallbackText, fitMessage } from './limits';
import { logActivityButton, logDealButtons } from './log-activity-modal';
import { carriedReviewBlocks, carriedReviewsText } from './review-dm';
import type { TReviewCardView } from './view-models/review-dm';

/*
 * The check-in DM (SPEC §2, §4): a short question the rep answers in its thread, logged with the activity
 * grammar and confirmed there. Says why it came and offers a one-click "Fewer check-ins" (daily → weekly →
 * none) with an Undo, besides `/coach settings`. Carries the call reviews whose own DM was held back.
 */

export const CHECKIN_FEWER_ACTION = 'checkin_fewer';
export const CHECKIN_UNDO_ACTION = 'checkin_undo';

export const CHECKIN_SETTINGS = ['auto', 'daily', 'weekly', 'off'] as const;
export type TCheckinSetting = (typeof CHECKIN_SETTINGS)[number];
export type TCheckinCadenceNow = 'daily' | 'weekly' | 'off';

export const ZCheckinButtonValue = z.object({ deliveryId: z.number().int().positive() });
/** `restore`: the setting before "Fewer check-ins", put back by Undo. */
export const ZCheckinUndoValue = ZCheckinButtonValue.extend({ restore: z.enum(CHECKIN_SETTINGS) });

export type TCheckinView = {
  deliveryId: number;
  cadence: 'daily' | 'weekly';
  /** Why they get it: their focus (focused reps), their tier's weekly rhythm, or their own setting. */
  basis: { kind: 'focus'; stageName: string | null } | { kind: 'tier' } | { kind: 'setting' };
  /** The pace note (SPEC §2: the check-in carries it, no separate pace nudge that day): each target as `/stats` words it. */
  pace?: { status: 'met' | 'on_pace' | 'behind' | 'off'; text: string }[];
  /** Quick choices: up to three of the rep's open deals in their focus stage, each opening the log modal with it picked. */
  focusDeals?: { stageName: string; deals: { id: number; name: string }[] };
  /** Call reviews whose own DM was held back (the budget, a pause, away): the check-in carries them, each with "I tried it". */
  reviews?: TReviewCardView[];
};

export type TCheckinFeedbackView = {
  deliveryId: number;
  /** The cadence of the check-in the button was on (its question stays). */
  cadence: 'daily' | 'weekly';
  change: { kind: 'fewer'; restore: TCheckinSetting; now: TCheckinCadenceNow } | { kind: 'undone'; now: TCheckinCadenceNow };
};

const EXAMPLE = '4 calls, demo with Acme';
const PACE_ICON = { met: ':white_check_mark:', on_pace: ':large_green_circle:', behind: ':large_yellow_circle:', off: ':white_circle:' } as const;
const STAGE_MAX = 60;

/** Pure: the check-in's blocks and its plain-text fallback. */
export function renderCheckin(view: TCheckinView): { text: string; blocks: KnownBlock[] } {
  const pace = view.pace ?? [];
  const blocks: KnownBlock[] = [
    section(question(view.cadence)),
    ...(pace.length > 0 ? [section(`*Where you stand*\n${pace.map((p) => `${PACE_ICON[p.status]} ${escapeText(p.text)}`).join('\n')}`)] : []),
    ...focusDealBlocks(view.focusDeals),
    { type: 'actions', elements: [logActivityButton(), button('Fewer check-ins', CHECKIN_FEWER_ACTION, { deliveryId: view.deliveryId })] },
    ...carriedReviewBlocks(view.reviews ?? []),
    context(`${whySent(view)} Change them in \`/coach settings\`, or pause everything with \`/coach pause 1w\`.`),
  ];
  const note = pace.length > 0 ? ` Where you stand: ${pace.map((p) => p.text).join(' ')}` : '';
  const reviews = carriedReviewsText(view.reviews ?? []);
  return { blocks: fitMessage(blocks), text: fitFallbackText(`${plainQuestion(view.cadence)}${reviews ? ` ${reviews}` : ''}${note} Reply in this thread: ${EXAMPLE}`) };
}

/** The check-in after "Fewer check-ins" or its Undo: the question stays (the thread still works), the buttons give way to the outcome. */
export function renderCheckinFeedback(view: TCheckinFeedbackView): { text: string; blocks: KnownBlock[] } {
  const { change } = view;
  const outcome = change.kind === 'fewer' ? fewerText(change.now) : `Check-ins are back as before: ${cadenceText(change.now)}.`;
  const blocks: KnownBlock[] = [section(question(view.cadence)), section(outcome)];
  if (change.kind === 'fewer') {
    blocks.push({ type: 'actions', elements: [button('Undo', CHECKIN_UNDO_ACTION, { deliveryId: view.deliveryId, restore: change.restore })] });
    blocks.push(context('Changed your mind? Undo puts it back. You can also change check-ins in `/coach settings`.'));
  }
  return { blocks: fitMessage(blocks), text: fitFallbackText(outcome.replace(/[*_`]/g, '')) };
}

function focusDealBlocks(focus: TCheckinView['focusDeals']): KnownBlock[] {
  if (!focus || focus.deals.length === 0) return [];
  const stage = escapeText(truncate(focus.stageName, STAGE_MAX));
  return [context(`Something on one of your *${stage}* deals? Log it straight onto the deal:`), { type: 'actions', elements: logDealButtons(focus.deals) }];
}

function question(cadence: 'daily' | 'weekly'): string {
  const what = cadence === 'daily' ? 'what you did today' : 'anything from this week not logged yet';
  return `*${plainQuestion(cadence)}* Reply in this thread with ${what} and I'll log it — e.g. \`${EXAMPLE}\`.`;
}

function plainQuestion(cadence: 'daily' | 'weekly'): string {
  return cadence === 'daily' ? 'How did today go?' : 'How did this week go?';
}

function whySent(view: TCheckinView): string {
  const { basis } = view;
  if (basis.kind === 'setting') return `Why you got this: you chose ${view.cadence} check-ins.`;
  if (basis.kind === 'tier') return `Why you got this: a ${view.cadence} check-in at the end of your week, so nothing you did goes unlogged.`;
  const stage = basis.stageName ? ` while we work on ${escapeText(truncate(basis.stageName, STAGE_MAX))} together` : ' while you get back on pace';
  return `Why you got this: ${view.cadence} check-ins${stage}.`;
}

function fewerText(now: TCheckinCadenceNow): string {
  if (now === 'off') return "Got it — no more check-ins. You can still log any time with `/log` or by messaging me.";
  return `Got it — from now on, ${cadenceText(now)}.`;
}

function cadenceText(cadence: TCheckinCadenceNow): string {
  if (cadence === 'off') return 'no check-ins';
  return cadence === 'daily' ? 'daily check-ins' : 'weekly check-ins, at the end of your week';
}

function button(label: string, actionId: string, value: Record<string, unknown>): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value: JSON.stringify(value) };
}
