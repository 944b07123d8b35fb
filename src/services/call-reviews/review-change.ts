import type { TDb } from '../../../db/client';
import { findCallReview, findCallReviewView, reviewDmPeriodKey, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { lastSentCarrierAt } from '../../../db/repositories/review-carriers';
import { findDeliveryById, findDeliveryIdByKey } from '../../../db/repositories/deliveries';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { unsolicitedBudget } from '../../domain/delivery-rules';
import { AppError } from '../../domain/errors';
import { reviewEditAccess, type TReviewChange } from '../../domain/review-edits';
import { renderReviewDm } from '../../slack/blocks/review-dm';
import { reviewCards } from './review-card';
import { reviewParty } from './review-party';
import type { TThreadMessage } from './thread-port';

/*
 * Helpers shared by editing and deleting a shared review: the review as the clicker may change it (checked now), the
 * rep's DM about it (its delivery), and that DM written again from the review as it is.
 */

/** The answer to a click on a review that is gone (deleted already, or never shared): a note, not an error. */
export const REVIEW_GONE = "That review isn't there any more — it was deleted already. Nothing else to do.";

/**
 * The shared review `reviewId` in the actor's workspace (an id from another workspace is as good as none) and its
 * rep, when the actor may make this change now (`reviewEditAccess`); undefined when it is gone; refused otherwise.
 */
export async function changeableReview(db: TDb, actor: TPersonRow, reviewId: number, change: TReviewChange): Promise<{ review: TCallReviewRow; rep: TPersonRow } | undefined> {
  const review = await findCallReview(db, actor.workspaceId, reviewId);
  if (!review || review.status !== 'shared') return undefined;
  const rep = await findPersonById(db, review.repId);
  if (!rep || rep.workspaceId !== actor.workspaceId) return undefined;
  const access = reviewEditAccess(reviewParty(actor), review, reviewParty(rep), change);
  if (access.kind === 'refuse') throw new AppError('not_allowed', access.message);
  return { review, rep };
}

/** The rep's DM about the review, as the deliveries table has it (none before the planner planned it). */
export async function reviewDmDelivery(db: TDb, review: { id: number; repId: number }, now: Date) {
  const id = await findDeliveryIdByKey(db, { kind: 'review', recipientId: review.repId, periodKey: reviewDmPeriodKey(review.id) });
  const row = id === undefined ? undefined : await findDeliveryById(db, id);
  if (!row) return undefined;
  const where = row.slackChannel && row.slackTs ? { channel: row.slackChannel, ts: row.slackTs } : null;
  // A held DM's review rides the rep's next check-in or digest; once one has gone out since, the rep has that copy.
  const carried = row.status === 'suppressed' && row.dueAt !== null && ((await lastSentCarrierAt(db, review.repId, now))?.getTime() ?? 0) >= row.dueAt.getTime();
  return { id: row.id, status: row.status, where, carried };
}

/** The rep's review DM written from the review as it is now (as the composer writes it at send time). */
export async function reviewDmMessage(db: TDb, rep: TPersonRow, reviewId: number, now: Date): Promise<TThreadMessage | undefined> {
  const review = await findCallReviewView(db, rep.workspaceId, reviewId);
  if (!review) return undefined;
  const [card] = await reviewCards(db, rep, [review], now);
  if (!card) return undefined;
  const tier = (await findLatestTierSnapshot(db, rep.id, now))?.tier ?? null;
  return renderReviewDm({ ...card, budget: unsolicitedBudget(tier), requested: review.requestedAt !== null });
}
