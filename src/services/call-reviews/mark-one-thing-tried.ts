import type { TDb } from '../../../db/client';
import { findCallReview, setOneThingTried } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';

export type TTriedOutcome = { reviewId: number; tried: boolean; triedAt: Date | null };

const GONE = "That review isn't there any more — it was deleted. Nothing was changed.";

/**
 * "I tried it" on a call review's one thing, and its Undo (`tried: false`). Only the rep whose call it is may mark
 * it; a review that is gone, or was never shared, gets a polite note. Clicking twice changes nothing the second time.
 */
export async function markOneThingTried(db: TDb, me: TPersonRow, reviewId: number, tried: boolean, now: Date): Promise<TTriedOutcome> {
  const review = await findCallReview(db, me.workspaceId, reviewId);
  if (!review || review.status !== 'shared') throw new AppError('not_found', GONE);
  if (review.repId !== me.id) throw new AppError('not_allowed', 'Only the person whose call was reviewed can mark its one thing as tried — nothing was changed.');
  await setOneThingTried(db, reviewId, tried ? now : null);
  const after = await findCallReview(db, me.workspaceId, reviewId);
  return { reviewId, tried: after?.triedAt != null, triedAt: after?.triedAt ?? null };
}
