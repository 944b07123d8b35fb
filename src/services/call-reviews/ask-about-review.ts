import { retryWhenBusy, type TDb } from '../../../db/client';
import { deleteReviewComment, insertReviewComment, setCommentRelay, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import { findPersonById } from '../../../db/repositories/people';
import { clipComment, questionRecipient, reviewCommentSourceRef } from '../../domain/review-comments';
import { renderQuestionOutcome, renderRelayedQuestion } from '../../slack/blocks/review-thread';
import { reviewParty } from './review-party';
import type { TReviewThreadSlack } from './thread-port';

export type TThreadPost = { channel: string; user: string; text: string; ts: string; threadTs: string };

export type TAskAboutReviewInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  workspaceId: string;
  review: TCallReviewRow;
  /** The rep's reply in their review DM's thread. */
  message: TThreadPost;
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
  const rep = findPersonById(db, review.repId);
  // The review DM is a 1:1 with the rep, so anyone else writing there is not possible; ignore it if it happens.
  if (!rep || rep.slackUserId !== message.user) return 'ignored';
  const question = clipComment(message.text);
  if (question.stored === '') return 'ignored';
  const comment = await retryWhenBusy(() =>
    insertReviewComment(db, {
      workspaceId: input.workspaceId,
      reviewId: review.id,
      authorId: rep.id,
      text: question.stored,
      sourceRef: reviewCommentSourceRef(message.channel, message.ts),
      createdAt: input.now,
    }),
  );
  if (!comment) return 'duplicate';

  const thread = { channel: message.channel, threadTs: message.threadTs };
  const tell = (outcome: Parameters<typeof renderQuestionOutcome>[0]) =>
    slack.post(thread, renderQuestionOutcome(outcome)).then(
      () => undefined,
      (e: unknown) => input.onError(e, 'could not tell the rep what became of their question'),
    );
  const reviewer = review.reviewerId !== null ? findPersonById(db, review.reviewerId) : undefined;
  const manager = rep.managerId !== null ? findPersonById(db, rep.managerId) : undefined;
  const recipient = questionRecipient(reviewParty(rep), reviewer ? reviewParty(reviewer) : null, manager ? reviewParty(manager) : null);
  if (recipient.kind === 'nobody') {
    await tell({ kind: 'nobody', question });
    return 'nobody to ask';
  }
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
    await tell({ kind: 'not sent' });
    return 'failed';
  }
  await retryWhenBusy(() => setCommentRelay(db, comment.id, posted));
  await tell({ kind: 'sent', to: { slackUserId: to.slackUserId, name: to.name }, question });
  return 'asked';
}
