import { retryWhenBusy, type TDb } from '../../../db/client';
import { findReviewDm } from '../../../db/repositories/call-review-threads';
import { findCallReview, insertReviewComment, type TCallReviewCommentRow } from '../../../db/repositories/call-reviews';
import { findPersonById, findPersonBySlackId } from '../../../db/repositories/people';
import { clipComment, mayAnswerQuestion } from '../../domain/review-comments';
import { renderAnswer, renderAnswerOutcome } from '../../slack/blocks/review-thread';
import { reviewCommentSourceRef, threadParty, type TThreadPost } from './ask-about-review';
import type { TReviewThreadSlack } from './thread-port';

export type TAnswerReviewQuestionInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  workspaceId: string;
  /** The rep's question whose copy this message replies to. */
  question: TCallReviewCommentRow;
  message: TThreadPost;
  now: Date;
  onError: (error: unknown, what: string) => void;
};

export type TAnswerResult = 'ignored' | 'refused' | 'duplicate' | 'answered' | 'failed';

/**
 * A reply in the thread of a question Canopy passed on: kept with the review and posted in the rep's review thread.
 * Only the rep's manager or an admin may answer (a reviewer who has since lost the rep is told so, and nothing
 * reaches the rep: SPEC §2 privacy).
 */
export async function answerReviewQuestion(input: TAnswerReviewQuestionInput): Promise<TAnswerResult> {
  const { db, slack, message } = input;
  const review = findCallReview(db, input.workspaceId, input.question.reviewId);
  const rep = review && findPersonById(db, review.repId);
  if (!review || !rep) return 'ignored';
  const repRef = { slackUserId: rep.slackUserId, name: rep.name };
  const here = { channel: message.channel, threadTs: message.threadTs };
  const author = findPersonBySlackId(db, input.workspaceId, message.user);
  if (!author || !mayAnswerQuestion(threadParty(author), rep)) {
    await slack.post(here, renderAnswerOutcome({ kind: 'refused', rep: repRef })).catch((e: unknown) => input.onError(e, 'could not refuse an answer'));
    return 'refused';
  }
  const answer = clipComment(message.text);
  if (answer.stored === '') return 'ignored';
  const comment = await retryWhenBusy(() =>
    insertReviewComment(db, {
      workspaceId: input.workspaceId,
      reviewId: review.id,
      authorId: author.id,
      text: answer.stored,
      sourceRef: reviewCommentSourceRef(message.channel, message.ts),
      createdAt: input.now,
    }),
  );
  if (!comment) return 'duplicate';
  try {
    const repThread = findReviewDm(db, review);
    if (!repThread) throw new Error(`review ${review.id} has no DM to answer in`);
    await slack.post({ channel: repThread.channel, threadTs: repThread.ts }, renderAnswer({ author: { slackUserId: author.slackUserId, name: author.name }, answer }));
    await slack.post(here, renderAnswerOutcome({ kind: 'sent', rep: repRef, answer }));
    return 'answered';
  } catch (error) {
    input.onError(error, 'could not pass an answer about a review back');
    await slack.post(here, renderAnswerOutcome({ kind: 'not sent', rep: repRef })).catch((e: unknown) => input.onError(e, 'could not tell who answered that it was not passed on'));
    return 'failed';
  }
}
