import type { TActivityStageMap } from '../../src/domain/activity-stage-map';
import { ACTIVITY_TYPES, type TActivityType, type TStage } from '../../src/domain/types';
import { tablesOf, type TDb } from '../client';
import { preparedFor } from '../prepared';
import { changedRows, epochMs, first, instantParam, rawRows, rawRun } from '../query';
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';

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

/** Inserts the rows and returns their ids, in the same order. */
export async function insertActivities(db: TDb, rows: readonly TNewActivity[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const { activities } = tablesOf(db);
  return (await db.insert(activities).values([...rows]).returning({ id: activities.id })).map((r) => r.id);
}

/** The activity rows of a log entry, for moving them onto a deal chosen later. */
export async function listActivitiesByIds(db: TDb, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const { activities } = tablesOf(db);
  return db
    .select({ id: activities.id, type: activities.type, occurredAt: activities.occurredAt, dealId: activities.dealId, stage: activities.stage })
    .from(activities)
    .where(inArray(activities.id, [...ids]));
}

export async function listActivitiesOfDeal(db: TDb, dealId: number) {
  const { activities } = tablesOf(db);
  return db.select({ id: activities.id, type: activities.type }).from(activities).where(eq(activities.dealId, dealId));
}

export async function setActivityDeal(db: TDb, id: number, dealId: number | null, stage: string | null): Promise<void> {
  const { activities } = tablesOf(db);
  await db.update(activities).set({ dealId, stage }).where(eq(activities.id, id));
}

/** Changes a row's count only if it still has the count it was read with (a later correction wins). */
export async function setActivityCount(db: TDb, id: number, from: number, to: number): Promise<boolean> {
  const { activities } = tablesOf(db);
  return changedRows(await db.update(activities).set({ count: to }).where(and(eq(activities.id, id), eq(activities.count, from)))) > 0;
}

/**
 * The rows of type `type` in the rep's latest live log entry (other than `exceptEntryId`) that logged
 * that type since `since`: what "oops, that was 3 calls not 4" corrects.
 */
export async function listLatestEntryRowsOfType(db: TDb, repId: number, type: TActivityType, exceptEntryId: number, since: Date) {
  const { activities, logEntries } = tablesOf(db);
  const latest = await first(
    db
      .select({ entryId: logEntries.id })
      .from(activities)
      .innerJoin(logEntries, eq(logEntries.id, activities.logEntryId))
      .where(
        and(
          eq(activities.repId, repId),
          eq(activities.type, type),
          ne(logEntries.id, exceptEntryId),
          isNull(logEntries.deletedAt),
          gte(logEntries.createdAt, since),
        ),
      )
      .orderBy(desc(logEntries.id))
      .limit(1),
  );
  if (!latest) return [];
  return db
    .select({ id: activities.id, count: activities.count, occurredAt: activities.occurredAt })
    .from(activities)
    .where(and(eq(activities.logEntryId, latest.entryId), eq(activities.type, type)))
    .orderBy(asc(activities.id));
}

/**
 * The stage an activity row (`a`) was logged on: its own, else the stage its deal was in when it happened (from
 * the stage history), else the deal's current stage; null when none of those says (the caller then falls back
 * to the type's stage: `stageOfActivity` in src/domain/activity-by-stage.ts). SQLite's coalesce stops at the
 * first non-null argument, so rows that carry a stage cost no lookup. The same text on both engines.
 */
export const ACTIVITY_STAGE_SQL = `coalesce(a.stage,
  (select h.stage from deal_stage_history h where h.deal_id = a.deal_id and h.entered_at <= a.occurred_at
   order by h.entered_at desc, h.id desc limit 1),
  (select d.stage from deals d where d.id = a.deal_id))`;

type TRepActivityRow = { type: TActivityType; count: number; occurredAt: number; stage: string | null };

// SQLite: plain better-sqlite3 here, drizzle's row mapping costs more than the query itself on this path.
const repActivities = preparedFor((db) =>
  db.$client.prepare<{ repId: number; from: number; to: number }, TRepActivityRow>(
    `select a.type as type, a.count as count, a.occurred_at as occurredAt, ${ACTIVITY_STAGE_SQL} as stage
     from activities a where a.rep_id = @repId and a.occurred_at >= @from and a.occurred_at < @to`,
  ),
);

/**
 * A rep's activity rows in [from, to), times as epoch ms, each with the stage it was logged on: the hot path of
 * `/stats`, served by the (rep_id, occurred_at) index.
 */
export async function listRepActivities(db: TDb, repId: number, from: Date, to: Date): Promise<TRepActivityRow[]> {
  if (db.$engine === 'sqlite') return repActivities(db).all({ repId, from: from.getTime(), to: to.getTime() });
  return rawRows<TRepActivityRow>(
    db,
    sql`select a.type as "type", a.count as "count", ${epochMs(db, sql`a.occurred_at`)} as "occurredAt", ${sql.raw(ACTIVITY_STAGE_SQL)} as "stage"
        from activities a where a.rep_id = ${repId} and a.occurred_at >= ${instantParam(db, from)} and a.occurred_at < ${instantParam(db, to)}`,
  );
}

const lastActivity = preparedFor((db) =>
  db.$client.prepare<{ repId: number; at: number }, { at: number | null }>(
    'select max(occurred_at) as at from activities where rep_id = @repId and occurred_at <= @at',
  ),
);

/** When the rep last logged anything, however long ago (served by the (rep_id, occurred_at) index). */
export async function findLastActivityAt(db: TDb, repId: number, at: Date): Promise<Date | null> {
  if (db.$engine === 'sqlite') {
    const row = lastActivity(db).get({ repId, at: at.getTime() });
    return row?.at ? new Date(row.at) : null;
  }
  const { activities } = tablesOf(db);
  const row = await first(
    db
      .select({ at: sql<Date | null>`max(${activities.occurredAt})`.mapWith(activities.occurredAt) })
      .from(activities)
      .where(and(eq(activities.repId, repId), lte(activities.occurredAt, at))),
  );
  return row?.at ?? null;
}

/**
 * Puts the workspace's activity rows that have no stage (imported without one, seeded, or logged before
 * stages were recorded) on a stage, as logging does: the stage their deal was in then, unless it was
 * closed; else their type's stage. Idempotent, and a no-op once every row has a stage.
 */
export async function attributeStagelessActivities(db: TDb, workspaceId: string, stages: readonly TStage[], map: TActivityStageMap): Promise<void> {
  const closed = stages.filter((s) => s.outcome).map((s) => s.key);
  const closedList = closed.length > 0 ? sql.join(closed.map((k) => sql`${k}`), sql`, `) : sql`''`;
  await rawRun(
    db,
    sql`
    update activities set stage = (
      select h.stage from deal_stage_history h
      where h.deal_id = activities.deal_id and h.entered_at <= activities.occurred_at and h.stage not in (${closedList})
        and not exists (
          select 1 from deal_stage_history c
          where c.deal_id = h.deal_id and c.stage in (${closedList}) and c.entered_at <= activities.occurred_at and c.entered_at >= h.entered_at
        )
      order by h.entered_at desc, h.id desc limit 1)
    where workspace_id = ${workspaceId} and stage is null and deal_id is not null`,
  );
  const mapped = ACTIVITY_TYPES.filter((t) => map[t] !== null);
  if (mapped.length > 0) {
    const cases = mapped.map((t) => sql`when ${t} then ${map[t]}`);
    // Only types that feed a stage: "other" rows stay without one and are not rewritten every night.
    await rawRun(
      db,
      sql`
      update activities set stage = case type ${sql.join(cases, sql` `)} end
      where workspace_id = ${workspaceId} and stage is null and type in (${sql.join(mapped.map((t) => sql`${t}`), sql`, `)})`,
    );
  }
}
