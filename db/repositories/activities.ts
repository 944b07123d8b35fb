import { and, eq, gte, lt } from 'drizzle-orm';
import type { TActivityType } from '../../src/domain/types';
import type { TDb } from '../client';
import { activities } from '../schema/index';

export type TNewActivity = {
  workspaceId: string;
  repId: number;
  type: TActivityType;
  count: number;
  occurredAt: Date;
  dealId: number | null;
  stage: string | null;
  logEntryId: number | null;
};

export function insertActivities(db: TDb, rows: readonly TNewActivity[]): void {
  if (rows.length === 0) return;
  db.insert(activities).values([...rows]).run();
}

/** A rep's activity rows in [from, to): the hot path of `/stats`, served by the (rep_id, occurred_at) index. */
export function listRepActivities(db: TDb, repId: number, from: Date, to: Date) {
  return db
    .select({ type: activities.type, count: activities.count, occurredAt: activities.occurredAt })
    .from(activities)
    .where(and(eq(activities.repId, repId), gte(activities.occurredAt, from), lt(activities.occurredAt, to)))
    .all();
}
