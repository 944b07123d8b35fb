import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TTier } from '../../src/domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType } from '../../src/domain/types';
import type { TDb } from '../client';
import { statement } from '../prepared';
import { epochMs, first, instantParam, rawRows } from '../query';

/*
 * Reads of the coaching snapshots for the screens (`/stats`, `/coach focus`, `/coach team`): one rep's
 * latest run and its history. Plain prepared statements on SQLite (`/stats` runs them on every call);
 * the same queries in raw SQL on PostgreSQL.
 */

export type TTierSnapshotRecord = { tier: TTier; reasonCode: string; reasonText: string; details: Record<string, unknown>; computedAt: Date };

const ZJsonObject = z.record(z.string(), z.unknown()).catch({});
/** A JSON column as read: text on SQLite, already parsed (jsonb) on PostgreSQL. */
const json = (value: unknown): Record<string, unknown> => {
  if (value !== null && typeof value === 'object') return ZJsonObject.parse(value);
  try {
    return ZJsonObject.parse(JSON.parse(String(value)));
  } catch {
    return {};
  }
};

/** PostgreSQL: an id list as one int[] parameter. */
const intArray = (values: readonly number[]): SQL => sql`${sql.param([...values])}::int[]`;

/** The rep's latest tier snapshot at or before `at`. */
export async function findLatestTierSnapshot(db: TDb, personId: number, at: Date): Promise<TTierSnapshotRecord | undefined> {
  type TRow = { tier: TTier; reasonCode: string; reasonText: string; details: unknown; computedAt: number };
  const row =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select tier, reason_code as reasonCode, reason_text as reasonText, details, computed_at as computedAt
     from tier_snapshots where person_id = ? and computed_at <= ? order by computed_at desc limit 1`,
        ).get(personId, at.getTime()) as TRow | undefined)
      : await first(
          rawRows<TRow>(
            db,
            sql`select tier, reason_code as "reasonCode", reason_text as "reasonText", details, ${epochMs(db, sql`computed_at`)} as "computedAt"
                from tier_snapshots where person_id = ${personId} and computed_at <= ${instantParam(db, at)} order by computed_at desc limit 1`,
          ),
        );
  return row && { ...row, details: json(row.details), computedAt: new Date(row.computedAt) };
}

/** The tier of the rep's run just before `before`, or null when there is none. */
export async function findTierBefore(db: TDb, personId: number, before: Date): Promise<TTier | null> {
  const row =
    db.$engine === 'sqlite'
      ? (statement(db, 'select tier from tier_snapshots where person_id = ? and computed_at < ? order by computed_at desc limit 1').get(
          personId,
          before.getTime(),
        ) as { tier: TTier } | undefined)
      : await first(
          rawRows<{ tier: TTier }>(
            db,
            sql`select tier from tier_snapshots where person_id = ${personId} and computed_at < ${instantParam(db, before)} order by computed_at desc limit 1`,
          ),
        );
  return row?.tier ?? null;
}

const TYPE_ORDER = new Map<string, number>(ACTIVITY_TYPES.map((type, i) => [type, i]));

/** The rep's expectations of the run at `computedAt`, in activity-type order. */
const feedsFocus = (row: { derivation: unknown }) => Number((row.derivation as { feedsFocus?: unknown } | null)?.feedsFocus === true);

export async function listExpectationsAt(db: TDb, personId: number, computedAt: Date) {
  type TRow = { activityType: TActivityType; per: 'day' | 'week' | 'month'; amount: number; derivation: unknown };
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          'select activity_type as activityType, per, amount, derivation from expectations where person_id = ? and computed_at = ?',
        ).all(personId, computedAt.getTime()) as TRow[])
      : await rawRows<TRow>(
          db,
          sql`select activity_type as "activityType", per, amount, derivation from expectations
              where person_id = ${personId} and computed_at = ${instantParam(db, computedAt)}`,
        );
  const order = (type: string) => TYPE_ORDER.get(type) ?? ACTIVITY_TYPES.length;
  return rows
    .map((row) => ({ ...row, derivation: json(row.derivation) }))
    // The target feeding the focus stage first (as the engine ranks them), then the usual type order.
    .sort((a, b) => feedsFocus(b) - feedsFocus(a) || order(a.activityType) - order(b.activityType) || (a.activityType < b.activityType ? -1 : 1));
}

/** The rep's focus area of the run at `computedAt`, if it had one. */
export async function findFocusAt(db: TDb, personId: number, computedAt: Date) {
  type TRow = { stage: string; toStage: string | null; reasonCode: string; expectedGain: number; evidence: unknown };
  const row =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select stage, to_stage as toStage, reason_code as reasonCode, expected_gain as expectedGain, evidence
     from focus_areas where person_id = ? and computed_at = ?`,
        ).get(personId, computedAt.getTime()) as TRow | undefined)
      : await first(
          rawRows<TRow>(
            db,
            sql`select stage, to_stage as "toStage", reason_code as "reasonCode", expected_gain as "expectedGain", evidence
                from focus_areas where person_id = ${personId} and computed_at = ${instantParam(db, computedAt)} limit 1`,
          ),
        );
  return row && { ...row, evidence: json(row.evidence) };
}

/** A manager's current reps (not deleted), by name. */
export async function listTeamReps(db: TDb, managerId: number): Promise<{ id: number; slackUserId: string; name: string }[]> {
  if (db.$engine === 'postgres') {
    // collate "C": byte order, as SQLite sorts text.
    return rawRows(
      db,
      sql`select id, slack_user_id as "slackUserId", name from people
          where manager_id = ${managerId} and role = 'rep' and not is_deleted order by name collate "C", id`,
    );
  }
  return statement(
    db,
    "select id, slack_user_id as slackUserId, name from people where manager_id = ? and role = 'rep' and is_deleted = 0 order by name, id",
  ).all(managerId) as { id: number; slackUserId: string; name: string }[];
}

/** The latest tier at or before `at` of each of the people, in one query (one index seek each); people without a snapshot are absent. */
export async function listLatestTiers(db: TDb, personIds: readonly number[], at: Date): Promise<Map<number, TTier>> {
  if (personIds.length === 0) return new Map();
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select ids.value as personId,
       (select t.tier from tier_snapshots t where t.person_id = ids.value and t.computed_at <= ? order by t.computed_at desc limit 1) as tier
     from json_each(?) ids`,
        ).all(at.getTime(), JSON.stringify(personIds)) as { personId: number; tier: TTier | null }[])
      : await rawRows<{ personId: number; tier: TTier | null }>(
          db,
          sql`select ids.id as "personId",
                (select t.tier from tier_snapshots t where t.person_id = ids.id and t.computed_at <= ${instantParam(db, at)} order by t.computed_at desc limit 1) as tier
              from unnest(${intArray(personIds)}) as ids(id)`,
        );
  return new Map(rows.flatMap((row) => (row.tier === null ? [] : [[row.personId, row.tier] as const])));
}
