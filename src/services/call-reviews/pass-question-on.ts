import { retryWhenBusy, type TDb } from '../../../db/client';
import { deleteReviewComment, insertReviewComment, setCommentRelay, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { questionRecipient, type TClippedComment } from '../../domain/review-comments';
import { renderRelayedQuestion } from '../../slack/blocks/review-thread';
import { reviewParty } from './review-party';
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
  const reviewer = review.reviewerId !== null ? findPersonById(db, review.reviewerId) : undefined;
  const manager = rep.managerId !== null ? findPersonById(db, rep.managerId) : undefined;
  const recipient = questionRecipient(reviewParty(rep), reviewer ? reviewParty(reviewer) : null, manager ? reviewParty(manager) : null);
  if (recipient.kind === 'nobody') return { kind: 'nobody' };
  const to = recipient.kind === 'reviewer' ? reviewer! : manager!;
  let posted;
  try {
    const channel = await slack.openDm(to.slackUserId);
    const relayed = renderRelayedQuestion({
      rep: { slackUserId: rep.slackUserId, name: rep.name },
      url: review.url,
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
