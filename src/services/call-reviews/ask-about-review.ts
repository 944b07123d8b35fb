import type { TDb } from '../../../db/client';
import { findReviewDm, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import { findPersonById } from '../../../db/repositories/people';
import { answerPlace, clipComment, reviewCommentSourceRef } from '../../domain/review-comments';
import { renderQuestionOutcome } from '../../slack/blocks/review-thread';
import { passQuestionOn } from './pass-question-on';
import type { TReviewThreadSlack } from './thread-port';

export type TThreadPost = { channel: string; user: string; text: string; ts: string; threadTs: string };

export type TAskAboutReviewInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  workspaceId: string;
  review: TCallReviewRow;
  /** The rep's reply in their review DM's thread, or in the thread of an answer that came as a DM of its own (`askedIn`). */
  message: TThreadPost;
  askedIn?: 'review thread' | 'answer dm';
  now: Date;
  onError: (error: unknown, what: string) => void;
};

export type TAskResult = 'ignored' | 'duplicate' | 'asked' | 'nobody to ask' | 'failed';

/**
 * A rep's question in their review DM's thread (SPEC §1, call reviews): kept with the review, then passed to the
 * reviewer's DM — or to the rep's current manager when the reviewer is gone or may no longer read it — and the rep
 * told where it went. With nobody to pass it to, the rep is told it is kept for their next 1:1. When it cannot be
 * passed on, it is not kept either: the rep is asked to send it again, and only what the manager received is counted.
 */
export async function askAboutReview(input: TAskAboutReviewInput): Promise<TAskResult> {
  const { db, slack, review, message } = input;
  const rep = await findPersonById(db, review.repId);
  // The review DM is a 1:1 with the rep, so anyone else writing there is not possible; ignore it if it happens.
  if (!rep || rep.slackUserId !== message.user) return 'ignored';
  const question = clipComment(message.text);
  if (question.stored === '') return 'ignored';
  const passed = await passQuestionOn({ ...input, rep, question, sourceRef: reviewCommentSourceRef(message.channel, message.ts) });
  if (passed.kind === 'duplicate') return 'duplicate';

  const thread = { channel: message.channel, threadTs: message.threadTs };
  // Asked under an answer DM: the answer goes where every thread question's does (`answerPlace`), so say where that is.
  const sourceRef = reviewCommentSourceRef(message.channel, message.ts);
  const answerIn: 'here' | 'review thread' | 'dm' = input.askedIn !== 'answer dm' ? 'here' : answerPlace(sourceRef, (await findReviewDm(db, review)) !== undefined) === 'thread' ? 'review thread' : 'dm';
  const outcome = passed.kind === 'sent' ? { kind: 'sent' as const, to: passed.to, question, answerIn } : passed.kind === 'nobody' ? { kind: 'nobody' as const, question } : { kind: 'not sent' as const };
  await slack.post(thread, renderQuestionOutcome(outcome)).then(
    () => undefined,
    (e: unknown) => input.onError(e, 'could not tell the rep what became of their question'),
  );
  return passed.kind === 'sent' ? 'asked' : passed.kind === 'nobody' ? 'nobody to ask' : 'failed';
}
