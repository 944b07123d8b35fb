import { and, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { deliveries } from '../schema/index';

/** True when the thread was started by one of our check-ins: the only channel threads Canopy reads. */
export function isCheckinThread(db: TDb, workspaceId: string, channel: string, threadTs: string): boolean {
  const row = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.slackChannel, channel),
        eq(deliveries.slackTs, threadTs),
        eq(deliveries.workspaceId, workspaceId),
        eq(deliveries.kind, 'checkin'),
      ),
    )
    .get();
  return row !== undefined;
}
