import type { TDb } from '../../../db/client';
import { findCallReview, findCommentByRelay, findCommentBySource, findReviewByDm } from '../../../db/repositories/call-reviews';
import { reviewCommentSourceRef } from '../../domain/review-comments';
import type { TSlackMessage } from '../logging/log-slack-message';
import { askAboutReview, type TAskResult } from './ask-about-review';
import { answerReviewQuestion, type TAnswerResult } from './answer-review-question';
import { followThreadChange, type TFollowResult } from './follow-thread-change';
import type { TReviewThreadSlack } from './thread-port';

export type TReviewThreadMessageInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  workspaceId: string;
  message: TSlackMessage;
  now: Date;
  onError: (error: unknown, what: string) => void;
};

export type TReviewThreadResult = 'not a review thread' | TAskResult | TAnswerResult | TFollowResult;

/**
 * Whether a message in the bot's DM belongs to a review's thread, and if so handles it — before anything tries to
 * log it as activity (SPEC §1 call reviews, §3): a reply to a review DM is the rep's question; a reply to a question
 * passed on is its answer; the rep's reply to an answer that came as a DM of its own (its copy's place is kept with
 * the answer) is a new question about the same review. Edits and deletions of those replies are followed — what is kept and the copy passed on
 * change with them — and are never activity.
 */
export async function handleReviewThreadMessage(input: TReviewThreadMessageInput): Promise<TReviewThreadResult> {
  const { db, workspaceId, message } = input;
  if (!message.isDm || !message.threadTs) return 'not a review thread';
  const review = await findReviewByDm(db, workspaceId, message.channel, message.threadTs);
  const question = review ? undefined : await findCommentByRelay(db, workspaceId, message.channel, message.threadTs);
  if (message.kind !== 'posted') {
    // An answer stays an answer after its question was deleted (its thread is then unknown): found by itself.
    const reviewId = review?.id ?? question?.reviewId ?? (await findCommentBySource(db, workspaceId, reviewCommentSourceRef(message.channel, message.ts)))?.reviewId;
    if (reviewId === undefined) return 'not a review thread';
    const change =
      message.kind === 'edited'
        ? { kind: 'edited' as const, channel: message.channel, user: message.user, text: message.text, ts: message.ts }
        : { kind: 'deleted' as const, channel: message.channel, ts: message.ts };
    return followThreadChange({ ...input, reviewId, change, ...(question ? { question } : {}) });
  }
  if (!review && !question) return 'not a review thread';
  const post = { channel: message.channel, user: message.user, text: message.text, ts: message.ts, threadTs: message.threadTs };
  if (review) return askAboutReview({ ...input, review, message: post });
  const answered = await findCallReview(db, workspaceId, question!.reviewId);
  // The comment is an answer (not the rep's): this thread is the answer DM the rep got; their reply asks again.
  if (answered && question!.authorId !== answered.repId) return askAboutReview({ ...input, review: answered, message: post, askedIn: 'answer dm' });
  return answerReviewQuestion({ ...input, question: question!, message: post });
}
