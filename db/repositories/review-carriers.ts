import { and, eq, inArray, lt, max } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { first } from '../query';
import { reviewDmPeriodKey } from './call-reviews';

/*
 * What a carrier — the rep's check-in or weekly digest, which brings along the call reviews whose own DM was held
 * back (src/domain/call-reviews.ts `reviewsToCarry`) — reads: when the rep's previous carrier went out, and what
 * became of each review's DM. Nothing is marked: a carrier's window runs from the previous carrier sent.
 */

/** When the rep's latest check-in or digest that was sent before `before` went out; null: none. */
export async function lastSentCarrierAt(db: TDb, repId: number, before: Date): Promise<Date | null> {
  const { deliveries } = tablesOf(db);
  const row = await first(
    db
      .select({ at: max(deliveries.sentAt) })
      .from(deliveries)
      .where(and(inArray(deliveries.kind, ['checkin', 'digest']), eq(deliveries.recipientId, repId), eq(deliveries.status, 'sent'), lt(deliveries.sentAt, before))),
  );
  return row?.at ?? null;
}

/** Each review's DM delivery: its status and when it was due (absent: none recorded yet). */
export async function reviewDmFacts(db: TDb, repId: number, reviewIds: readonly number[]): Promise<Map<number, { status: string; dueAt: Date | null }>> {
  if (reviewIds.length === 0) return new Map();
  const { deliveries } = tablesOf(db);
  const rows = await db
    .select({ subjectId: deliveries.subjectId, periodKey: deliveries.periodKey, status: deliveries.status, dueAt: deliveries.dueAt })
    .from(deliveries)
    .where(and(eq(deliveries.kind, 'review'), eq(deliveries.recipientId, repId), inArray(deliveries.periodKey, reviewIds.map(reviewDmPeriodKey))));
  const byKey = new Map(rows.map((r) => [r.periodKey, { status: r.status, dueAt: r.dueAt }]));
  const out = new Map<number, { status: string; dueAt: Date | null }>();
  for (const id of reviewIds) {
    const found = byKey.get(reviewDmPeriodKey(id));
    if (found) out.set(id, found);
  }
  return out;
}
