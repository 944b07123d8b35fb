import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { escapeText, plainLabel } from './escape';
import { context, joinWithAnd, section } from './format';
import { fitFallbackText, fitMessage, fitView } from './limits';
import type { TForgetCounts, TForgetModalView, TForgottenNoticeView } from './view-models/privacy';

export const FORGET_VIEW = 'forget_me';
export const FORGET_CONFIRM_BLOCK = 'forget_confirm';
export const FORGET_CONFIRM_INPUT = 'forget_confirm_input';
/** The word the person types to confirm. */
export const FORGET_WORD = 'FORGET';
/** The confirmation's `private_metadata`: who opened it (only they may confirm it). */
export const ZForgetMetadata = z.object({ slackUserId: z.string().regex(/^[UW][A-Z0-9]+$/) });
export type TForgetMetadata = z.infer<typeof ZForgetMetadata>;

const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** The kinds of data forgetting deletes, as sentences to the person (`you`) or about them (`they`, the CLI); a kind with nothing stored is left out. */
export function forgetLines(counts: TForgetCounts, who: 'you' | 'they' = 'you'): string[] {
  const [subject, possessive, object] = who === 'you' ? ['you', 'your', 'you'] : ['they', 'their', 'them'];
  const lines = [
    counts.logEntries > 0
      ? `${n(counts.logEntries, 'message', 'messages')} ${subject} logged, word for word, and the ${n(counts.activities, 'activity', 'activities')} recorded`
      : counts.activities > 0
        ? `${n(counts.activities, 'activity', 'activities')} recorded (imported)`
        : '',
    counts.deals > 0 ? `${n(counts.deals, 'deal', 'deals')} with their stage history${counts.dealNotes > 0 ? ` and ${n(counts.dealNotes, 'note', 'notes')}` : ''}` : '',
    counts.goals + counts.activityTargets > 0 ? `${possessive} goals and activity targets (${counts.goals + counts.activityTargets})` : '',
    counts.coachingSnapshots > 0 ? `${possessive} coaching results: tiers, expectations and focus areas (${counts.coachingSnapshots})` : '',
    counts.meetings + counts.agendaItems + counts.actionItems > 0
      ? `${possessive} 1:1s: ${n(counts.meetings, 'meeting', 'meetings')} with their notes (${who === 'you' ? `private notes about ${object} included` : 'private notes included'}), ${n(counts.agendaItems, 'agenda item', 'agenda items')} and ${n(counts.actionItems, 'action item', 'action items')}`
      : '',
    counts.deliveries > 0
      ? who === 'you'
        ? `the record of ${n(counts.deliveries, 'message', 'messages')} I sent you (the messages themselves stay in your DM until you delete them)`
        : `the record of ${n(counts.deliveries, 'message', 'messages')} Canopy sent them (the messages themselves stay in their Slack DM)`
      : '',
    counts.teamRequests > 0 ? `${n(counts.teamRequests, 'team request', 'team requests')}` : '',
    [
      counts.callReviews > 0 ? `${n(counts.callReviews, 'call review', 'call reviews')} of ${possessive} calls (requests for one included)` : '',
      counts.reviewComments > 0 ? `${n(counts.reviewComments, 'comment', 'comments')} in review threads` : '',
    ].filter(Boolean).join(' with '),
  ];
  return [`${possessive} profile and settings`, ...lines.filter(Boolean)];
}

/** `/coach forget-me`: what is deleted, that it cannot be undone, who is told; the person types FORGET to confirm. */
export function renderForgetModal(view: TForgetModalView): ModalView {
  const metadata: TForgetMetadata = { slackUserId: view.slackUserId };
  const names = (list: TForgetModalView['counterparts']) => joinWithAnd(list.map((c) => `*${escapeText(c.name || 'someone')}*`));
  const withOneOnOne = view.counterparts.filter((c) => c.hasOneOnOne);
  const manager = view.counterparts.filter((c) => c.isTheirManager);
  const reps = view.counterparts.filter((c) => c.reportsToThem);
  const told = uniqueBy([...manager, ...withOneOnOne, ...reps]);
  const who = [
    withOneOnOne.length > 0 ? `Your 1:1s with ${names(withOneOnOne)} are cancelled.` : '',
    reps.length > 0 ? `${n(reps.length, 'rep reports', 'reps report')} to you: they are left without a manager in Canopy.` : '',
    told.length > 0 ? `${names(told)} will get a DM saying you asked to be forgotten.` : '',
  ].filter(Boolean);
  const blocks: KnownBlock[] = [
    section('*This deletes everything Canopy stores about you, now and for good. It cannot be undone.*'),
    section(forgetLines(view.counts).map((line) => `• ${line}`).join('\n')),
    ...(who.length > 0 ? [section(who.join('\n'))] : []),
    context('Only a line that someone was forgotten is kept, without your name. Want a copy first? Close this and send `/coach export`.'),
    {
      type: 'input',
      block_id: FORGET_CONFIRM_BLOCK,
      label: { type: 'plain_text', text: `Type ${FORGET_WORD} to confirm` },
      element: { type: 'plain_text_input', action_id: FORGET_CONFIRM_INPUT, placeholder: { type: 'plain_text', text: FORGET_WORD }, max_length: 20 },
    },
  ];
  return {
    type: 'modal',
    callback_id: FORGET_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Forget me' },
    submit: { type: 'plain_text', text: 'Delete everything' },
    close: { type: 'plain_text', text: 'Keep my data' },
    blocks: fitView(blocks),
  };
}

/** True when the confirmation field says FORGET (any case, spaces around ignored). */
export function confirmsForget(typed: string | null | undefined): boolean {
  return (typed ?? '').trim().toUpperCase() === FORGET_WORD;
}

/** The field's error when it does not. */
export const FORGET_CONFIRM_ERROR = `Type ${FORGET_WORD} to confirm — or close this window to keep your data.`;

/** Shown while the deletion runs (the submission is acknowledged at once). */
export function renderForgettingModal(): ModalView {
  return { type: 'modal', title: { type: 'plain_text', text: 'Forget me' }, blocks: [section('Deleting your data…')] };
}

/** The end: what happened, and what happens if they come back. */
export function renderForgottenModal(told: readonly string[]): ModalView {
  const tell = told.length > 0 ? ` ${joinWithAnd(told.map((name) => `*${escapeText(name || 'someone')}*`))} ${told.length === 1 ? 'was' : 'were'} told.` : '';
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Forget me' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: fitView([
      section(`*Done.* Everything Canopy stored about you is deleted.${tell}`),
      context('If you use Canopy again, it starts from nothing.'),
    ]),
  };
}

/** A refusal or a failure, in place of the confirmation. */
export function renderForgetProblemModal(message: string): ModalView {
  return { type: 'modal', title: { type: 'plain_text', text: 'Forget me' }, close: { type: 'plain_text', text: 'OK' }, blocks: fitView([section(message)]) };
}

/** The Home tab of someone just forgotten: what it showed is gone (Slack keeps a published tab until it is replaced). */
export function renderForgottenHome(): { type: 'home'; blocks: KnownBlock[] } {
  return { type: 'home', blocks: fitView([section('*Your data was deleted.* Canopy stores nothing about you now.'), context('Log an activity or send `/coach help` to start again from nothing.')]) };
}

/** The DM to whom a forgotten person leaves behind: no mention (they are gone), the name escaped. */
export function renderForgottenNotice(view: TForgottenNoticeView): { text: string; blocks: KnownBlock[] } {
  const name = `*${escapeText(view.forgottenName || 'Someone')}*`;
  const what = view.via === 'slack' ? `${name} asked to be forgotten: their data in Canopy is deleted` : `An admin deleted ${name}'s data from Canopy`;
  const consequences = [
    view.recipient.hasOneOnOne ? 'your 1:1s with them are cancelled' : '',
    view.recipient.isTheirManager ? 'they are no longer on your team' : '',
    view.recipient.reportsToThem ? 'you have no manager in Canopy until someone adds you to a team' : '',
  ].filter(Boolean);
  const text = consequences.length > 0 ? `${what}, and ${joinWithAnd(consequences)}.` : `${what}.`;
  return { text: fitFallbackText(text), blocks: fitMessage([section(text)]) };
}

/** The message that carries the export files. */
export function renderExportComment(files: readonly { filename: string }[]): string {
  const [json, csv] = files;
  return [
    'Here is everything Canopy stores about you or that you wrote.',
    json ? `• ${plainLabel(json.filename, 120)}: all of it, word for word` : '',
    csv ? `• ${plainLabel(csv.filename, 120)}: your activities, for a spreadsheet (same columns as the activities import)` : '',
    "Not included: the private notes your manager keeps about your 1:1s (they are your manager's).",
  ].filter(Boolean).join('\n');
}

function uniqueBy<T extends { slackUserId: string }>(list: readonly T[]): T[] {
  return [...new Map(list.map((item) => [item.slackUserId, item])).values()];
}
