import { retryWhenBusy, type TDb } from '../../../db/client';
import { insertReviewComment, setCommentRelay, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { clipComment, questionRecipient, type TThreadParty } from '../../domain/review-comments';
import { renderQuestionOutcome, renderRelayedQuestion } from '../../slack/blocks/review-thread';
import { isAdmin } from '../teams/authorize';
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

/** A comment's idempotency key: the Slack message (`channel:ts`), so a retried event is stored and passed on once. */
export const reviewCommentSourceRef = (channel: string, ts: string) => `${channel}:${ts}`;

export const threadParty = (p: TPersonRow): TThreadParty => ({ id: p.id, isAdmin: isAdmin(p), isDeleted: p.isDeleted });

/**
 * A rep's question in their review DM's thread (SPEC §1, call reviews): kept with the review, then passed to the
 * reviewer's DM — or to the rep's current manager when the reviewer is gone or may no longer read it — and the rep
 * told where it went. With nobody to pass it to, the rep is told it is kept for their next 1:1.
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
  const repRef = { slackUserId: rep.slackUserId, name: rep.name };
  const reviewer = review.reviewerId !== null ? findPersonById(db, review.reviewerId) : undefined;
  const manager = rep.managerId !== null ? findPersonById(db, rep.managerId) : undefined;
  const recipient = questionRecipient(rep, reviewer ? threadParty(reviewer) : null, manager ? threadParty(manager) : null);
  try {
    if (recipient.kind === 'nobody') {
      await slack.post(thread, renderQuestionOutcome({ kind: 'nobody', question }));
      return 'nobody to ask';
    }
    const to = recipient.kind === 'reviewer' ? reviewer! : manager!;
    const channel = await slack.openDm(to.slackUserId);
    const relayed = renderRelayedQuestion({
      rep: repRef,
      url: review.url,
      reviewer: recipient.kind === 'reviewer' ? 'you' : { name: reviewer?.name ?? null },
      question,
    });
    const posted = await slack.post({ channel }, relayed);
    await retryWhenBusy(() => setCommentRelay(db, comment.id, posted));
    await slack.post(thread, renderQuestionOutcome({ kind: 'sent', to: { slackUserId: to.slackUserId, name: to.name }, question }));
    return 'asked';
  } catch (error) {
    input.onError(error, 'could not pass on a question about a review');
    await slack.post(thread, renderQuestionOutcome({ kind: 'not sent' })).catch((e: unknown) => input.onError(e, 'could not tell the rep their question was not passed on'));
    return 'failed';
  }
}
