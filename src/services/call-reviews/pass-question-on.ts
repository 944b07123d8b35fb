import { retryWhenBusy, type TDb } from '../../../db/client';
import { deleteReviewComment, insertReviewComment, setCommentRelay, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TClippedComment } from '../../domain/review-comments';
import { renderRelayedQuestion } from '../../slack/blocks/review-thread';
import { questionRecipientOf } from './review-party';
import { reviewLabelOf } from './review-summaries';
import type { TReviewThreadSlack } from './thread-port';

export type TPassedOn =
  | { kind: 'duplicate' }
  | { kind: 'nobody' }
  | { kind: 'not sent' }
  | { kind: 'sent'; to: { slackUserId: string; name: string } };

/**
 * Helper of the two ways a rep asks about a review (a reply in its DM's thread, a card's "Ask … a question" form):
 * the question is kept once (`sourceRef`), then passed to the reviewer's DM — or to the rep's current manager when
 * the reviewer is gone or may no longer read it (SPEC §2). With nobody to pass it to, it stays kept for the next 1:1.
 * When it cannot be passed on it is not kept either, so asking again stores (and counts) it once.
 */
export async function passQuestionOn(input: {
  db: TDb;
  slack: TReviewThreadSlack;
  workspaceId: string;
  review: TCallReviewRow;
  rep: TPersonRow;
  question: TClippedComment;
  sourceRef: string;
  now: Date;
  onError: (error: unknown, what: string) => void;
}): Promise<TPassedOn> {
  const { db, slack, review, rep, question } = input;
  const comment = await retryWhenBusy(() =>
    insertReviewComment(db, { workspaceId: input.workspaceId, reviewId: review.id, authorId: rep.id, text: question.stored, sourceRef: input.sourceRef, createdAt: input.now }),
  );
  if (!comment) return { kind: 'duplicate' };
  const recipient = await questionRecipientOf(db, rep, review.reviewerId);
  if (recipient.kind === 'nobody') return { kind: 'nobody' };
  const { to, reviewer } = recipient;
  let posted;
  try {
    const channel = await slack.openDm(to.slackUserId);
    const relayed = renderRelayedQuestion({
      rep: { slackUserId: rep.slackUserId, name: rep.name },
      url: review.url,
      label: await reviewLabelOf(db, review, to.tz),
      reviewer: recipient.kind === 'reviewer' ? 'you' : { name: reviewer?.name ?? null },
      question,
    });
    posted = await slack.post({ channel }, relayed);
  } catch (error) {
    input.onError(error, 'could not pass on a question about a review');
    // Not received, so not kept: the rep sends it again, and it is then stored (and counted) once.
    await retryWhenBusy(() => deleteReviewComment(db, comment.id));
    return { kind: 'not sent' };
  }
  await retryWhenBusy(() => setCommentRelay(db, comment.id, posted));
  return { kind: 'sent', to: { slackUserId: to.slackUserId, name: to.name } };
}
