import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { TStage } from '../../src/domain/types';
import { tablesOf, type TDb } from '../client';
import { preparedFor } from '../prepared';
import { byEngine, epochMs, first, instantParam, rawRows } from '../query';
import type { deals as dealsTable } from '../schema/index';

export type TDealRecord = typeof dealsTable.$inferSelect;

/**
 * Every deal of the rep, most recently active first (matching breaks ties in this order), for matching the
 * names they write, open and closed. Works inside a transaction.
 */
export async function listRepDealCandidates(db: TDb, repId: number) {
  const { deals } = tablesOf(db);
  return db
    .select({ id: deals.id, name: deals.name, outcome: deals.outcome })
    .from(deals)
    .where(eq(deals.repId, repId))
    .orderBy(sql`coalesce(${deals.lastActivityAt}, ${deals.createdAt}) desc`, desc(deals.id));
}

export async function getDeal(db: TDb, dealId: number): Promise<TDealRecord | undefined> {
  const { deals } = tablesOf(db);
  return first(db.select().from(deals).where(eq(deals.id, dealId)).limit(1));
}

/** The stage the deal was in at `at` (its first stage when `at` is before its history); its current stage without history. */
export async function stageOfDealAt(db: TDb, deal: Pick<TDealRecord, 'id' | 'stage'>, at: Date): Promise<string> {
  const { dealStageHistory } = tablesOf(db);
  const row = await first(
    db
      .select({ stage: dealStageHistory.stage })
      .from(dealStageHistory)
      .where(and(eq(dealStageHistory.dealId, deal.id), lte(dealStageHistory.enteredAt, at)))
      .orderBy(desc(dealStageHistory.enteredAt), desc(dealStageHistory.id))
      .limit(1),
  );
  if (row) return row.stage;
  const earliest = await first(
    db
      .select({ stage: dealStageHistory.stage })
      .from(dealStageHistory)
      .where(eq(dealStageHistory.dealId, deal.id))
      .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id))
      .limit(1),
  );
  return earliest?.stage ?? deal.stage;
}

/** True when anything other than this log entry refers to the deal: activities, stage history, notes. */
export async function isDealUsedOutsideLogEntry(db: TDb, dealId: number, logEntryId: number): Promise<boolean> {
  const [used] = await rawRows<{ n: number }>(
    db,
    sql`select (select count(*) from activities where deal_id = ${dealId} and (log_entry_id is null or log_entry_id != ${logEntryId}))
             + (select count(*) from deal_stage_history where deal_id = ${dealId} and (log_entry_id is null or log_entry_id != ${logEntryId}))
             + (select count(*) from deal_notes where deal_id = ${dealId} and (log_entry_id is null or log_entry_id != ${logEntryId})) as n`,
  );
  return Number(used?.n ?? 0) > 0;
}

export async function deleteDeal(db: TDb, dealId: number): Promise<void> {
  const { dealStageHistory, deals } = tablesOf(db);
  await db.delete(dealStageHistory).where(eq(dealStageHistory.dealId, dealId));
  await db.delete(deals).where(eq(deals.id, dealId));
}

/** The stored `name_key` (case and spacing folded; CSV imports compare by it). Matching a name a rep writes is `matchDeal`'s. */
export function dealNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export async function createDeal(
  db: TDb,
  values: { workspaceId: string; repId: number; externalId: string; name: string; stage: string; createdAt: Date },
): Promise<TDealRecord> {
  const { deals } = tablesOf(db);
  return (
    await db
      .insert(deals)
      .values({ ...values, nameKey: dealNameKey(values.name), furthestStage: values.stage })
      .returning()
  )[0]!;
}

export async function addStageHistory(db: TDb, row: { dealId: number; stage: string; enteredAt: Date; logEntryId: number | null }): Promise<void> {
  const { dealStageHistory } = tablesOf(db);
  await db.insert(dealStageHistory).values(row);
}

export async function getDealAmount(db: TDb, dealId: number): Promise<number | null> {
  const { deals } = tablesOf(db);
  return (await first(db.select({ amountCents: deals.amountCents }).from(deals).where(eq(deals.id, dealId)).limit(1)))?.amountCents ?? null;
}

/** Puts an amount back only if nothing changed it since (a later message's amount wins). */
export async function restoreDealAmount(db: TDb, change: { dealId: number; before: number | null; after: number }): Promise<void> {
  const { deals } = tablesOf(db);
  await db
    .update(deals)
    .set({ amountCents: change.before })
    .where(and(eq(deals.id, change.dealId), eq(deals.amountCents, change.after)));
}

export async function setDealAmount(db: TDb, dealId: number, amountCents: number | null): Promise<void> {
  const { deals } = tablesOf(db);
  await db.update(deals).set({ amountCents }).where(eq(deals.id, dealId));
}

/** Moves a deal's last activity forward, never back (logging and imports alike; works inside a transaction's `tx`). */
export async function touchDealActivity(db: TDb, dealId: number, at: Date): Promise<void> {
  const { deals } = tablesOf(db);
  await db
    .update(deals)
    .set({
      lastActivityAt: byEngine(db, {
        sqlite: sql`max(coalesce(${deals.lastActivityAt}, 0), ${at.getTime()})`,
        // greatest() skips nulls: a deal without a last activity takes `at`.
        postgres: sql`greatest(${deals.lastActivityAt}, ${instantParam(db, at)})`,
      }),
    })
    .where(eq(deals.id, dealId));
}

/**
 * Re-derives a deal's stage, furthest stage, outcome, close date and last activity from its history
 * and activities, so that
 * removing a message's history rows undoes exactly what that message did. A deal left with no
 * history and no activity was only ever created by removed messages, and goes too.
 */
export async function refreshDealsFromHistory(db: TDb, dealIds: readonly number[], stages: readonly TStage[]): Promise<void> {
  if (dealIds.length === 0) return;
  const { activities, dealStageHistory, deals } = tablesOf(db);
  const byKey = new Map(stages.map((s) => [s.key, s]));
  for (const dealId of dealIds) {
    const history = await db
      .select()
      .from(dealStageHistory)
      .where(eq(dealStageHistory.dealId, dealId))
      .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id));
    if (history.length === 0) {
      const used = await first(db.select({ n: sql<number>`count(*)` }).from(activities).where(eq(activities.dealId, dealId)));
      if (Number(used?.n ?? 0) === 0) await db.delete(deals).where(eq(deals.id, dealId));
      continue;
    }
    const last = history[history.length - 1]!;
    const lastStage = byKey.get(last.stage);
    let furthest = history[0]!.stage;
    for (const h of history) {
      const s = byKey.get(h.stage);
      if (s && !s.outcome && (byKey.get(furthest)?.position ?? 0) < s.position) furthest = h.stage;
    }
    const outcome = lastStage?.outcome ?? 'open';
    const lastActivity = await first(
      db
        .select({ at: sql<Date | null>`max(${activities.occurredAt})`.mapWith(activities.occurredAt) })
        .from(activities)
        .where(eq(activities.dealId, dealId)),
    );
    await db
      .update(deals)
      .set({
        stage: last.stage,
        furthestStage: furthest,
        outcome,
        closedAt: outcome === 'open' ? null : last.enteredAt,
        lastActivityAt: lastActivity?.at ?? null,
      })
      .where(eq(deals.id, dealId));
  }
}

type TRepDealRow = { name: string; stage: string; outcome: 'open' | 'won' | 'lost'; amountCents: number | null; closedAt: number | null };

// SQLite's /stats hot path: compiled once per connection.
const repDeals = preparedFor((db) => {
  const { deals } = tablesOf(db);
  return db
    .select({
      name: deals.name,
      stage: deals.stage,
      outcome: deals.outcome,
      amountCents: deals.amountCents,
      closedAt: sql<number | null>`${deals.closedAt}`,
    })
    .from(deals)
    .where(and(eq(deals.repId, sql.placeholder('repId')), sql`(${deals.outcome} = 'open' or ${deals.closedAt} >= ${sql.placeholder('closedSince')})`))
    .prepare();
});

/** A rep's open deals and those closed since `closedSince` (close times as epoch ms), for stats. */
export async function listRepDeals(db: TDb, repId: number, closedSince: Date): Promise<TRepDealRow[]> {
  if (db.$engine === 'sqlite') return repDeals(db).all({ repId, closedSince: closedSince.getTime() });
  const { deals } = tablesOf(db);
  return db
    .select({
      name: deals.name,
      stage: deals.stage,
      outcome: deals.outcome,
      amountCents: deals.amountCents,
      closedAt: sql<number | null>`${epochMs(db, deals.closedAt)}`,
    })
    .from(deals)
    .where(and(eq(deals.repId, repId), or(eq(deals.outcome, 'open'), gte(deals.closedAt, closedSince))));
}

export async function dealIdsTouchedByLogEntry(db: TDb, logEntryId: number): Promise<number[]> {
  const { activities, dealStageHistory } = tablesOf(db);
  const fromHistory = await db.selectDistinct({ id: dealStageHistory.dealId }).from(dealStageHistory).where(eq(dealStageHistory.logEntryId, logEntryId));
  const fromActivities = await db
    .selectDistinct({ id: activities.dealId })
    .from(activities)
    .where(and(eq(activities.logEntryId, logEntryId), sql`${activities.dealId} is not null`));
  return [...new Set([...fromHistory, ...fromActivities].map((r) => r.id!))];
}

export async function deleteHistoryOfLogEntry(db: TDb, logEntryId: number, dealIds: readonly number[]): Promise<void> {
  if (dealIds.length === 0) return;
  const { dealStageHistory } = tablesOf(db);
  await db.delete(dealStageHistory).where(and(eq(dealStageHistory.logEntryId, logEntryId), inArray(dealStageHistory.dealId, [...dealIds])));
}

const wonSince = preparedFor((db) =>
  db.$client.prepare<{ repId: number; since: number }, { n: number }>(
    "select count(*) as n from deals where rep_id = @repId and outcome = 'won' and closed_at >= @since",
  ),
);

/** Deals the rep has won since an instant (quota progress). */
export async function countWonSince(db: TDb, repId: number, since: Date): Promise<number> {
  if (db.$engine === 'sqlite') return wonSince(db).get({ repId, since: since.getTime() })?.n ?? 0;
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`select count(*) as n from deals where rep_id = ${repId} and outcome = 'won' and closed_at >= ${instantParam(db, since)}`,
  );
  return Number(row?.n ?? 0);
}

const wonCentsSince = preparedFor((db) =>
  db.$client.prepare<{ repId: number; since: number }, { cents: number }>(
    "select coalesce(sum(amount_cents), 0) as cents from deals where rep_id = @repId and outcome = 'won' and closed_at >= @since",
  ),
);

/** The amount (cents) the rep has won since an instant, deals without an amount counting nothing (revenue quota progress). */
export async function sumWonCentsSince(db: TDb, repId: number, since: Date): Promise<number> {
  if (db.$engine === 'sqlite') return wonCentsSince(db).get({ repId, since: since.getTime() })?.cents ?? 0;
  const [row] = await rawRows<{ cents: number }>(
    db,
    sql`select coalesce(sum(amount_cents), 0) as cents from deals where rep_id = ${repId} and outcome = 'won' and closed_at >= ${instantParam(db, since)}`,
  );
  return Number(row?.cents ?? 0);
}

const openDealsOfRepQuery = (db: TDb, repId: number | ReturnType<typeof sql.placeholder>) => {
  const { deals } = tablesOf(db);
  return db
    .select({ id: deals.id, name: deals.name, stage: deals.stage, createdAt: deals.createdAt, lastActivityAt: deals.lastActivityAt })
    .from(deals)
    .where(and(eq(deals.repId, repId), eq(deals.outcome, 'open')));
};
const openDealsOfRep = preparedFor((db) => openDealsOfRepQuery(db, sql.placeholder('repId')).prepare());

/** A rep's open deals with what a deal picker sorts them by (the Log activity modal, a check-in's quick choices). */
export async function listOpenDealsForPicker(db: TDb, repId: number) {
  if (db.$engine === 'sqlite') return openDealsOfRep(db).all({ repId });
  return openDealsOfRepQuery(db, repId);
}

const dealByIdQuery = (db: TDb, dealId: number | ReturnType<typeof sql.placeholder>) => {
  const { deals } = tablesOf(db);
  return db
    .select({ id: deals.id, workspaceId: deals.workspaceId, repId: deals.repId, name: deals.name, stage: deals.stage, outcome: deals.outcome })
    .from(deals)
    .where(eq(deals.id, dealId));
};
const dealById = preparedFor((db) => dealByIdQuery(db, sql.placeholder('dealId')).prepare());

/** One deal by id, with whose it is and whether it is still open (a picked deal, checked before it is used). */
export async function findDealForPicker(db: TDb, dealId: number) {
  if (db.$engine === 'sqlite') return dealById(db).get({ dealId });
  return first(dealByIdQuery(db, dealId).limit(1));
}

/** Deals the given reps won in [from, until), most recently closed first: the name, who, and when only. */
export async function listWonDealsOf(db: TDb, repIds: readonly number[], from: Date, until: Date): Promise<{ name: string; repId: number }[]> {
  if (repIds.length === 0) return [];
  const { deals } = tablesOf(db);
  return db
    .select({ name: deals.name, repId: deals.repId })
    .from(deals)
    .where(and(inArray(deals.repId, [...repIds]), eq(deals.outcome, 'won'), gte(deals.closedAt, from), lt(deals.closedAt, until)))
    .orderBy(desc(deals.closedAt), desc(deals.id));
}
