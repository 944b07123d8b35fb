import { and, eq } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { changedRows } from '../query';
import type { TCallReviewRow } from './call-reviews';

/*
 * Correcting or taking back a shared review: its fields replaced (when it was shared, who wrote it and the rep stay),
 * or the row removed with its thread (comments cascade).
 */

export type TReviewEdit = Pick<TCallReviewRow, 'url' | 'dealId' | 'callStage' | 'wentWell' | 'oneThing' | 'oneThingStage' | 'exemplarId'>;

/** Replaces a shared review's fields; false when it is no longer a shared review (deleted meanwhile). */
export async function updateSharedReview(db: TDb, id: number, edit: TReviewEdit): Promise<boolean> {
  const { callReviews } = tablesOf(db);
  const result = await db
    .update(callReviews)
    .set(edit)
    .where(and(eq(callReviews.id, id), eq(callReviews.status, 'shared')));
  return changedRows(result) > 0;
}

/** Removes a shared review (and, by cascade, its thread); false when it was gone already. */
export async function deleteSharedReview(db: TDb, id: number): Promise<boolean> {
  const { callReviews } = tablesOf(db);
  const result = await db.delete(callReviews).where(and(eq(callReviews.id, id), eq(callReviews.status, 'shared')));
  return changedRows(result) > 0;
}
