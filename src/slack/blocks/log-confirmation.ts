import type { TLogConfirmationView } from './view-models/logging';
import type { KnownBlock } from '@slack/types';
import { codeSpan, escapeText, truncate } from './escape';
import { context, formatMoney, joinWithAnd, pluralizeActivity, section } from './format';
import { fitFallbackText, fitMessage } from './limits';

const HINT = 'try `3 calls, demo with Acme` · `/coach help`';
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
  return activity.deal ? `${what} (${dealName(activity.deal)})` : what;
}

function dealUpdateText(update: TLogConfirmationView['dealUpdates'][number]): string {
  const deal = `*${dealName(update.deal)}*`;
  const amount = update.amountCents !== undefined ? ` (${formatMoney(update.amountCents)})` : '';
  if (update.outcome === 'won') return `won ${deal}${amount} :trophy:`;
  if (update.outcome === 'lost') return `lost ${deal}`;
  if (update.stage) return `moved ${deal} to ${escapeText(update.stage)}${amount}`;
  if (update.amountCents !== undefined) return `set ${deal} to ${formatMoney(update.amountCents)}`;
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

