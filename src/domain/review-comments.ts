import { canReadReview, REVIEW_TEXT_MAX, type TReviewParty } from './call-reviews';
import { cutWhole } from './text-cut';

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

/** A question or answer, trimmed, as it is kept and passed on; nothing is cut without the counts saying so. */
export function clipComment(raw: string): TClippedComment {
  const text = raw.trim();
  const stored = cutWhole(text, REVIEW_COMMENT_STORED_MAX);
  const shown = cutWhole(stored, REVIEW_TEXT_MAX.comment);
  return { stored, shown, shownCut: text.length - shown.length, storedCut: text.length - stored.length };
}

/** A comment's idempotency key: the Slack message (`channel:ts`), so a retried event is stored and passed on once. */
export const reviewCommentSourceRef = (channel: string, ts: string) => `${channel}:${ts}`;

/** A person as the thread's rules see them (`reviewParty` builds one from a person row). */
type TThreadAuthor = Pick<TReviewParty, 'id' | 'isAdmin' | 'isDeleted'>;
type TThreadRep = Pick<TReviewParty, 'id' | 'managerId'>;

/** Who receives a rep's question about a review: the reviewer, else the rep's manager; none when nobody may. */
export type TQuestionRecipient = { kind: 'reviewer'; id: number } | { kind: 'manager'; id: number } | { kind: 'nobody' };

/**
 * The reviewer answers questions about their review while they may still read it (the rep's manager or an admin,
 * SPEC §2 privacy); when they are gone (forgotten: null, or deactivated) or no longer may, the rep's current manager
 * does; with neither, nobody does (the question stays with the review for the next 1:1).
 */
export function questionRecipient(rep: TThreadRep, reviewer: TThreadAuthor | null, manager: TThreadAuthor | null): TQuestionRecipient {
  if (reviewer !== null && mayAnswerQuestion(reviewer, rep)) return { kind: 'reviewer', id: reviewer.id };
  if (manager !== null && mayAnswerQuestion(manager, rep)) return { kind: 'manager', id: manager.id };
  return { kind: 'nobody' };
}

/**
 * Whether this person may receive or answer a question about the rep's review: someone who may read it
 * (`canReadReview`: the rep's manager or an admin), still active, and not the rep.
 */
export function mayAnswerQuestion(author: TThreadAuthor, rep: TThreadRep): boolean {
  return !author.isDeleted && author.id !== rep.id && canReadReview(author, { repId: rep.id, repManagerId: rep.managerId });
}

/** What becomes of a kept question or answer, and of its copy on the other side, when its author edits or deletes it. */
export type TThreadChangeAction = { kept: 'remove' | 'update' | 'keep'; copy: 'remove' | 'update' | 'keep' };

/**
 * A question or answer follows its author's edits and deletions, as logged activity does (SPEC §3): a deletion
 * removes it and the copy passed on; an edit changes both, so the other side reads what the author now says. Only
 * the author's own edit counts, and new words reach only someone who may still read the review (SPEC §2): an answer
 * from someone who no longer may is left as it was, and a question's copy held by someone who no longer may is
 * not updated.
 */
export function threadChangeAction(change: {
  kind: 'edited' | 'deleted';
  /** The edit is by the comment's author (a deletion event does not say who). */
  byAuthor: boolean;
  /** The edited text, clipped; ignored for a deletion. */
  text: string;
  /** A copy was passed on (a question to the reviewer's DM, an answer to the rep's thread). */
  relayed: boolean;
  /** The author is the rep (a question), else an answer. */
  isQuestion: boolean;
  /** The new words may be passed on: for an answer, its author may still answer; for a question, whoever holds its copy may still read the review. */
  mayPassOn: boolean;
}): TThreadChangeAction {
  const keep: TThreadChangeAction = { kept: 'keep', copy: 'keep' };
  if (change.kind === 'deleted') return { kept: 'remove', copy: change.relayed ? 'remove' : 'keep' };
  if (!change.byAuthor || change.text === '') return keep;
  if (!change.isQuestion && !change.mayPassOn) return keep;
  return { kept: 'update', copy: change.relayed && change.mayPassOn ? 'update' : 'keep' };
}

/**
 * A question asked with a review card's "Ask … a question" button (in a check-in, a digest or the Home tab) is kept
 * under its form's view id, so a submission Slack delivers twice is stored and passed on once.
 */
export const reviewQuestionFormRef = (viewId: string) => `view:${viewId}`;

/**
 * Where the answer to a rep's question reaches them: in their review DM's thread when they asked there; as a new DM
 * when they asked with a card's button, or the review has no DM thread (it was carried by a check-in or digest, or its
 * DM was never sent). `questionRef` null: the question is no longer known (deleted) — the thread when there is one.
 */
export function answerPlace(questionRef: string | null, hasReviewThread: boolean): 'thread' | 'dm' {
  if (!hasReviewThread) return 'dm';
  return questionRef !== null && questionRef.startsWith('view:') ? 'dm' : 'thread';
}
