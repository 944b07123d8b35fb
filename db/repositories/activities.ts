import type { TActivityType } from '../../src/domain/types';
import type { TDb } from '../client';
import { preparedFor } from '../prepared';
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

/**
 * The stage an activity row (`a`) was logged on: its own, else the stage its deal was in when it happened (from
 * the stage history), else the deal's current stage; null when none of those says (the caller then falls back
 * to the type's stage: `stageOfActivity` in src/domain/activity-by-stage.ts). SQLite's coalesce stops at the
 * first non-null argument, so rows that carry a stage cost no lookup.
 */
export const ACTIVITY_STAGE_SQL = `coalesce(a.stage,
  (select h.stage from deal_stage_history h where h.deal_id = a.deal_id and h.entered_at <= a.occurred_at
   order by h.entered_at desc, h.id desc limit 1),
  (select d.stage from deals d where d.id = a.deal_id))`;

// Plain better-sqlite3 here: drizzle's row mapping costs more than the query itself on this path.
const repActivities = preparedFor((db) =>
  db.$client.prepare<{ repId: number; from: number; to: number }, { type: TActivityType; count: number; occurredAt: number; stage: string | null }>(
    `select a.type as type, a.count as count, a.occurred_at as occurredAt, ${ACTIVITY_STAGE_SQL} as stage
     from activities a where a.rep_id = @repId and a.occurred_at >= @from and a.occurred_at < @to`,
  ),
);

/**
 * A rep's activity rows in [from, to), times as epoch ms, each with the stage it was logged on: the hot path of
 * `/stats`, served by the (rep_id, occurred_at) index.
 */
export function listRepActivities(db: TDb, repId: number, from: Date, to: Date) {
  return repActivities(db).all({ repId, from: from.getTime(), to: to.getTime() });
}

const lastActivity = preparedFor((db) =>
  db.$client.prepare<{ repId: number; at: number }, { at: number | null }>(
    'select max(occurred_at) as at from activities where rep_id = @repId and occurred_at <= @at',
  ),
);

/** When the rep last logged anything, however long ago (served by the (rep_id, occurred_at) index). */
export function findLastActivityAt(db: TDb, repId: number, at: Date): Date | null {
  const row = lastActivity(db).get({ repId, at: at.getTime() });
  return row?.at ? new Date(row.at) : null;
}
