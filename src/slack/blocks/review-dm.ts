import type { KnownBlock } from '@slack/types';
import { FORMER_COLLEAGUE } from '../../domain/call-reviews';
import { escapeText, recordingLink, truncate } from './escape';
import { context, section } from './format';
import { HOME_SETTINGS_ACTION } from './home';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';
import { reviewerText, reviewLink, stageSuffix } from './review-text';
import { reviewAskBlock } from './review-ask';
import { reviewTriedBlock } from './review-tried';
import type { TReviewCardView, TReviewDmView } from './view-models/review-dm';


/*
 * A call review as the rep gets it (SPEC §1, `/coach review`): its own DM, or a compact card in their next check-in or
 * weekly digest when the DM was held back (the budget, a pause, away, a holiday). Both carry "I tried it" (and, once tried, its Undo) in one block whose
 * id names the review, so a click re-renders that block in place in whichever message it is (`withReviewTried`).
 */

const NAME_MAX = 80;
const STAGE_MAX = 40;
/** In a check-in or digest each review is a few lines: the texts are clipped there (the DM and the Home tab have them whole). */
const COMPACT_TEXT_MAX = 280;
/** A check-in or digest carries at most this many reviews; the rest are on the Home tab. */
export const CARRIED_REVIEWS_SHOWN = 3;

/** The review's DM to the rep: who reviewed which call, what went well, the one thing, the exemplar, "I tried it", and why it came. */
export function renderReviewDm(view: TReviewDmView): { text: string; blocks: KnownBlock[] } {
  const reviewer = reviewerOf(view);
  const blocks: KnownBlock[] = [
    section(`:speech_balloon: *${reviewer} reviewed your* ${callText(view)}`),
    section(clip(`*What went well*\n${escapeText(view.wentWell)}`, MAX_SECTION_TEXT)),
    section(clip(`*One thing to work on${stageSuffix(view.oneThingStageName)}*\n${escapeText(view.oneThing)}`, MAX_SECTION_TEXT)),
  ];
  if (view.exemplar) blocks.push(section(`*Compare with:* ${recordingLink(view.exemplar.url, truncate(view.exemplar.title, NAME_MAX))} — a call from the team's library for this stage`));
  blocks.push(reviewTriedBlock(view.id, view.tried));
  // Whoever a question goes to now (the reviewer, or the rep's current manager): the DM is written at send time.
  blocks.push(
    context(
      view.askName !== null
        ? `Questions? Reply in this thread and I'll pass them to ${reviewerText(view.askName)}.`
        : "Questions? Reply in this thread: you have no manager in Canopy right now, so they're kept with the review for your next 1:1.",
    ),
  );
  blocks.push(
    context(
      view.requested
        ? `Why you got this: you asked for a review of this call, so it doesn't count toward your messages from me. Pause everything with \`/coach pause 1w\`, or change what you get with Settings.`
        : `Why you got this: ${reviewer} reviewed a call of yours. It counts toward your ${budgetText(view)} from me (digest and check-ins included); when those are used up, a review comes with your next check-in or weekly digest instead. Pause everything with \`/coach pause 1w\`, or change what you get with Settings.`,
    ),
    { type: 'actions', elements: [{ type: 'button', action_id: HOME_SETTINGS_ACTION, text: { type: 'plain_text', text: 'Settings', emoji: true }, value: 'review' }] },
  );
  const stageName = view.oneThingStageName !== null ? ` (${view.oneThingStageName})` : '';
  const plain = `${view.reviewerName ?? capitalised(FORMER_COLLEAGUE)} reviewed your call. One thing to work on${stageName}: ${view.oneThing}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(escapeText(truncate(plain, 300))) };
}

/**
 * The reviews a carrier brings along — the rep's next check-in or weekly digest, when the review's own DM was held
 * back (the budget, a pause, away, a holiday): a heading, each review compactly with its "I tried it" and its "Ask …
 * a question" button (replies in a check-in thread are activity logs, so not "reply here"), and how many more are on
 * the Home tab.
 * None: no blocks at all.
 */
export function carriedReviewBlocks(reviews: readonly TReviewCardView[]): KnownBlock[] {
  if (reviews.length === 0) return [];
  const shown = reviews.slice(0, CARRIED_REVIEWS_SHOWN);
  const more = reviews.length - shown.length;
  const intro =
    reviews.length === 1
      ? "*A call review for you*\nHere rather than in a message of its own, to keep Canopy's messages to you few."
      : `*${reviews.length} call reviews for you*\nHere rather than in messages of their own, to keep Canopy's messages to you few.`;
  const blocks: KnownBlock[] = [section(intro)];
  for (const review of shown) {
    blocks.push(section(clip(compactText(review), MAX_SECTION_TEXT)), reviewTriedBlock(review.id, review.tried), reviewAskBlock(review.id, review.askName));
  }
  if (more > 0) blocks.push(context(`…and ${more} more on your Home tab.`));
  return blocks;
}

/** The carried reviews in a carrier's notification text (what a lock screen shows): '' for none. */
export function carriedReviewsText(reviews: readonly TReviewCardView[]): string {
  if (reviews.length === 0) return '';
  return reviews.length === 1 ? 'A call review for you is inside.' : `${reviews.length} call reviews for you are inside.`;
}

function compactText(review: TReviewCardView): string {
  const lines = [
    `:speech_balloon: *${reviewerOf(review)}* reviewed your ${callText(review)}`,
    `*Went well:* ${escapeText(truncate(flat(review.wentWell), COMPACT_TEXT_MAX))}`,
    `*One thing${stageSuffix(review.oneThingStageName)}:* ${escapeText(truncate(flat(review.oneThing), COMPACT_TEXT_MAX))}`,
  ];
  if (review.exemplar) lines.push(`*Compare with:* ${recordingLink(review.exemplar.url, truncate(review.exemplar.title, NAME_MAX))}`);
  return lines.join('\n');
}

/** The recording's link on its name (deal or site, and day: 'gong.io call, Mon 7 Dec'), then the call's stage when known: `<link> (discovery)`. */
function callText(view: TReviewCardView): string {
  return `${reviewLink(view)}${view.callStageName !== null ? ` (${stage(view.callStageName)})` : ''}`;
}

function reviewerOf(view: TReviewCardView): string {
  return reviewerText(view.reviewerName, true);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function budgetText(view: TReviewDmView): string {
  return `${view.budget.max === 1 ? 'one message' : `${view.budget.max} messages`} a ${view.budget.per}`;
}

function stage(text: string): string {
  return escapeText(truncate(flat(text), STAGE_MAX));
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return truncate(text, max - 50);
}

