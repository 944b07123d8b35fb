import { canReadReview, REVIEW_TEXT_MAX } from './call-reviews';

/*
 * Questions and answers in a review's thread (SPEC §1, call reviews): the rep replies to their review DM, Canopy
 * passes the question to whoever can answer it and passes the answer back. Pure rules: how much of a message is kept
 * and shown, and who receives a question.
 */

/** The most of one thread message Canopy keeps; anything longer is cut here and the writer is told. */
export const REVIEW_COMMENT_STORED_MAX = 4_000;

/**
 * A thread message as kept and as passed on: `stored` (up to `REVIEW_COMMENT_STORED_MAX`), `shown` (up to
 * `REVIEW_TEXT_MAX.comment`, what the other side reads), and how many characters each left out.
 */
export type TClippedComment = { stored: string; shown: string; shownCut: number; storedCut: number };

/** Cuts text to at most `max` UTF-16 units without splitting an emoji's surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A question or answer, trimmed, as it is kept and passed on; nothing is cut without the counts saying so. */
export function clipComment(raw: string): TClippedComment {
  const text = raw.trim();
  const stored = cut(text, REVIEW_COMMENT_STORED_MAX);
  const shown = cut(stored, REVIEW_TEXT_MAX.comment);
  return { stored, shown, shownCut: text.length - shown.length, storedCut: text.length - stored.length };
}

/** A person as the question routing sees them. */
export type TThreadParty = { id: number; isAdmin: boolean; isDeleted: boolean };

/** Who receives a rep's question about a review: the reviewer, else the rep's manager; none when nobody may. */
export type TQuestionRecipient = { kind: 'reviewer'; id: number } | { kind: 'manager'; id: number } | { kind: 'nobody' };

/**
 * The reviewer answers questions about their review while they may still read it (the rep's manager or an admin,
 * SPEC §2 privacy); when they are gone (forgotten: null, or deactivated) or no longer may, the rep's current manager
 * does; with neither, nobody does (the question stays with the review for the next 1:1).
 */
export function questionRecipient(rep: { id: number; managerId: number | null }, reviewer: TThreadParty | null, manager: TThreadParty | null): TQuestionRecipient {
  const mayAnswer = (p: TThreadParty | null): p is TThreadParty => p !== null && mayAnswerQuestion(p, rep);
  if (mayAnswer(reviewer)) return { kind: 'reviewer', id: reviewer.id };
  if (manager !== null && manager.id === rep.managerId && mayAnswer(manager)) return { kind: 'manager', id: manager.id };
  return { kind: 'nobody' };
}

/** Whether this person may answer in a relayed question's thread: the rep's manager or an admin, still active. */
export function mayAnswerQuestion(author: TThreadParty, rep: { id: number; managerId: number | null }): boolean {
  return !author.isDeleted && author.id !== rep.id && canReadReview(author, { repId: rep.id, repManagerId: rep.managerId });
}
