import type { KnownBlock } from '@slack/types';
import { REVIEW_TEXT_MAX } from '../../domain/call-reviews';
import { REVIEW_COMMENT_STORED_MAX, type TClippedComment } from '../../domain/review-comments';
import { escapeText, recordingLink, truncate } from './escape';
import { context, section } from './format';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';
import type { TAnswerOutcomeView, TAnswerView, TQuestionOutcomeView, TRelayedQuestionView, TThreadPersonRef } from './view-models/review-thread';

/*
 * The messages of a review's thread (SPEC §1, call reviews): a rep's question passed to whoever answers it, the
 * answer passed back, and the short notes each side gets. User text is always escaped; recording links go through
 * `recordingLink` only.
 */

type TRendered = { text: string; blocks: KnownBlock[] };

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
/** A mention built from an id we checked (in a DM it notifies nobody else), else the escaped name. */
const who = (p: TThreadPersonRef) => (SLACK_USER_ID.test(p.slackUserId) ? `<@${p.slackUserId}>` : `*${escapeText(p.name || 'someone')}*`);
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The text as quoted to the other side, in a section of its own: escaped first (escaping can make it several times
 * longer), then clipped to what the section holds without splitting an entity, with an ellipsis where it was shortened.
 */
function quote(c: TClippedComment): { text: string; clipped: boolean } {
  const escaped = `${escapeText(c.shown)}${c.shownCut > 0 ? '…' : ''}`;
  const fitted = truncate(escaped, MAX_SECTION_TEXT - 2);
  return { text: `“${fitted}”`, clipped: fitted !== escaped };
}

/** Says how much of a long question or answer the quote shows. */
function shownNote(what: 'question' | 'answer', c: TClippedComment, q: { clipped: boolean }): string[] {
  if (q.clipped) return [`The ${what} was longer than one message holds; this is its start.`];
  return c.shownCut > 0 ? [`The ${what} was longer; this is its first ${count(REVIEW_TEXT_MAX.comment)} characters.`] : [];
}

/** Each text its own section; notes and instructions in a context block, so clipping a long section never drops them. */
function rendered(sections: string[], notes: string[] = []): TRendered {
  const blocks: KnownBlock[] = sections.map((t) => section(t));
  if (notes.length) blocks.push(context(...notes));
  return { text: fitFallbackText([...sections, ...notes].join('\n')), blocks: fitMessage(blocks) };
}

/** The rep's question in the DM of whoever answers it; a reply in its thread goes back to the rep. */
export function renderRelayedQuestion(view: TRelayedQuestionView): TRendered {
  const whose = view.reviewer === 'you' ? 'your review' : view.reviewer.name ? `${escapeText(view.reviewer.name)}'s review` : 'a review';
  const q = quote(view.question);
  const notes = view.reviewer === 'you' ? [] : [`It comes to you as ${who(view.rep)}'s manager.`];
  notes.push("Reply in this thread and I'll pass it on.", ...shownNote('question', view.question, q));
  return rendered([`${who(view.rep)} asked about ${whose} of ${recordingLink(view.url, truncate(view.label, 80))}:`, q.text], notes);
}

/** The rep's note in their review's thread after asking. */
export function renderQuestionOutcome(view: TQuestionOutcomeView): TRendered {
  if (view.kind === 'not sent') return rendered(["I couldn't pass that on just now. Please send it again in a minute."]);
  const notes = clippedNote(view.question, view.kind === 'sent' ? `${who(view.to)} sees` : null);
  if (view.kind === 'nobody') {
    return rendered(["There's nobody I can pass this to right now: you have no manager in Canopy. Your question is kept with the review, so you can bring it up at your next 1:1."], notes);
  }
  const where =
    view.answerIn === 'review thread' ? 'will appear in the thread of my message with the review' : view.answerIn === 'dm' ? 'will come to you as a DM from me' : 'will appear here';
  return rendered([`Sent to ${who(view.to)}. Their answer ${where}.`], notes);
}

/** An answer in the rep's review thread. */
export function renderAnswer(view: TAnswerView): TRendered {
  const q = quote(view.answer);
  return rendered([`${who(view.author)} answered:`, q.text], shownNote('answer', view.answer, q));
}

/**
 * An answer that comes to the rep as a DM of its own — they asked with a review card's button, or the review has no
 * DM thread to answer in: who answered, about which call, and the answer. Solicited: it answers the rep's question.
 */
export function renderAnswerDm(view: TAnswerView & { url: string; label: string }): TRendered {
  const q = quote(view.answer);
  return rendered(
    [`${who(view.author)} answered your question about ${recordingLink(view.url, truncate(view.label, 80))}:`, q.text],
    [...shownNote('answer', view.answer, q), 'To ask more, reply in this thread.'],
  );
}

/** The note to whoever answered, in the relayed question's thread. */
export function renderAnswerOutcome(view: TAnswerOutcomeView): TRendered {
  if (view.kind === 'refused') {
    return rendered([`You're not ${who(view.rep)}'s manager, so I didn't pass this on: a review stays between the rep, their manager and admins.`]);
  }
  if (view.kind === 'not sent') return rendered([`I couldn't pass that on to ${who(view.rep)} just now. Please send it again in a minute.`]);
  return rendered([`Sent to ${who(view.rep)}.`], clippedNote(view.answer, `${who(view.rep)} sees`));
}

/** Says what of a long message the other side sees and what was kept (nothing is cut silently). */
function clippedNote(c: TClippedComment, sees: string | null): string[] {
  const kept =
    c.storedCut > 0
      ? `I kept its first ${count(REVIEW_COMMENT_STORED_MAX)} characters; the last ${count(c.storedCut)} were cut, so send them as another reply.`
      : 'The full text is kept with the review.';
  if (sees === null) return c.storedCut > 0 ? [`That was long: ${kept}`] : [];
  if (c.shownCut === 0) return [];
  return [`That was long: ${sees} its first ${count(REVIEW_TEXT_MAX.comment)} characters. ${kept}`];
}
