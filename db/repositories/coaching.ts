import { DateTime } from 'luxon';
import { z } from 'zod';
import { DAY_MS, WEEK_MS, type TDealFacts, type TRepGoal, type TWeeklyActivity } from '../../src/domain/coaching/inputs';
import type { TTier, TTierState } from '../../src/domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType } from '../../src/domain/types';
import { type SQL, sql } from 'drizzle-orm';
import type { TDb } from '../client';
import { statement as prepared } from '../prepared';
import { epochMs, instantParam, rawRows, rawRun } from '../query';
import { TIERS } from '../schema/index';

/*
 * Reads and writes of the coaching recompute. Reads run outside any write transaction. On SQLite they use
 * prepared statements cached per connection (they run once per rep or per team); id lists are passed
 * as one JSON array (`json_each`) so one statement serves any team size. On PostgreSQL every read and
 * write is one statement per call (id lists as one int[] parameter, rows as one jsonb document), since
 * each statement is a round trip.
 */

/** A rep as the recompute sees them. */
export type TCoachingRep = { id: number; slackUserId: string; name: string; tz: string; quota: number | null; managerId: number | null };
/** A manager's reps; `managerId` null is the workspace's implicit team of reps without a manager. */
export type TCoachingTeam = { managerId: number | null; reps: TCoachingRep[] };
/** The last run before `now` for a rep: its tier state (for hysteresis) and its focus stage. */
/** The rep's previous run: its tier state, focus stage and which activity types had a target (kept stable night to night). */
export type TPreviousCoaching = { computedAt: number; state: TTierState; focusStage: string | null; expectationTypes: string[] };

const ZTierDetails = z.looseObject({
  pendingTier: z.enum(TIERS).nullable().catch(null),
  pendingCount: z.number().int().nonnegative().catch(0),
});


const ids = (values: readonly number[]) => JSON.stringify(values);
/** PostgreSQL: an id list as one int[] parameter. */
const intArray = (values: readonly number[]): SQL => sql`${sql.param([...values])}::int[]`;
/** PostgreSQL: rows as one jsonb parameter, for `jsonb_to_recordset`. */
const jsonbParam = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;
/** A JSON column as read: text on SQLite, already parsed (jsonb) on PostgreSQL. */
const parsedJson = (value: unknown): unknown => (typeof value === 'string' ? safeJson(value) : value);

/** The workspace's reps grouped into teams: managers by id, then the implicit team (if any). */
export async function listCoachingTeams(db: TDb, workspaceId: string): Promise<TCoachingTeam[]> {
  const rows =
    db.$engine === 'sqlite'
      ? (prepared(
          db,
          `select id, slack_user_id as slackUserId, name, tz, quota, manager_id as managerId from people
     where workspace_id = ? and role = 'rep' and is_deleted = 0 and is_bot = 0
     order by manager_id is null, manager_id, id`,
        ).all(workspaceId) as TCoachingRep[])
      : await rawRows<TCoachingRep>(
          db,
          sql`select id, slack_user_id as "slackUserId", name, tz, quota, manager_id as "managerId" from people
              where workspace_id = ${workspaceId} and role = 'rep' and not is_deleted and not is_bot
              order by manager_id is null, manager_id, id`,
        );
  const teams: TCoachingTeam[] = [];
  for (const rep of rows) {
    const last = teams[teams.length - 1];
    if (last && last.managerId === rep.managerId) last.reps.push(rep);
    else teams.push({ managerId: rep.managerId, reps: [rep] });
  }
  return teams;
}

/**
 * The ids of the reps on one manager's team (`managerId` null: the reps without a manager), as
 * `listCoachingTeams` groups them: one rep's teammates without reading the whole workspace.
 */
export async function listTeamRepIds(db: TDb, workspaceId: string, managerId: number | null): Promise<number[]> {
  if (db.$engine === 'postgres') {
    const rows = await rawRows<{ id: number }>(
      db,
      sql`select id from people
          where workspace_id = ${workspaceId} and manager_id is not distinct from ${managerId}::int and role = 'rep' and not is_deleted and not is_bot
          order by id`,
    );
    return rows.map((r) => r.id);
  }
  const rows = prepared(
    db,
    `select id from people
     where workspace_id = ? and manager_id is ? and role = 'rep' and is_deleted = 0 and is_bot = 0
     order by id`,
  )
    .raw()
    .all(workspaceId, managerId) as [number][];
  return rows.map(([id]) => id);
}

// A workspace has thousands of reps in a handful of zones.
const shifts = new Map<string, number>();

/**
 * Shift that puts Monday 00:00 in `tz` on a multiple of WEEK_MS: the zone's UTC offset at `now`, plus
 * three days (the epoch fell on a Thursday). One offset serves the whole window, so across a DST change
 * the week boundary of earlier weeks is off by the DST shift (at most an hour, Sunday night or Monday
 * just after midnight): a rare activity logged in that hour lands in the neighbouring week.
 */
export function weekShiftMs(tz: string, now: number): number {
  const key = `${tz}|${now}`;
  let shift = shifts.get(key);
  if (shift === undefined) {
    // A zone luxon does not know gives NaN: count its weeks in UTC.
    const offsetMinutes = DateTime.fromMillis(now, { zone: tz }).offset;
    shift = (Number.isFinite(offsetMinutes) ? offsetMinutes * 60_000 : 0) + 3 * DAY_MS;
    if (shifts.size > 1000) shifts.clear();
    shifts.set(key, shift);
  }
  return shift;
}

const weekLabels = new Map<number, string>();

function weekLabel(week: number): string {
  let label = weekLabels.get(week);
  if (label === undefined) {
    label = new Date(week * WEEK_MS - 3 * DAY_MS).toISOString().slice(0, 10);
    weekLabels.set(week, label);
  }
  return label;
}

const KNOWN_TYPES = new Set<string>(ACTIVITY_TYPES);

/**
 * A rep's activity per type and local week (Monday) in [from, now], grouped in SQL over the
 * (rep_id, occurred_at) index.
 */
export async function listWeeklyActivity(db: TDb, rep: { id: number; tz: string }, from: number, now: number): Promise<TWeeklyActivity[]> {
  if (db.$engine === 'postgres') return (await listTeamWeeklyActivity(db, [rep], from, now)).get(rep.id) ?? [];
  const shift = weekShiftMs(rep.tz, now);
  const rows = prepared(
    db,
    // better-sqlite3 binds JS numbers as REAL: the cast keeps the division an integer one.
    `select type, (occurred_at + cast(? as integer)) / ${WEEK_MS} as week, sum(count) as n from activities
     where rep_id = ? and occurred_at >= ? and occurred_at <= ?
     group by week, type order by week, type`,
  )
    .raw()
    .all(shift, rep.id, from, now) as [string, number, number][];
  const out: TWeeklyActivity[] = [];
  for (const [type, week, count] of rows) {
    if (KNOWN_TYPES.has(type)) out.push({ repId: rep.id, type: type as TActivityType, weekStart: weekLabel(week), count });
  }
  return out;
}

/**
 * `listWeeklyActivity` for several reps at once (every rep has an entry, empty without activity): on
 * PostgreSQL one statement for the whole team, on SQLite the per-rep prepared statement.
 */
export async function listTeamWeeklyActivity(
  db: TDb,
  reps: readonly { id: number; tz: string }[],
  from: number,
  now: number,
): Promise<Map<number, TWeeklyActivity[]>> {
  const out = new Map<number, TWeeklyActivity[]>(reps.map((rep) => [rep.id, []]));
  if (reps.length === 0) return out;
  if (db.$engine === 'sqlite') {
    for (const rep of reps) out.set(rep.id, await listWeeklyActivity(db, rep, from, now));
    return out;
  }
  const shifts = reps.map((rep) => ({ rep_id: rep.id, shift: weekShiftMs(rep.tz, now) }));
  const rows = await rawRows<{ repId: number; type: string; week: number; n: number }>(
    db,
    // date_part is float8 arithmetic (extract's numeric is twice as slow here); exact, since a week boundary is a whole second.
    sql`select r.rep_id as "repId", a.type, floor((date_part('epoch', a.occurred_at) * 1000 + r.shift) / ${WEEK_MS})::int8 as week, sum(a.count)::int8 as n
        from jsonb_to_recordset(${jsonbParam(shifts)}) as r(rep_id int, shift int8)
        join activities a on a.rep_id = r.rep_id and a.occurred_at >= ${instantParam(db, from)} and a.occurred_at <= ${instantParam(db, now)}
        group by r.rep_id, week, a.type order by r.rep_id, week, a.type`,
  );
  for (const { repId, type, week, n } of rows) {
    if (KNOWN_TYPES.has(type)) out.get(repId)!.push({ repId, type: type as TActivityType, weekStart: weekLabel(week), count: n });
  }
  return out;
}

type TDealRow = [number, number, string, number, string, string, 'open' | 'won' | 'lost', number | null, number | null, number | null];

/**
 * Deals of these reps the funnel counts at `now`: created by then and touched since `since` (created,
 * closed, last activity or a stage entered), with the first time each stage was entered. Open deals
 * idle since before `since` are left out: the trailing funnel ignores them (stalled deals need them).
 */
export async function listDealFacts(db: TDb, repIds: readonly number[], since: number, now: number): Promise<TDealFacts[]> {
  if (db.$engine === 'postgres') return listDealFactsPg(db, repIds, since, now);
  const rows = prepared(
    db,
    `select id, rep_id, name, created_at, stage, furthest_stage, outcome, closed_at, amount_cents, last_activity_at
     from deals d
     where rep_id in (select value from json_each(?)) and created_at <= ?
       and (created_at >= ? or closed_at >= ? or last_activity_at >= ?
            or exists (select 1 from deal_stage_history h where h.deal_id = d.id and h.entered_at >= ? and h.entered_at <= ?))
     order by id`,
  )
    .raw()
    .all(ids(repIds), now, since, since, since, since, now) as TDealRow[];
  const deals: TDealFacts[] = [];
  const byId = new Map<number, TDealFacts>();
  for (const [id, repId, name, createdAt, stage, furthestStage, outcome, closedAt, amountCents, lastActivityAt] of rows) {
    const deal: TDealFacts = { id, repId, name, createdAt, stage, furthestStage, outcome, closedAt, amountCents, lastActivityAt, stageEnteredAt: {} };
    deals.push(deal);
    byId.set(id, deal);
  }
  if (deals.length === 0) return deals;
  const history = prepared(
    db,
    // A row whose day is not known (an import without entered dates) gives no time in stage.
    `select deal_id, stage, min(entered_at) from deal_stage_history
     where deal_id in (select value from json_each(?)) and entered_at <= ? and estimated = 0
     group by deal_id, stage`,
  )
    .raw()
    .all(JSON.stringify(deals.map((d) => d.id)), now) as [number, string, number][];
  for (const [dealId, stage, enteredAt] of history) byId.get(dealId)!.stageEnteredAt[stage] = enteredAt;
  return deals;
}

async function listDealFactsPg(db: TDb, repIds: readonly number[], since: number, now: number): Promise<TDealFacts[]> {
  if (repIds.length === 0) return [];
  const sinceAt = instantParam(db, since);
  const nowAt = instantParam(db, now);
  // One statement: each deal's first entry per stage comes as one json object. `offset 0` keeps the history
  // test a per-deal index probe: without it the planner may hash the whole table's window once per call.
  const rows = await rawRows<Omit<TDealFacts, 'stageEnteredAt'> & { entered: Record<string, number> | null }>(
    db,
    sql`select id, rep_id as "repId", name, ${epochMs(db, sql`created_at`)} as "createdAt", stage, furthest_stage as "furthestStage", outcome,
          ${epochMs(db, sql`closed_at`)} as "closedAt", amount_cents as "amountCents", ${epochMs(db, sql`last_activity_at`)} as "lastActivityAt",
          (select json_object_agg(s.stage, s.at) from (
             select h.stage, ${epochMs(db, sql`min(h.entered_at)`)} as at from deal_stage_history h
             where h.deal_id = d.id and h.entered_at <= ${nowAt} and not h.estimated
             group by h.stage) s) as entered
        from deals d
        where rep_id = any(${intArray(repIds)}) and created_at <= ${nowAt}
          and (created_at >= ${sinceAt} or closed_at >= ${sinceAt} or last_activity_at >= ${sinceAt}
               or exists (select 1 from deal_stage_history h where h.deal_id = d.id and h.entered_at >= ${sinceAt} and h.entered_at <= ${nowAt} offset 0))
        order by id`,
  );
  return rows.map(({ entered, ...row }) => ({ ...row, stageEnteredAt: entered ?? {} }));
}

/**
 * Each rep's first sign of data at or before `now`: the earlier of their first activity and their first
 * deal's creation, so deals imported from a CRM count as history (absent: neither yet).
 */
export async function listFirstDataAt(db: TDb, repIds: readonly number[], now: number): Promise<Map<number, number>> {
  if (db.$engine === 'postgres') {
    if (repIds.length === 0) return new Map();
    const nowAt = instantParam(db, now);
    // least() ignores nulls: null only when the rep has neither.
    const rows = await rawRows<{ id: number; at: number | null }>(
      db,
      sql`select p.id, ${epochMs(
        db,
        sql`least((select min(occurred_at) from activities a where a.rep_id = p.id and a.occurred_at <= ${nowAt}),
                  (select min(created_at) from deals d where d.rep_id = p.id and d.created_at <= ${nowAt}))`,
      )} as at
          from unnest(${intArray(repIds)}) as p(id)`,
    );
    return new Map(rows.flatMap((r) => (r.at === null ? [] : [[r.id, r.at] as const])));
  }
  const rows = prepared(
    db,
    `select p.value, min(
       coalesce((select min(occurred_at) from activities a where a.rep_id = p.value and a.occurred_at <= ?), ?),
       coalesce((select min(created_at) from deals d where d.rep_id = p.value and d.created_at <= ?), ?))
     from json_each(?) p`,
  )
    .raw()
    .all(now, now + 1, now, now + 1, ids(repIds)) as [number, number][];
  // now + 1 stands for "none": it can only win when both are absent.
  return new Map(rows.filter((r) => r[1] <= now));
}

/**
 * Runs closer together than this are the same day's: a re-run (on demand, a retry) reads the state
 * from before that day, so only one run a day counts towards confirming a tier change.
 */
export const MIN_HOURS_BETWEEN_COUNTED_RUNS = 20;

/**
 * Each rep's latest run at least MIN_HOURS_BETWEEN_COUNTED_RUNS before `now`: re-running at the same
 * `now`, or later the same day, reads the same state and gives the same result.
 */
export async function listPreviousCoaching(db: TDb, repIds: readonly number[], now: number): Promise<Map<number, TPreviousCoaching>> {
  const before = now - MIN_HOURS_BETWEEN_COUNTED_RUNS * 3_600_000;
  type TRow = [personId: number, computedAt: number, tier: TTier, details: unknown, focusStage: string | null, types: unknown];
  let rows: TRow[];
  if (db.$engine === 'sqlite') {
    rows = prepared(
      db,
      `select t.person_id, t.computed_at, t.tier, t.details, f.stage,
       (select json_group_array(e.activity_type) from expectations e where e.person_id = t.person_id and e.computed_at = t.computed_at) as types
     from json_each(?) p
     join tier_snapshots t on t.person_id = p.value
       and t.computed_at = (select max(x.computed_at) from tier_snapshots x where x.person_id = p.value and x.computed_at <= ?)
     left join focus_areas f on f.person_id = t.person_id and f.computed_at = t.computed_at`,
    )
      .raw()
      .all(ids(repIds), before) as TRow[];
  } else if (repIds.length === 0) {
    rows = [];
  } else {
    const found = await rawRows<{ personId: number; computedAt: number; tier: TTier; details: unknown; stage: string | null; types: unknown }>(
      db,
      sql`select t.person_id as "personId", ${epochMs(db, sql`t.computed_at`)} as "computedAt", t.tier, t.details, f.stage,
            (select json_agg(e.activity_type) from expectations e where e.person_id = t.person_id and e.computed_at = t.computed_at) as types
          from unnest(${intArray(repIds)}) as p(id)
          join tier_snapshots t on t.person_id = p.id
            and t.computed_at = (select max(x.computed_at) from tier_snapshots x where x.person_id = p.id and x.computed_at <= ${instantParam(db, before)})
          left join focus_areas f on f.person_id = t.person_id and f.computed_at = t.computed_at`,
    );
    rows = found.map((r) => [r.personId, r.computedAt, r.tier, r.details, r.stage, r.types]);
  }
  const previous = new Map<number, TPreviousCoaching>();
  for (const [personId, computedAt, tier, details, focusStage, types] of rows) {
    const parsed = ZTierDetails.safeParse(parsedJson(details));
    const pending = parsed.success ? parsed.data : { pendingTier: null, pendingCount: 0 };
    const expectationTypes = z.array(z.string()).catch([]).parse(parsedJson(types ?? '[]'));
    previous.set(personId, { computedAt, state: { tier, pendingTier: pending.pendingTier, pendingCount: pending.pendingCount }, focusStage, expectationTypes });
  }
  return previous;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Each rep's agreed goal whose period (ISO dates in the rep's zone, both inclusive) contains `now`, the
 * latest-starting one when several do; `achieved` counts deals (or cents) won in the period up to `now`.
 */
export async function listActiveGoals(db: TDb, reps: readonly { id: number; tz: string }[], now: number): Promise<Map<number, TRepGoal>> {
  // Local dates differ by at most a day across zones: a two-day margin, then the exact test per zone.
  const minDate = new Date(now - 2 * DAY_MS).toISOString().slice(0, 10);
  const maxDate = new Date(now + 2 * DAY_MS).toISOString().slice(0, 10);
  type TGoalRow = { personId: number; metric: 'deals_won' | 'revenue'; target: number; periodStart: string; periodEnd: string };
  const personIds = reps.map((r) => r.id);
  const rows =
    db.$engine === 'sqlite'
      ? (prepared(
          db,
          `select person_id as personId, metric, target, period_start as periodStart, period_end as periodEnd from goals
     where person_id in (select value from json_each(?)) and status = 'agreed' and period_start <= ? and period_end >= ?
     order by person_id, period_start desc, id desc`,
        ).all(ids(personIds), maxDate, minDate) as TGoalRow[])
      : personIds.length === 0
        ? []
        : await rawRows<TGoalRow>(
            db,
            sql`select person_id as "personId", metric, target, period_start as "periodStart", period_end as "periodEnd" from goals
                where person_id = any(${intArray(personIds)}) and status = 'agreed' and period_start <= ${maxDate} and period_end >= ${minDate}
                order by person_id, period_start desc, id desc`,
          );
  const zones = new Map(reps.map((r) => [r.id, r.tz]));
  // Each rep's goal (the first row in the zone's period), then what was won in it up to `now`.
  const chosen = new Map<number, { row: TGoalRow; periodStart: number; periodEnd: number }>();
  for (const row of rows) {
    if (chosen.has(row.personId)) continue;
    const zone = zones.get(row.personId) ?? 'UTC';
    const start = DateTime.fromISO(row.periodStart, { zone }).startOf('day');
    const end = DateTime.fromISO(row.periodEnd, { zone }).startOf('day').plus({ days: 1 });
    if (!start.isValid || !end.isValid || start.toMillis() > now || end.toMillis() <= now) continue;
    chosen.set(row.personId, { row, periodStart: start.toMillis(), periodEnd: end.toMillis() });
  }
  const goals = new Map<number, TRepGoal>();
  if (chosen.size === 0) return goals;
  const sumsByPerson = new Map<number, { deals: number; cents: number }>();
  if (db.$engine === 'sqlite') {
    const won = prepared(
      db,
      `select count(*) as deals, coalesce(sum(amount_cents), 0) as cents from deals
     where rep_id = ? and outcome = 'won' and closed_at >= ? and closed_at < ?`,
    );
    for (const [personId, { periodStart, periodEnd }] of chosen) {
      sumsByPerson.set(personId, won.get(personId, periodStart, Math.min(periodEnd, now + 1)) as { deals: number; cents: number });
    }
  } else {
    const periods = [...chosen].map(([personId, { periodStart, periodEnd }]) => ({
      person_id: personId,
      from_at: new Date(periodStart).toISOString(),
      to_at: new Date(Math.min(periodEnd, now + 1)).toISOString(),
    }));
    const sums = await rawRows<{ personId: number; deals: number; cents: number }>(
      db,
      sql`select g.person_id as "personId",
            (select count(*) from deals d where d.rep_id = g.person_id and d.outcome = 'won' and d.closed_at >= g.from_at and d.closed_at < g.to_at) as deals,
            (select coalesce(sum(d.amount_cents), 0) from deals d where d.rep_id = g.person_id and d.outcome = 'won' and d.closed_at >= g.from_at and d.closed_at < g.to_at) as cents
          from jsonb_to_recordset(${jsonbParam(periods)}) as g(person_id int, from_at timestamptz, to_at timestamptz)`,
    );
    for (const { personId, deals, cents } of sums) sumsByPerson.set(personId, { deals, cents });
  }
  for (const [personId, { row, periodStart, periodEnd }] of chosen) {
    const sums = sumsByPerson.get(personId) ?? { deals: 0, cents: 0 };
    const achieved = row.metric === 'revenue' ? sums.cents : sums.deals;
    goals.set(personId, { metric: row.metric, target: row.target, periodStart, periodEnd, achieved });
  }
  return goals;
}

export type TTierSnapshotRow = { personId: number; tier: TTier; reasonCode: string; reasonText: string; details: Record<string, unknown> };
export type TExpectationRow = { personId: number; activityType: TActivityType; per: 'day' | 'week' | 'month'; amount: number; derivation: Record<string, unknown> };
export type TFocusRow = { personId: number; stage: string; toStage: string | null; reasonCode: string; expectedGain: number; evidence: Record<string, unknown> };
export type TTeamSnapshots = {
  workspaceId: string;
  computedAt: Date;
  /** Every rep of the run: their rows at `computedAt` are replaced, whatever the new rows hold. */
  personIds: readonly number[];
  tiers: readonly TTierSnapshotRow[];
  expectations: readonly TExpectationRow[];
  focus: readonly TFocusRow[];
  /** Rows of these reps computed before this instant are deleted. */
  pruneBefore: Date;
};

const SNAPSHOT_TABLES = ['tier_snapshots', 'expectations', 'focus_areas'] as const;

/**
 * Replaces a team's rows of one run and prunes their rows computed before `pruneBefore`; returns the
 * rows written. Must run inside a write transaction on `db`'s connection (`writeTransaction(db, …)`):
 * better-sqlite3 has one connection, so these prepared statements run inside it.
 */
export async function saveTeamSnapshots(db: TDb, run: TTeamSnapshots): Promise<number> {
  if (db.$engine === 'postgres') return saveTeamSnapshotsPg(db, run);
  if (!db.$client.inTransaction) throw new Error('saveTeamSnapshots must run inside a write transaction');
  const at = run.computedAt.getTime();
  const people = ids(run.personIds);
  for (const table of SNAPSHOT_TABLES) {
    prepared(db, `delete from ${table} where person_id in (select value from json_each(?)) and computed_at = ?`).run(people, at);
    prepared(db, `delete from ${table} where person_id in (select value from json_each(?)) and computed_at < ?`).run(people, run.pruneBefore.getTime());
  }
  const tier = prepared(
    db,
    `insert into tier_snapshots (workspace_id, person_id, tier, reason_code, reason_text, details, computed_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of run.tiers) tier.run(run.workspaceId, r.personId, r.tier, r.reasonCode, r.reasonText, JSON.stringify(r.details), at);
  const expectation = prepared(
    db,
    `insert into expectations (workspace_id, person_id, activity_type, per, amount, derivation, computed_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of run.expectations) expectation.run(run.workspaceId, r.personId, r.activityType, r.per, r.amount, JSON.stringify(r.derivation), at);
  const focus = prepared(
    db,
    `insert into focus_areas (workspace_id, person_id, stage, to_stage, reason_code, expected_gain, evidence, computed_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of run.focus) focus.run(run.workspaceId, r.personId, r.stage, r.toStage, r.reasonCode, r.expectedGain, JSON.stringify(r.evidence), at);
  return run.tiers.length + run.expectations.length + run.focus.length;
}

/**
 * PostgreSQL: two statements whatever the team's size: the deletes of the three tables as data-modifying CTEs of one,
 * then the inserts (the rows as jsonb documents) as those of another. Not one: a unique index would see the rows
 * being replaced, which the statement's own deletes do not hide from it.
 */
async function saveTeamSnapshotsPg(db: TDb, run: TTeamSnapshots): Promise<number> {
  if ((db as unknown as { $inTransaction?: boolean }).$inTransaction !== true) throw new Error('saveTeamSnapshots must run inside a write transaction');
  const at = instantParam(db, run.computedAt);
  const people = intArray(run.personIds);
  const pruneBefore = instantParam(db, run.pruneBefore);
  const deletes = SNAPSHOT_TABLES.map(
    (table) => sql`${sql.identifier(`delete_${table}`)} as (delete from ${sql.identifier(table)} where person_id = any(${people}) and (computed_at = ${at} or computed_at < ${pruneBefore}))`,
  );
  await rawRun(db, sql`with ${sql.join(deletes, sql`, `)} select 1`);
  const parts: SQL[] = [];
  if (run.tiers.length > 0) {
    const rows = run.tiers.map((r) => ({ person_id: r.personId, tier: r.tier, reason_code: r.reasonCode, reason_text: r.reasonText, details: r.details }));
    parts.push(
      sql`insert_tiers as (insert into tier_snapshots (workspace_id, person_id, tier, reason_code, reason_text, details, computed_at)
          select ${run.workspaceId}, r.person_id, r.tier, r.reason_code, r.reason_text, r.details, ${at}
          from jsonb_to_recordset(${jsonbParam(rows)}) as r(person_id int, tier text, reason_code text, reason_text text, details jsonb))`,
    );
  }
  if (run.expectations.length > 0) {
    const rows = run.expectations.map((r) => ({ person_id: r.personId, activity_type: r.activityType, per: r.per, amount: r.amount, derivation: r.derivation }));
    parts.push(
      sql`insert_expectations as (insert into expectations (workspace_id, person_id, activity_type, per, amount, derivation, computed_at)
          select ${run.workspaceId}, r.person_id, r.activity_type, r.per, r.amount, r.derivation, ${at}
          from jsonb_to_recordset(${jsonbParam(rows)}) as r(person_id int, activity_type text, per text, amount float8, derivation jsonb))`,
    );
  }
  if (run.focus.length > 0) {
    const rows = run.focus.map((r) => ({
      person_id: r.personId,
      stage: r.stage,
      to_stage: r.toStage,
      reason_code: r.reasonCode,
      expected_gain: r.expectedGain,
      evidence: r.evidence,
    }));
    parts.push(
      sql`insert_focus as (insert into focus_areas (workspace_id, person_id, stage, to_stage, reason_code, expected_gain, evidence, computed_at)
          select ${run.workspaceId}, r.person_id, r.stage, r.to_stage, r.reason_code, r.expected_gain, r.evidence, ${at}
          from jsonb_to_recordset(${jsonbParam(rows)}) as r(person_id int, stage text, to_stage text, reason_code text, expected_gain float8, evidence jsonb))`,
    );
  }
  if (parts.length > 0) await rawRun(db, sql`with ${sql.join(parts, sql`, `)} select 1`);
  return run.tiers.length + run.expectations.length + run.focus.length;
}
