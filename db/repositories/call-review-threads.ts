import { and, eq, isNotNull } from 'drizzle-orm';
import type { TDb } from '../client';
import { deliveries } from '../schema/index';
import { reviewDmPeriodKey } from './call-reviews';

/** Where the rep's DM about a review landed (its thread is the review's thread); undefined until it was sent. */
export function findReviewDm(db: TDb, review: { id: number; repId: number }): { channel: string; ts: string } | undefined {
  const row = db
    .select({ channel: deliveries.slackChannel, ts: deliveries.slackTs })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.kind, 'review'),
        eq(deliveries.recipientId, review.repId),
        eq(deliveries.periodKey, reviewDmPeriodKey(review.id)),
        isNotNull(deliveries.slackChannel),
        isNotNull(deliveries.slackTs),
      ),
    )
    .get();
  return row?.channel && row.ts ? { channel: row.channel, ts: row.ts } : undefined;
}
