import { retryWhenBusy, type TDb } from '../../../db/client';
import { deleteReviewComment, findCallReview, findReviewDm, insertReviewComment, setCommentRelay, type TCallReviewCommentRow } from '../../../db/repositories/call-reviews';
import { findPersonById, findPersonBySlackId } from '../../../db/repositories/people';
import { answerPlace, clipComment, mayAnswerQuestion, reviewCommentSourceRef } from '../../domain/review-comments';
import { renderAnswer, renderAnswerDm, renderAnswerOutcome } from '../../slack/blocks/review-thread';
import type { TThreadPost } from './ask-about-review';
import { reviewParty } from './review-party';
import { reviewLabelOf } from './review-summaries';
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
 * A reply in the thread of a question Canopy passed on: kept with the review and posted in the rep's review thread —
 * or, when the rep asked with a review card's button or the review has no DM thread, as a DM of its own to the rep
 * (solicited: never counted in their message budget). Where it landed is kept, so an edit or deletion follows it. Only the rep's manager or an admin may answer
 * (a reviewer who has since lost the rep is told so, and nothing reaches the rep: SPEC §2 privacy). An answer that
 * cannot be passed back is not kept: whoever answered is asked to send it again.
 */
export async function answerReviewQuestion(input: TAnswerReviewQuestionInput): Promise<TAnswerResult> {
  const { db, slack, message } = input;
  const review = await findCallReview(db, input.workspaceId, input.question.reviewId);
  const rep = review && (await findPersonById(db, review.repId));
  // Only a rep's question is passed on for an answer.
  if (!review || !rep || input.question.authorId !== rep.id) return 'ignored';
  const repRef = { slackUserId: rep.slackUserId, name: rep.name };
  const here = { channel: message.channel, threadTs: message.threadTs };
  const author = await findPersonBySlackId(db, input.workspaceId, message.user);
  if (!author || !mayAnswerQuestion(reviewParty(author), reviewParty(rep))) {
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
  let posted;
  try {
    const repThread = await findReviewDm(db, review);
    const authorRef = { slackUserId: author.slackUserId, name: author.name };
    if (repThread && answerPlace(input.question.sourceRef, true) === 'thread') {
      posted = await slack.post({ channel: repThread.channel, threadTs: repThread.ts }, renderAnswer({ author: authorRef, answer }));
    } else {
      // Asked from a card (a check-in, digest or the Home tab), or the review has no DM thread: a DM of its own.
      posted = await slack.post({ channel: await slack.openDm(rep.slackUserId) }, renderAnswerDm({ author: authorRef, answer, url: review.url, label: await reviewLabelOf(db, review, rep.tz) }));
    }
  } catch (error) {
    input.onError(error, 'could not pass an answer about a review back');
    await retryWhenBusy(() => deleteReviewComment(db, comment.id));
    await slack.post(here, renderAnswerOutcome({ kind: 'not sent', rep: repRef })).catch((e: unknown) => input.onError(e, 'could not tell who answered that it was not passed on'));
    return 'failed';
  }
  await retryWhenBusy(() => setCommentRelay(db, comment.id, posted));
  await slack.post(here, renderAnswerOutcome({ kind: 'sent', rep: repRef, answer })).catch((e: unknown) => input.onError(e, 'could not tell who answered that it was passed on'));
  return 'answered';
}
