import { and, asc, eq, sql } from 'drizzle-orm';
import type { TDealFacts } from '../../src/domain/coaching/inputs';
import type { TTier } from '../../src/domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType } from '../../src/domain/types';
import { type TDb, tablesOf } from '../client';
import { preparedFor, statement } from '../prepared';
import { epochMs, rawRows } from '../query';
import { type TDealRow, withStageHistory } from './brief-facts';
import type { TPersonRow } from './people';

/*
 * Set-based reads of the check-in and nudge planners: one statement per workspace (or per batch of people),
 * never one per person, so planning 10,000 people stays well under a second. Batches are passed as one JSON
 * array (`json_each`), so one compiled statement serves any size. `cross join` keeps the batch as the outer
 * loop (SQLite never reorders a CROSS JOIN), so each row is an index seek instead of a scan of the table.
 *
 * On PostgreSQL each has a twin, set-based the same way: the batch goes in as typed arrays (one parameter each,
 * `unnest(...) with ordinality` where a row's place in the batch matters), instants as timestamptz[] and read back
 * as epoch milliseconds, so the callers see the same numbers on both engines.
 */

/** A JS array as one PostgreSQL array parameter (drizzle would otherwise spread it as a list). */
const pgArray = (values: readonly unknown[]) => sql.param(values);
/** Epoch milliseconds as one timestamptz[] parameter's values (exact to the millisecond). */
const isoArray = (values: readonly number[]) => sql.param(values.map((ms) => new Date(ms).toISOString()));

export type TPlanningRep = { person: TPersonRow; tier: TTier | null; computedAt: number | null };

/**
 * The workspace's reps who can be messaged (not deactivated, not bots), each with their latest tier at `now`.
 * `workspacePeople`: the workspace's people as `listWorkspacePeople` read them, when the caller has them already.
 */
export async function listPlanningReps(db: TDb, workspaceId: string, now: number, workspacePeople?: readonly TPersonRow[]): Promise<TPlanningRep[]> {
  const { people } = tablesOf(db);
  const rows = workspacePeople
    ? workspacePeople.filter((p) => p.role === 'rep' && !p.isDeleted && !p.isBot)
    : await db
        .select()
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(people.role, 'rep'), eq(people.isDeleted, false), eq(people.isBot, false)))
        .orderBy(asc(people.id));
  // Driven from people so each lookup is a seek on tier_snapshots (person_id, computed_at).
  const tiers =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select p.id, t.tier, t.computed_at from people p
     join tier_snapshots t on t.person_id = p.id
       and t.computed_at = (select max(x.computed_at) from tier_snapshots x where x.person_id = p.id and x.computed_at <= ?)
     where p.workspace_id = ? and p.role = 'rep' and p.is_deleted = 0 and p.is_bot = 0`,
        )
          .raw()
          .all(now, workspaceId) as [number, TTier, number][])
      : (
          await rawRows<{ id: number; tier: TTier; computed_at: number }>(
            db,
            sql`select p.id, t.tier, ${epochMs(db, sql`t.computed_at`)} as computed_at from people p
     join tier_snapshots t on t.person_id = p.id
       and t.computed_at = (select max(x.computed_at) from tier_snapshots x where x.person_id = p.id and x.computed_at <= ${new Date(now).toISOString()}::timestamptz)
     where p.workspace_id = ${workspaceId} and p.role = 'rep' and not p.is_deleted and not p.is_bot`,
          )
        ).map((r): [number, TTier, number] => [r.id, r.tier, r.computed_at]);
  const byId = new Map(tiers.map(([id, tier, computedAt]) => [id, { tier, computedAt }]));
  return rows.map((person) => ({ person, tier: byId.get(person.id)?.tier ?? null, computedAt: byId.get(person.id)?.computedAt ?? null }));
}

export type TDeliveryKey = { kind: string; recipientId: number; periodKey: string };

/** Which of these delivery keys are recorded already, as `kind|recipientId|periodKey` (one seek each on the key's unique index). */
export async function listRecordedKeys(db: TDb, keys: readonly TDeliveryKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select d.kind, d.recipient_id, d.period_key from json_each(?) k
     cross join deliveries d on d.kind = json_extract(k.value, '$[0]') and d.recipient_id = json_extract(k.value, '$[1]')
       and d.period_key = json_extract(k.value, '$[2]')`,
        )
          .raw()
          .all(JSON.stringify(keys.map((k) => [k.kind, k.recipientId, k.periodKey]))) as [string, number, string][])
      : (
          await rawRows<{ kind: string; recipient_id: number; period_key: string }>(
            db,
            sql`select d.kind, d.recipient_id, d.period_key
     from unnest(${pgArray(keys.map((k) => k.kind))}::text[], ${pgArray(keys.map((k) => k.recipientId))}::int[], ${pgArray(keys.map((k) => k.periodKey))}::text[]) as k(kind, recipient_id, period_key)
     join deliveries d on d.kind = k.kind and d.recipient_id = k.recipient_id and d.period_key = k.period_key`,
          )
        ).map((r): [string, number, string] => [r.kind, r.recipient_id, r.period_key]);
  return new Set(rows.map(([kind, recipientId, periodKey]) => recordedKey({ kind, recipientId, periodKey })));
}

export const recordedKey = (key: TDeliveryKey) => `${key.kind}|${key.recipientId}|${key.periodKey}`;

/** Which of these (person, instant) pairs already have a nudge recorded at that instant, as `recipientId|dueAtMs`. */
export async function listNudgedInstants(db: TDb, pairs: readonly { recipientId: number; dueAt: number }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select distinct d.recipient_id, d.due_at from json_each(?) p
     cross join deliveries d on d.kind = 'nudge' and d.recipient_id = json_extract(p.value, '$[0]') and d.due_at = json_extract(p.value, '$[1]')`,
        )
          .raw()
          .all(JSON.stringify(pairs.map((p) => [p.recipientId, p.dueAt]))) as [number, number][])
      : (
          await rawRows<{ recipient_id: number; due_at: number }>(
            db,
            sql`select distinct d.recipient_id, ${epochMs(db, sql`d.due_at`)} as due_at
     from unnest(${pgArray(pairs.map((p) => p.recipientId))}::int[], ${isoArray(pairs.map((p) => p.dueAt))}::timestamptz[]) as p(recipient_id, due_at)
     join deliveries d on d.kind = 'nudge' and d.recipient_id = p.recipient_id and d.due_at = p.due_at`,
          )
        ).map((r): [number, number] => [r.recipient_id, r.due_at]);
  return new Set(rows.map(([recipientId, dueAt]) => `${recipientId}|${dueAt}`));
}

/** A budget window of one person: their local day and ISO week, epoch ms, [start, end), and the instant judged at. */
export type TBudgetWindows = { recipientId: number; dayStart: number; dayEnd: number; weekStart: number; weekEnd: number; at: number };

/** A review DM answering the rep's own request is solicited: not counted (one seek on call_reviews' key, for reviews only). */
const NOT_REQUESTED_REVIEW = `(d.kind <> 'review' or not exists (select 1 from call_reviews r where r.id = d.subject_id and r.requested_at is not null))`;

/*
 * The no-nagging budget used (SPEC §2), every unsolicited kind counted: nudges, agenda reminders and call-review DMs
 * (but not one answering the rep's own request: they asked for it) sent or still to be sent (pending, sending, sent) anywhere in the window, by when they went or are due to go out; check-ins
 * and digests before the instant judged at (the ones due from then on are counted from the schedule, with the ones not
 * recorded yet: `scheduledAhead`). The day's count leaves the digest out. Keep the statements below in step (the
 * PostgreSQL twins too).
 *
 * No index leads with the recipient, so both read through the key's unique index (kind, recipient_id, …): the kinds
 * listed up front make that five seeks per person, and `+status` keeps SQLite from preferring (status, due_at) —
 * a scan of every pending and sent delivery of every workspace for each person, which grew with the table.
 */
const COUNTED = `d.kind in ('nudge', 'agenda_reminder', 'review', 'checkin', 'digest') and (d.kind in ('nudge', 'agenda_reminder', 'review') or coalesce(d.sent_at, d.due_at) < :at)
  and ${NOT_REQUESTED_REVIEW}`;

/** The budget used, for many windows at once (one statement). */
export async function countUnsolicitedIn(db: TDb, windows: readonly TBudgetWindows[]): Promise<{ today: number; thisWeek: number }[]> {
  if (windows.length === 0) return [];
  if (db.$engine === 'sqlite') {
    const count = (from: string, to: string, kinds: string) =>
      `(select count(*) from deliveries d where ${kinds.replaceAll(':at', "json_extract(w.value, '$[5]')")} and d.recipient_id = json_extract(w.value, '$[0]')
       and +d.status in ('pending', 'sending', 'sent')
       and coalesce(d.sent_at, d.due_at) >= json_extract(w.value, '${from}') and coalesce(d.sent_at, d.due_at) < json_extract(w.value, '${to}'))`;
    const rows = statement(db, `select w.key, ${count('$[1]', '$[2]', `${COUNTED} and d.kind <> 'digest'`)}, ${count('$[3]', '$[4]', COUNTED)} from json_each(?) w order by w.key`)
      .raw()
      .all(JSON.stringify(windows.map((w) => [w.recipientId, w.dayStart, w.dayEnd, w.weekStart, w.weekEnd, w.at]))) as [number, number, number][];
    return rows.map(([, today, thisWeek]) => ({ today, thisWeek }));
  }
  // PostgreSQL: the same counts over the windows as arrays. `status || ''` is its `+status`: nearly every delivery is
  // pending or sent, yet with dead rows of rolled-back runs in (status, due_at) the planner would AND that index in.
  const count = (from: string, to: string, kinds: string) =>
    sql.raw(`(select count(*) from deliveries d where ${kinds.replaceAll(':at', 'w.at')} and d.recipient_id = w.recipient_id
       and (d.status || '') in ('pending', 'sending', 'sent')
       and coalesce(d.sent_at, d.due_at) >= w.${from} and coalesce(d.sent_at, d.due_at) < w.${to})`);
  const rows = await rawRows<{ today: number; this_week: number }>(
    db,
    sql`select ${count('day_start', 'day_end', `${COUNTED} and d.kind <> 'digest'`)} as today, ${count('week_start', 'week_end', COUNTED)} as this_week
     from unnest(${pgArray(windows.map((w) => w.recipientId))}::int[], ${isoArray(windows.map((w) => w.dayStart))}::timestamptz[],
       ${isoArray(windows.map((w) => w.dayEnd))}::timestamptz[], ${isoArray(windows.map((w) => w.weekStart))}::timestamptz[],
       ${isoArray(windows.map((w) => w.weekEnd))}::timestamptz[], ${isoArray(windows.map((w) => w.at))}::timestamptz[])
       with ordinality as w(recipient_id, day_start, day_end, week_start, week_end, at, ord)
     order by w.ord`,
  );
  return rows.map((r) => ({ today: Number(r.today), thisWeek: Number(r.this_week) }));
}

/** The one-window count, built with `param` for each value: SQLite placeholders (prepared once) or PostgreSQL values. */
function unsolicitedInWeekQuery(db: TDb, param: (name: keyof TBudgetWindows) => unknown) {
  const { deliveries } = tablesOf(db);
  const sentOrDue = sql`coalesce(${deliveries.sentAt}, ${deliveries.dueAt})`;
  return db
    .select({
      today: sql<number>`coalesce(sum(case when ${deliveries.kind} <> 'digest' and ${sentOrDue} >= ${param('dayStart')} and ${sentOrDue} < ${param('dayEnd')} then 1 else 0 end), 0)`,
      thisWeek: sql<number>`count(*)`,
    })
    .from(deliveries)
    .where(
      and(
        sql`${deliveries.kind} in ('nudge', 'agenda_reminder', 'review', 'checkin', 'digest')`,
        sql`(${deliveries.kind} in ('nudge', 'agenda_reminder', 'review') or ${sentOrDue} < ${param('at')})`,
        sql`${deliveries.recipientId} = ${param('recipientId')}`,
        db.$engine === 'sqlite' ? sql`+${deliveries.status} in ('pending', 'sending', 'sent')` : sql`(${deliveries.status} || '') in ('pending', 'sending', 'sent')`,
        sql`(${deliveries.kind} <> 'review' or not exists (select 1 from call_reviews r where r.id = ${deliveries.subjectId} and r.requested_at is not null))`,
        sql`${sentOrDue} >= ${param('weekStart')} and ${sentOrDue} < ${param('weekEnd')}`,
      ),
    );
}

// A drizzle prepared statement (not `statement`) so it also runs on a transaction's handle.
const unsolicitedInWeek = preparedFor((db) => unsolicitedInWeekQuery(db, (name) => sql.placeholder(name)).prepare());

/**
 * The budget used in one person's day and week, in one prepared statement, on any handle (the planner's
 * transaction included). The day lies inside the week, so one pass over the week counts both.
 */
export async function countUnsolicitedAround(db: TDb, windows: TBudgetWindows): Promise<{ today: number; thisWeek: number }> {
  if (db.$engine === 'postgres') {
    const ledger = ledgers.get(db);
    if (ledger) {
      const counted = countInLedger(ledger, windows);
      if (counted) return counted;
      // Outside what the ledger holds: the database, once it has everything the run decided so far.
      await ledger.beforeRead();
    }
  }
  const row =
    db.$engine === 'sqlite'
      ? unsolicitedInWeek(db).get(windows)
      : (await unsolicitedInWeekQuery(db, (name) => (name === 'recipientId' ? windows.recipientId : sql`${new Date(windows[name]).toISOString()}::timestamptz`)))[0];
  return { today: Number(row?.today ?? 0), thisWeek: Number(row?.thisWeek ?? 0) };
}

/*
 * PostgreSQL: a planner run's budget ledger. Counting each agenda reminder's, nudge's and review DM's budget is one
 * round trip per candidate; instead the run reads, once, every counted delivery of its recipients around its
 * window, adds what it decides as it goes, and `countUnsolicitedAround` on the run's transaction counts from that
 * (the same rules as `COUNTED`). A window outside the span read, a recipient not read, or one with a review DM
 * of unknown kind decided in the run go to the database, after `beforeRead` (the run writes what it has buffered).
 */
type TLedgerEntry = { kind: string; at: number; requested: boolean };
export type TBudgetLedger = {
  from: number;
  to: number;
  entries: Map<number, TLedgerEntry[]>;
  /** Recipients whose counts the ledger cannot answer (a review DM of unknown kind recorded in the run). */
  unknown: Set<number>;
  beforeRead: () => Promise<void>;
};
const ledgers = new WeakMap<TDb, TBudgetLedger>();
const COUNTED_KINDS = ['nudge', 'agenda_reminder', 'review', 'checkin', 'digest'];
const ALWAYS_COUNTED = new Set(['nudge', 'agenda_reminder', 'review']);
const COUNTED_STATUSES = new Set(['pending', 'sending', 'sent']);

/** Reads the ledger of these recipients over [from, to) and attaches it to `tx` (PostgreSQL), until `closeBudgetLedger`. */
export async function openBudgetLedger(tx: TDb, recipientIds: readonly number[], from: number, to: number, beforeRead: () => Promise<void>): Promise<TBudgetLedger> {
  const ledger: TBudgetLedger = { from, to, entries: new Map(recipientIds.map((id) => [id, []])), unknown: new Set(), beforeRead };
  if (recipientIds.length > 0) {
    const rows = await rawRows<{ recipient_id: number; kind: string; at: number; requested: boolean }>(
      tx,
      sql`select d.recipient_id, d.kind, ${epochMs(tx, sql`coalesce(d.sent_at, d.due_at)`)} as at,
       (d.kind = 'review' and exists (select 1 from call_reviews r where r.id = d.subject_id and r.requested_at is not null)) as requested
     from deliveries d where d.kind = any(${pgArray(COUNTED_KINDS)}::text[]) and d.recipient_id = any(${pgArray([...new Set(recipientIds)])}::int[])
       and (d.status || '') in ('pending', 'sending', 'sent')
       and coalesce(d.sent_at, d.due_at) >= ${new Date(from).toISOString()}::timestamptz and coalesce(d.sent_at, d.due_at) < ${new Date(to).toISOString()}::timestamptz`,
    );
    for (const r of rows) ledger.entries.get(r.recipient_id)?.push({ kind: r.kind, at: Number(r.at), requested: r.requested === true });
  }
  ledgers.set(tx, ledger);
  return ledger;
}

export function closeBudgetLedger(tx: TDb): void {
  ledgers.delete(tx);
}

/** A delivery the run recorded; `requested`: null when not known (a review DM), which sends that recipient to the database. */
export function noteInBudgetLedger(ledger: TBudgetLedger, d: { recipientId: number; kind: string; status: string; at: number | null; requested: boolean | null }): void {
  const entries = ledger.entries.get(d.recipientId);
  if (!entries || !COUNTED_STATUSES.has(d.status) || !COUNTED_KINDS.includes(d.kind) || d.at === null) return;
  if (d.requested === null) {
    ledger.unknown.add(d.recipientId);
    return;
  }
  if (d.at >= ledger.from && d.at < ledger.to) entries.push({ kind: d.kind, at: d.at, requested: d.requested });
}

function countInLedger(ledger: TBudgetLedger, w: TBudgetWindows): { today: number; thisWeek: number } | null {
  const entries = ledger.entries.get(w.recipientId);
  if (!entries || ledger.unknown.has(w.recipientId) || w.weekStart < ledger.from || w.weekEnd > ledger.to || w.dayStart < w.weekStart || w.dayEnd > w.weekEnd) return null;
  let today = 0;
  let thisWeek = 0;
  for (const e of entries) {
    if (e.at < w.weekStart || e.at >= w.weekEnd) continue;
    if (!ALWAYS_COUNTED.has(e.kind) && !(e.at < w.at)) continue;
    if (e.kind === 'review' && e.requested) continue;
    thisWeek++;
    if (e.kind !== 'digest' && e.at >= w.dayStart && e.at < w.dayEnd) today++;
  }
  return { today, thisWeek };
}

export type TPlanningExpectation = { personId: number; type: TActivityType; per: 'day' | 'week' | 'month'; amount: number; derivationText: string };

const KNOWN_TYPES = new Set<string>(ACTIVITY_TYPES);

/** The expectations of each rep's run (`computedAt` of their latest tier snapshot). */
export async function listExpectationsOfRuns(db: TDb, runs: readonly { personId: number; computedAt: number }[]): Promise<TPlanningExpectation[]> {
  if (runs.length === 0) return [];
  type TRow = [number, string, 'day' | 'week' | 'month', number, string];
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select e.person_id, e.activity_type, e.per, e.amount, coalesce(json_extract(e.derivation, '$.text'), '') from json_each(?) r
     cross join expectations e on e.person_id = json_extract(r.value, '$[0]') and e.computed_at = json_extract(r.value, '$[1]')
     order by e.person_id, e.id`,
        )
          .raw()
          .all(JSON.stringify(runs.map((r) => [r.personId, r.computedAt]))) as TRow[])
      : (
          await rawRows<{ person_id: number; activity_type: string; per: 'day' | 'week' | 'month'; amount: number; text: string }>(
            db,
            sql`select e.person_id, e.activity_type, e.per, e.amount, coalesce(e.derivation ->> 'text', '') as text
     from unnest(${pgArray(runs.map((r) => r.personId))}::int[], ${isoArray(runs.map((r) => r.computedAt))}::timestamptz[]) as r(person_id, computed_at)
     join expectations e on e.person_id = r.person_id and e.computed_at = r.computed_at
     order by e.person_id, e.id`,
          )
        ).map((r): TRow => [r.person_id, r.activity_type, r.per, r.amount, r.text]);
  return rows
    .filter(([, type]) => KNOWN_TYPES.has(type))
    .map(([personId, type, per, amount, derivationText]) => ({ personId, type: type as TActivityType, per, amount, derivationText: String(derivationText) }));
}

/** Activity of one rep summed per type over [weekStart, at] and, of that, over [dayStart, at]. */
export type TActivitySums = { index: number; type: TActivityType; week: number; day: number };

/** Per window (a rep, the start of their local week and day, and the instant judged at): activity sums by type, in one statement. */
export async function sumActivityIn(db: TDb, windows: readonly { repId: number; weekStart: number; dayStart: number; at: number }[]): Promise<TActivitySums[]> {
  if (windows.length === 0) return [];
  const rows =
    db.$engine === 'sqlite'
      ? (statement(
          db,
          `select w.key, a.type, sum(a.count), sum(case when a.occurred_at >= json_extract(w.value, '$[2]') then a.count else 0 end)
     from json_each(?) w
     cross join activities a on a.rep_id = json_extract(w.value, '$[0]') and a.occurred_at >= json_extract(w.value, '$[1]')
       and a.occurred_at <= json_extract(w.value, '$[3]')
     group by w.key, a.type`,
        )
          .raw()
          .all(JSON.stringify(windows.map((w) => [w.repId, w.weekStart, w.dayStart, w.at]))) as [number, string, number, number][])
      : (
          // `ord - 1`: the window's index in the batch, as json_each's key is.
          await rawRows<{ index: number; type: string; week: number; day: number }>(
            db,
            sql`select (w.ord - 1)::int as index, a.type, sum(a.count) as week, sum(case when a.occurred_at >= w.day_start then a.count else 0 end) as day
     from unnest(${pgArray(windows.map((w) => w.repId))}::int[], ${isoArray(windows.map((w) => w.weekStart))}::timestamptz[],
       ${isoArray(windows.map((w) => w.dayStart))}::timestamptz[], ${isoArray(windows.map((w) => w.at))}::timestamptz[])
       with ordinality as w(rep_id, week_start, day_start, at, ord)
     join activities a on a.rep_id = w.rep_id and a.occurred_at >= w.week_start and a.occurred_at <= w.at
     group by w.ord, a.type
     order by w.ord, a.type`,
          )
        ).map((r): [number, string, number, number] => [r.index, r.type, Number(r.week), Number(r.day)]);
  return rows.filter(([, type]) => KNOWN_TYPES.has(type)).map(([index, type, week, day]) => ({ index, type: type as TActivityType, week, day }));
}


/**
 * The reps' deals open at `now` (including ones closed later, for `--now` replays) that have been quiet since
 * `quietSince` (created before it, no activity between it and `now`), with the first time each stage was entered.
 */
export async function listQuietOpenDealsOf(db: TDb, repIds: readonly number[], now: number, quietSince: number): Promise<TDealFacts[]> {
  if (repIds.length === 0) return [];
  if (db.$engine === 'sqlite') {
    const rows = statement(
      db,
      `select d.id, d.rep_id, d.name, d.created_at, d.stage, d.furthest_stage, d.outcome, d.closed_at, d.amount_cents, d.last_activity_at
     from json_each(?) r cross join deals d on d.rep_id = r.value
     where d.created_at <= ? and (d.outcome = 'open' or d.closed_at > ?)
       and (d.last_activity_at is null or d.last_activity_at <= ? or d.last_activity_at > ?) order by d.id`,
    )
      .raw()
      .all(JSON.stringify(repIds), quietSince, now, quietSince, now) as TDealRow[];
    return withStageHistory(db, rows, now);
  }
  const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
  const rows = await rawRows<{
    id: number;
    rep_id: number;
    name: string;
    created_at: number;
    stage: string;
    furthest_stage: string;
    outcome: 'open' | 'won' | 'lost';
    closed_at: number | null;
    amount_cents: number | null;
    last_activity_at: number | null;
  }>(
    db,
    sql`select d.id, d.rep_id, d.name, ${epochMs(db, sql`d.created_at`)} as created_at, d.stage, d.furthest_stage, d.outcome,
       ${epochMs(db, sql`d.closed_at`)} as closed_at, d.amount_cents, ${epochMs(db, sql`d.last_activity_at`)} as last_activity_at
     from deals d where d.rep_id = any(${pgArray(repIds)}::int[])
       and d.created_at <= ${at(quietSince)} and (d.outcome = 'open' or d.closed_at > ${at(now)})
       and (d.last_activity_at is null or d.last_activity_at <= ${at(quietSince)} or d.last_activity_at > ${at(now)}) order by d.id`,
  );
  return withStageHistory(
    db,
    rows.map((r): TDealRow => [
      r.id,
      r.rep_id,
      r.name,
      r.created_at,
      r.stage,
      r.furthest_stage,
      r.outcome,
      r.closed_at,
      r.amount_cents === null ? null : Number(r.amount_cents),
      r.last_activity_at,
    ]),
    now,
  );
}

export type TDueActionItem = { id: number; ownerId: number; text: string; dueDate: string };

/** Open action items owned by these people, due on a local date in [fromDate, toDate] (yyyy-MM-dd, both included). */
export async function listOpenActionItemsDue(db: TDb, ownerIds: readonly number[], fromDate: string, toDate: string): Promise<TDueActionItem[]> {
  if (ownerIds.length === 0) return [];
  if (db.$engine === 'postgres') {
    return rawRows<TDueActionItem>(
      db,
      sql`select a.id as "id", a.owner_id as "ownerId", a.text as "text", a.due_date as "dueDate" from action_items a
     where a.owner_id = any(${pgArray(ownerIds)}::int[]) and a.done_at is null and a.due_date >= ${fromDate} and a.due_date <= ${toDate}
     order by a.due_date, a.id`,
    );
  }
  return statement(
    db,
    `select a.id as id, a.owner_id as ownerId, a.text as text, a.due_date as dueDate from json_each(?) o
     cross join action_items a on a.owner_id = o.value and a.done_at is null
     where a.due_date >= ? and a.due_date <= ? order by a.due_date, a.id`,
  ).all(JSON.stringify(ownerIds), fromDate, toDate) as TDueActionItem[];
}
