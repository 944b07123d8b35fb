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

// Plain better-sqlite3 here: drizzle's row mapping costs more than the query itself on this path.
const repActivities = preparedFor((db) =>
  db.$client.prepare<{ repId: number; from: number; to: number }, { type: TActivityType; count: number; occurredAt: number }>(
    'select type, count, occurred_at as occurredAt from activities where rep_id = @repId and occurred_at >= @from and occurred_at < @to',
  ),
);

/**
 * A rep's activity rows in [from, to), times as epoch ms: the hot path of `/stats`, served by the
 * (rep_id, occurred_at) index.
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
