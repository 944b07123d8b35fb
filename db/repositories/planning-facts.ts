import { and, asc, eq, sql } from 'drizzle-orm';
import type { TDealFacts } from '../../src/domain/coaching/inputs';
import type { TTier } from '../../src/domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType } from '../../src/domain/types';
import type { TDb } from '../client';
import { preparedFor, statement } from '../prepared';
import { deliveries, people } from '../schema/index';
import { type TDealRow, withStageHistory } from './brief-facts';
import type { TPersonRow } from './people';

/*
 * Set-based reads of the check-in and nudge planners: one statement per workspace (or per batch of people),
 * never one per person, so planning 10,000 people stays well under a second. Batches are passed as one JSON
 * array (`json_each`), so one compiled statement serves any size. `cross join` keeps the batch as the outer
 * loop (SQLite never reorders a CROSS JOIN), so each row is an index seek instead of a scan of the table.
 */

export type TPlanningRep = { person: TPersonRow; tier: TTier | null; computedAt: number | null };

/**
 * The workspace's reps who can be messaged (not deactivated, not bots), each with their latest tier at `now`.
 * `workspacePeople`: the workspace's people as `listWorkspacePeople` read them, when the caller has them already.
 */
export async function listPlanningReps(db: TDb, workspaceId: string, now: number, workspacePeople?: readonly TPersonRow[]): Promise<TPlanningRep[]> {
  const rows = workspacePeople
    ? workspacePeople.filter((p) => p.role === 'rep' && !p.isDeleted && !p.isBot)
    : db
        .select()
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), eq(people.role, 'rep'), eq(people.isDeleted, false), eq(people.isBot, false)))
        .orderBy(asc(people.id))
        .all();
  // Driven from people so each lookup is a seek on tier_snapshots (person_id, computed_at).
  const tiers = statement(
    db,
    `select p.id, t.tier, t.computed_at from people p
     join tier_snapshots t on t.person_id = p.id
       and t.computed_at = (select max(x.computed_at) from tier_snapshots x where x.person_id = p.id and x.computed_at <= ?)
     where p.workspace_id = ? and p.role = 'rep' and p.is_deleted = 0 and p.is_bot = 0`,
  )
    .raw()
    .all(now, workspaceId) as [number, TTier, number][];
  const byId = new Map(tiers.map(([id, tier, computedAt]) => [id, { tier, computedAt }]));
  return rows.map((person) => ({ person, tier: byId.get(person.id)?.tier ?? null, computedAt: byId.get(person.id)?.computedAt ?? null }));
}

export type TDeliveryKey = { kind: string; recipientId: number; periodKey: string };

/** Which of these delivery keys are recorded already, as `kind|recipientId|periodKey` (one seek each on the key's unique index). */
export async function listRecordedKeys(db: TDb, keys: readonly TDeliveryKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = statement(
    db,
    `select d.kind, d.recipient_id, d.period_key from json_each(?) k
     cross join deliveries d on d.kind = json_extract(k.value, '$[0]') and d.recipient_id = json_extract(k.value, '$[1]')
       and d.period_key = json_extract(k.value, '$[2]')`,
  )
    .raw()
    .all(JSON.stringify(keys.map((k) => [k.kind, k.recipientId, k.periodKey]))) as [string, number, string][];
  return new Set(rows.map(([kind, recipientId, periodKey]) => recordedKey({ kind, recipientId, periodKey })));
}

export const recordedKey = (key: TDeliveryKey) => `${key.kind}|${key.recipientId}|${key.periodKey}`;

/** Which of these (person, instant) pairs already have a nudge recorded at that instant, as `recipientId|dueAtMs`. */
export async function listNudgedInstants(db: TDb, pairs: readonly { recipientId: number; dueAt: number }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = statement(
    db,
    `select distinct d.recipient_id, d.due_at from json_each(?) p
     cross join deliveries d on d.kind = 'nudge' and d.recipient_id = json_extract(p.value, '$[0]') and d.due_at = json_extract(p.value, '$[1]')`,
  )
    .raw()
    .all(JSON.stringify(pairs.map((p) => [p.recipientId, p.dueAt]))) as [number, number][];
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
 * recorded yet: `scheduledAhead`). The day's count leaves the digest out. Keep the two statements below in step.
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
  const count = (from: string, to: string, kinds: string) =>
    `(select count(*) from deliveries d where ${kinds.replaceAll(':at', "json_extract(w.value, '$[5]')")} and d.recipient_id = json_extract(w.value, '$[0]')
       and +d.status in ('pending', 'sending', 'sent')
       and coalesce(d.sent_at, d.due_at) >= json_extract(w.value, '${from}') and coalesce(d.sent_at, d.due_at) < json_extract(w.value, '${to}'))`;
  const rows = statement(db, `select w.key, ${count('$[1]', '$[2]', `${COUNTED} and d.kind <> 'digest'`)}, ${count('$[3]', '$[4]', COUNTED)} from json_each(?) w order by w.key`)
    .raw()
    .all(JSON.stringify(windows.map((w) => [w.recipientId, w.dayStart, w.dayEnd, w.weekStart, w.weekEnd, w.at]))) as [number, number, number][];
  return rows.map(([, today, thisWeek]) => ({ today, thisWeek }));
}

const sentOrDue = sql`coalesce(${deliveries.sentAt}, ${deliveries.dueAt})`;
// A drizzle prepared statement (not `statement`) so it also runs on a transaction's handle.
const unsolicitedInWeek = preparedFor((db) =>
  db
    .select({
      today: sql<number>`coalesce(sum(case when ${deliveries.kind} <> 'digest' and ${sentOrDue} >= ${sql.placeholder('dayStart')} and ${sentOrDue} < ${sql.placeholder('dayEnd')} then 1 else 0 end), 0)`,
      thisWeek: sql<number>`count(*)`,
    })
    .from(deliveries)
    .where(
      and(
        sql`${deliveries.kind} in ('nudge', 'agenda_reminder', 'review', 'checkin', 'digest')`,
        sql`(${deliveries.kind} in ('nudge', 'agenda_reminder', 'review') or ${sentOrDue} < ${sql.placeholder('at')})`,
        eq(deliveries.recipientId, sql.placeholder('recipientId')),
        sql`+${deliveries.status} in ('pending', 'sending', 'sent')`,
        sql`(${deliveries.kind} <> 'review' or not exists (select 1 from call_reviews r where r.id = ${deliveries.subjectId} and r.requested_at is not null))`,
        sql`${sentOrDue} >= ${sql.placeholder('weekStart')} and ${sentOrDue} < ${sql.placeholder('weekEnd')}`,
      ),
    )
    .prepare(),
);

/**
 * The budget used in one person's day and week, in one prepared statement, on any handle (the planner's
 * transaction included). The day lies inside the week, so one pass over the week counts both.
 */
export async function countUnsolicitedAround(db: TDb, windows: TBudgetWindows): Promise<{ today: number; thisWeek: number }> {
  const row = unsolicitedInWeek(db).get(windows);
  return { today: Number(row?.today ?? 0), thisWeek: Number(row?.thisWeek ?? 0) };
}

export type TPlanningExpectation = { personId: number; type: TActivityType; per: 'day' | 'week' | 'month'; amount: number; derivationText: string };

const KNOWN_TYPES = new Set<string>(ACTIVITY_TYPES);

/** The expectations of each rep's run (`computedAt` of their latest tier snapshot). */
export async function listExpectationsOfRuns(db: TDb, runs: readonly { personId: number; computedAt: number }[]): Promise<TPlanningExpectation[]> {
  if (runs.length === 0) return [];
  const rows = statement(
    db,
    `select e.person_id, e.activity_type, e.per, e.amount, coalesce(json_extract(e.derivation, '$.text'), '') from json_each(?) r
     cross join expectations e on e.person_id = json_extract(r.value, '$[0]') and e.computed_at = json_extract(r.value, '$[1]')
     order by e.person_id, e.id`,
  )
    .raw()
    .all(JSON.stringify(runs.map((r) => [r.personId, r.computedAt]))) as [number, string, 'day' | 'week' | 'month', number, string][];
  return rows
    .filter(([, type]) => KNOWN_TYPES.has(type))
    .map(([personId, type, per, amount, derivationText]) => ({ personId, type: type as TActivityType, per, amount, derivationText: String(derivationText) }));
}

/** Activity of one rep summed per type over [weekStart, at] and, of that, over [dayStart, at]. */
export type TActivitySums = { index: number; type: TActivityType; week: number; day: number };

/** Per window (a rep, the start of their local week and day, and the instant judged at): activity sums by type, in one statement. */
export async function sumActivityIn(db: TDb, windows: readonly { repId: number; weekStart: number; dayStart: number; at: number }[]): Promise<TActivitySums[]> {
  if (windows.length === 0) return [];
  const rows = statement(
    db,
    `select w.key, a.type, sum(a.count), sum(case when a.occurred_at >= json_extract(w.value, '$[2]') then a.count else 0 end)
     from json_each(?) w
     cross join activities a on a.rep_id = json_extract(w.value, '$[0]') and a.occurred_at >= json_extract(w.value, '$[1]')
       and a.occurred_at <= json_extract(w.value, '$[3]')
     group by w.key, a.type`,
  )
    .raw()
    .all(JSON.stringify(windows.map((w) => [w.repId, w.weekStart, w.dayStart, w.at]))) as [number, string, number, number][];
  return rows.filter(([, type]) => KNOWN_TYPES.has(type)).map(([index, type, week, day]) => ({ index, type: type as TActivityType, week, day }));
}


/**
 * The reps' deals open at `now` (including ones closed later, for `--now` replays) that have been quiet since
 * `quietSince` (created before it, no activity between it and `now`), with the first time each stage was entered.
 */
export async function listQuietOpenDealsOf(db: TDb, repIds: readonly number[], now: number, quietSince: number): Promise<TDealFacts[]> {
  if (repIds.length === 0) return [];
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

export type TDueActionItem = { id: number; ownerId: number; text: string; dueDate: string };

/** Open action items owned by these people, due on a local date in [fromDate, toDate] (yyyy-MM-dd, both included). */
export async function listOpenActionItemsDue(db: TDb, ownerIds: readonly number[], fromDate: string, toDate: string): Promise<TDueActionItem[]> {
  if (ownerIds.length === 0) return [];
  return statement(
    db,
    `select a.id as id, a.owner_id as ownerId, a.text as text, a.due_date as dueDate from json_each(?) o
     cross join action_items a on a.owner_id = o.value and a.done_at is null
     where a.due_date >= ? and a.due_date <= ? order by a.due_date, a.id`,
  ).all(JSON.stringify(ownerIds), fromDate, toDate) as TDueActionItem[];
}
