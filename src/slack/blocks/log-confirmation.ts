import type { TDealQuestionView, TLogConfirmationView } from './view-models/logging';
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { z } from 'zod';
import { codeSpan, escapeText, plainLabel, truncate } from './escape';
import { context, formatMoney, joinWithAnd, pluralizeActivity, section } from './format';
import { fitFallbackText, fitMessage } from './limits';

const HINT = 'try `3 calls, demo with Acme` · `/coach help`';

/** The buttons of a "which deal?" question: one per candidate, "New deal", "No deal" (action ids unique per block). */
export const DEAL_ANSWER_ACTION_PREFIX = 'deal_answer_';
export const DEAL_ANSWER_ACTION = /^deal_answer_\d+$/;
export const ZDealAnswerValue = z.object({
  questionId: z.number().int().positive(),
  answer: z.union([z.object({ dealId: z.number().int().positive() }), z.literal('new'), z.literal('none')]),
});
export type TDealAnswerValue = z.infer<typeof ZDealAnswerValue>;

/** Undo of a deal this message created. */
export const UNDO_NEW_DEAL_ACTION = 'undo_new_deal';
export const ZUndoNewDealValue = z.object({ dealId: z.number().int().positive(), logEntryId: z.number().int().positive() });

// Slack allows 25 elements in an actions block; a question shows at most 5 candidates plus its two ways out.
const MAX_CANDIDATES = 5;
// A reply about a typo must stay readable: long pieces are cut, and only the first few are echoed.
const MAX_PIECE = 80;
const MAX_PIECES = 10;

/** The reply to a `/log`, a check-in thread reply or a DM: what was logged, what was not understood, what went wrong. */
export function renderLogConfirmation(view: TLogConfirmationView): { blocks: KnownBlock[]; text: string } {
  if (view.removed) {
    const text = ':wastebasket: Removed the activity logged from that message.';
    return { blocks: fitMessage([section(text)]), text };
  }
  const updates = view.dealUpdates.map(dealUpdateText);
  const headline = headlineText(view, updates);
  const blocks: KnownBlock[] = [section(headline)];
  const spreads = view.activities.filter((a) => a.spread).map((a) => `${pluralizeActivity(a.type, a.count)} ${escapeText(a.spread ?? '')}`);
  if (spreads.length > 0) blocks.push(context(`${capitalize(joinWithAnd(spreads))} — edit your message to split it differently.`));
  for (const closed of view.activities.filter((a) => a.deal && a.dealClosed)) {
    blocks.push(context(`*${dealName(closed.deal ?? '')}* is already ${closed.dealClosed}, so it stays closed. To reopen it, move it to a stage: \`moved ${dealName(closed.deal ?? '')} to …\``));
  }
  // A message that only corrected or only noted says so in its headline; otherwise each gets its line.
  const onlyCorrections = view.activities.length === 0 && updates.length === 0 && !view.nothing;
  const corrections = (view.corrections ?? []).slice(onlyCorrections ? 1 : 0);
  if (corrections.length > 0) blocks.push(section(corrections.map(correctionText).join('\n')));
  const onlyNotes = onlyCorrections && !view.corrections?.length;
  const notes = (view.notes ?? []).slice(onlyNotes ? 1 : 0, MAX_PIECES);
  if (notes.length > 0) blocks.push(section(notes.map(noteText).join('\n')));
  for (const deal of view.newDeals ?? []) blocks.push(newDealBlock(deal));
  if (view.dismissedDeals?.length && (view.activities.length > 0 || updates.length > 0)) {
    blocks.push(context(`Left ${joinWithAnd(view.dismissedDeals.map((n) => `*${dealName(n)}*`))} without a deal.`));
  }
  if (view.undoneDeals?.length) {
    const names = joinWithAnd(view.undoneDeals.map((n) => `*${dealName(n)}*`));
    blocks.push(context(`:leftwards_arrow_with_hook: Undone: no new deal ${names}; the activity stays logged without a deal.`));
  }
  for (const question of view.questions ?? []) blocks.push(...questionBlocks(question));
  if (view.unmatchedDeals?.length) {
    const names = joinWithAnd(view.unmatchedDeals.slice(0, MAX_PIECES).map((n) => `*${dealName(n)}*`));
    blocks.push(context(`None of your open deals is called ${names}, so that stays in your message only.`));
  }
  // The first deal update may be the headline itself; the rest follow one per line.
  const restUpdates = view.activities.length > 0 ? updates : updates.slice(1);
  if (restUpdates.length > 0) {
    const lines = restUpdates.slice(0, MAX_PIECES).map(capitalize);
    if (restUpdates.length > MAX_PIECES) lines.push(`…and ${restUpdates.length - MAX_PIECES} more deal updates`);
    blocks.push(section(lines.join('\n')));
  }
  if (view.unknown.length > 0) blocks.push(section(unknownText(view.unknown)));
  if (view.problems.length > 0) blocks.push(section(problemsText(view.problems)));
  // Only message sources (thread replies, DMs) can be edited; a /log reply cannot, so the hint waits for an edit.
  if (view.edited && (view.activities.length > 0 || updates.length > 0)) {
    blocks.push(context('Edit your message again to change it, or delete it to remove the activity.'));
  }
  return { blocks: fitMessage(blocks), text: fitFallbackText(headline) };
}

function activityText(activity: TLogConfirmationView['activities'][number]): string {
  const what = pluralizeActivity(activity.type, activity.count);
  const deal = activity.deal ? ` (${dealName(activity.deal)})` : '';
  return `${what}${deal}${activity.day ? ` ${dayText(activity.day)}` : ''}`;
}

/** "yesterday (Sun 6 Dec)" and "today" as they are; a date as "on Fri 4 Dec". */
function dayText(day: string): string {
  return /^(yesterday|today)/.test(day) ? escapeText(day) : `on ${escapeText(day)}`;
}

function nothingText(reason: NonNullable<TLogConfirmationView['nothing']>): string {
  const pause = 'If you’ll be out a few days, `/coach pause 3d` holds my messages until you’re back.';
  if (reason === 'sick') return `:herb: Thanks for letting me know — feel better. Nothing logged for today, and nothing to catch up on. ${pause}`;
  if (reason === 'away') return `:palm_tree: Thanks for letting me know — enjoy the time off. Nothing logged. ${pause}`;
  return ':ok_hand: Got it — nothing logged for today. Some days are like that.';
}

function correctionText(c: NonNullable<TLogConfirmationView['corrections']>[number]): string {
  const day = c.day ? `, ${dayText(c.day)}` : '';
  return `:pencil2: Corrected your last entry: ${c.before} → ${pluralizeActivity(c.type, c.after)}${day}.`;
}

function noteText(note: NonNullable<TLogConfirmationView['notes']>[number]): string {
  const text = truncate(escapeText(note.text), MAX_PIECE * 2);
  return note.deal ? `:memo: Noted on *${dealName(note.deal)}*: ${text}` : `:memo: Noted: ${text} (kept with your message, not counted as extra activity)`;
}

function button(label: string, actionId: string, value: Record<string, unknown>, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: plainLabel(label, 75) },
    value: JSON.stringify(value),
    ...(style ? { style } : {}),
  };
}

function newDealBlock(deal: NonNullable<TLogConfirmationView['newDeals']>[number]): KnownBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: `:seedling: New deal *${dealName(deal.name)}*.` },
    accessory: button('Undo', UNDO_NEW_DEAL_ACTION, { dealId: deal.dealId, logEntryId: deal.logEntryId }),
  };
}

/** "Globex 220 · Prospecting · $24k": enough to tell two Globexes apart. */
function candidateLabel(c: TDealQuestionView['candidates'][number]): string {
  return [c.name, c.stage, c.amountCents != null ? formatMoney(c.amountCents) : undefined].filter(Boolean).join(' · ');
}

function questionBlocks(question: TDealQuestionView): KnownBlock[] {
  const name = `*${dealName(question.name)}*`;
  const what = escapeText(question.what);
  const answer = (i: number, label: string, value: TDealAnswerValue['answer'], style?: 'primary') =>
    button(label, `${DEAL_ANSWER_ACTION_PREFIX}${i}`, { questionId: question.id, answer: value }, style);
  if (question.kind === 'create') {
    const text = `:grey_question: None of your open deals is called ${name}. Create it for ${what}?`;
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `deal_question_${question.id}`,
      elements: [answer(0, `Create ${question.name}`, 'new', 'primary'), answer(1, 'No, leave it', 'none')],
    };
    return [section(text), actions];
  }
  const text = question.near
    ? `:grey_question: None of your open deals is called ${name} — did you mean one of these, for ${what}? Until you pick, it is logged without a deal.`
    : `:grey_question: Which ${name} for ${what}? Until you pick, it is logged without a deal.`;
  const shown = question.candidates.slice(0, MAX_CANDIDATES);
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `deal_question_${question.id}`,
    elements: [
      ...shown.map((c, i) => answer(i, candidateLabel(c), { dealId: c.dealId })),
      ...(question.offerNew ? [answer(shown.length + 1, `New deal ${question.name}`, 'new')] : []),
      answer(shown.length, 'None of these', 'none'),
    ],
  };
  return [section(text), actions];
}

function dealUpdateText(update: TLogConfirmationView['dealUpdates'][number]): string {
  const deal = `*${dealName(update.deal)}*`;
  const amount = update.amountCents !== undefined ? ` (${formatMoney(update.amountCents)})` : '';
  const reopened = update.reopened ? ' (it was closed: reopened)' : '';
  if (update.already && update.outcome) return `${deal} was already ${update.outcome}${amount ? `; amount set to ${formatMoney(update.amountCents ?? 0)}` : ''}`;
  if (update.outcome === 'won') return `won ${deal}${amount}${update.reopened ? ' (it was lost before)' : ''} :trophy:`;
  if (update.outcome === 'lost') return `lost ${deal}${amount}${update.reopened ? ' (it was won before)' : ''}`;
  if (update.stage) return `moved ${deal} to ${escapeText(update.stage)}${amount}${reopened}`;
  if (update.amountCents !== undefined) {
    const was = update.amountWasCents !== undefined ? ` (was ${formatMoney(update.amountWasCents)})` : '';
    return `set ${deal} to ${formatMoney(update.amountCents)}${was}`;
  }
  return `updated ${deal}`;
}

function headlineText(view: TLogConfirmationView, updates: readonly string[]): string {
  const lead = view.edited ? ':pencil2: Updated:' : ':white_check_mark:';
  if (view.activities.length > 0) {
    const when = view.whenLabel ? ` for ${escapeText(view.whenLabel)}` : '';
    const logged = joinWithAnd(view.activities.map(activityText));
    return `${lead} ${view.edited ? 'logged' : 'Logged'} ${logged}${when}`;
  }
  const [first] = updates;
  if (first !== undefined) return `${lead} ${view.edited ? first : capitalize(first)}`;
  if (view.nothing) return nothingText(view.nothing);
  const [correction] = view.corrections ?? [];
  if (correction) return correctionText(correction);
  const [note] = view.notes ?? [];
  if (note) return noteText(note);
  if (view.questions?.length) return ':thinking_face: One question before I log that:';
  if (view.dismissedDeals?.length) return `:ok_hand: Left ${joinWithAnd(view.dismissedDeals.map((n) => `*${dealName(n)}*`))} alone — nothing recorded.`;
  if (view.unmatchedDeals?.length) return ':warning: Nothing noted — I kept your text, so nothing is lost.';
  if (view.problems.length > 0) return ':warning: Nothing logged from that — here is why (your text is kept, so nothing is lost):';
  const what = view.edited ? 'the edited message' : 'that';
  return `:warning: I couldn't find anything to log in ${what}, so nothing was logged — but I kept your text, so nothing is lost.`;
}

function unknownText(unknown: readonly string[]): string {
  const shown = unknown.slice(0, MAX_PIECES).map((piece) => codeSpan(piece, MAX_PIECE));
  const more = unknown.length > MAX_PIECES ? ` and ${unknown.length - MAX_PIECES} more` : '';
  return `I didn't understand: ${shown.join(', ')}${more} — ${HINT}`;
}

function problemsText(problems: TLogConfirmationView['problems']): string {
  const lines = problems
    .slice(0, MAX_PIECES)
    .map((problem) => `:warning: ${codeSpan(problem.source, MAX_PIECE)} — ${escapeText(problem.message)}`);
  if (problems.length > MAX_PIECES) lines.push(`…and ${problems.length - MAX_PIECES} more`);
  return lines.join('\n');
}

function dealName(userText: string): string {
  return truncate(escapeText(userText.replace(/\s+/g, ' ').trim()), MAX_PIECE);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}


/** The answer to a question written where activity is logged: nothing was counted, and where a question goes instead. */
export function renderQuestionNotLogged(): { blocks: KnownBlock[]; text: string } {
  const text =
    "That reads like a question, so I didn't log anything. To log what you did, write it like `3 calls, demo with Acme`. " +
    'A question about a call review goes to your manager with *Ask … a question* on the review (or as a reply in the review’s own DM).';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
