import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TStage } from '../../src/domain/types';
import type { TDb } from '../client';
import { preparedFor } from '../prepared';
import { activities, dealStageHistory, deals } from '../schema/index';

export type TDealRecord = typeof deals.$inferSelect;

/**
 * Every deal of the rep, most recently active first (matching breaks ties in this order), for matching the
 * names they write, open and closed. Works inside a transaction.
 */
export async function listRepDealCandidates(db: TDb, repId: number) {
  return db
    .select({ id: deals.id, name: deals.name, outcome: deals.outcome })
    .from(deals)
    .where(eq(deals.repId, repId))
    .orderBy(sql`coalesce(${deals.lastActivityAt}, ${deals.createdAt}) desc`, desc(deals.id))
    .all();
}

export async function getDeal(db: TDb, dealId: number): Promise<TDealRecord | undefined> {
  return db.select().from(deals).where(eq(deals.id, dealId)).get();
}

/** The stage the deal was in at `at` (its first stage when `at` is before its history); its current stage without history. */
export async function stageOfDealAt(db: TDb, deal: Pick<TDealRecord, 'id' | 'stage'>, at: Date): Promise<string> {
  const row = db
    .select({ stage: dealStageHistory.stage })
    .from(dealStageHistory)
    .where(and(eq(dealStageHistory.dealId, deal.id), sql`${dealStageHistory.enteredAt} <= ${at.getTime()}`))
    .orderBy(desc(dealStageHistory.enteredAt), desc(dealStageHistory.id))
    .get();
  if (row) return row.stage;
  const first = db
    .select({ stage: dealStageHistory.stage })
    .from(dealStageHistory)
    .where(eq(dealStageHistory.dealId, deal.id))
    .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id))
    .get();
  return first?.stage ?? deal.stage;
}

/** True when anything other than this log entry refers to the deal: activities, stage history, notes. */
export async function isDealUsedOutsideLogEntry(db: TDb, dealId: number, logEntryId: number): Promise<boolean> {
  const used = db.get<{ n: number }>(
    sql`select (select count(*) from activities where deal_id = ${dealId} and (log_entry_id is null or log_entry_id != ${logEntryId}))
             + (select count(*) from deal_stage_history where deal_id = ${dealId} and (log_entry_id is null or log_entry_id != ${logEntryId}))
             + (select count(*) from deal_notes where deal_id = ${dealId} and (log_entry_id is null or log_entry_id != ${logEntryId})) as n`,
  );
  return (used?.n ?? 0) > 0;
}

export async function deleteDeal(db: TDb, dealId: number): Promise<void> {
  db.delete(dealStageHistory).where(eq(dealStageHistory.dealId, dealId)).run();
  db.delete(deals).where(eq(deals.id, dealId)).run();
}

/** The stored `name_key` (case and spacing folded; CSV imports compare by it). Matching a name a rep writes is `matchDeal`'s. */
export function dealNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export async function createDeal(
  db: TDb,
  values: { workspaceId: string; repId: number; externalId: string; name: string; stage: string; createdAt: Date },
): Promise<TDealRecord> {
  return db
    .insert(deals)
    .values({ ...values, nameKey: dealNameKey(values.name), furthestStage: values.stage })
    .returning()
    .get();
}

export async function addStageHistory(db: TDb, row: { dealId: number; stage: string; enteredAt: Date; logEntryId: number | null }): Promise<void> {
  db.insert(dealStageHistory).values(row).run();
}

export async function getDealAmount(db: TDb, dealId: number): Promise<number | null> {
  return db.select({ amountCents: deals.amountCents }).from(deals).where(eq(deals.id, dealId)).get()?.amountCents ?? null;
}

/** Puts an amount back only if nothing changed it since (a later message's amount wins). */
export async function restoreDealAmount(db: TDb, change: { dealId: number; before: number | null; after: number }): Promise<void> {
  db.update(deals)
    .set({ amountCents: change.before })
    .where(and(eq(deals.id, change.dealId), eq(deals.amountCents, change.after)))
    .run();
}

export async function setDealAmount(db: TDb, dealId: number, amountCents: number | null): Promise<void> {
  db.update(deals).set({ amountCents }).where(eq(deals.id, dealId)).run();
}

/** Moves a deal's last activity forward, never back (logging and imports alike; works inside a transaction's `tx`). */
export async function touchDealActivity(db: TDb, dealId: number, at: Date): Promise<void> {
  db.update(deals)
    .set({ lastActivityAt: sql`max(coalesce(${deals.lastActivityAt}, 0), ${at.getTime()})` })
    .where(eq(deals.id, dealId))
    .run();
}

/**
 * Re-derives a deal's stage, furthest stage, outcome, close date and last activity from its history
 * and activities, so that
 * removing a message's history rows undoes exactly what that message did. A deal left with no
 * history and no activity was only ever created by removed messages, and goes too.
 */
export async function refreshDealsFromHistory(db: TDb, dealIds: readonly number[], stages: readonly TStage[]): Promise<void> {
  if (dealIds.length === 0) return;
  const byKey = new Map(stages.map((s) => [s.key, s]));
  for (const dealId of dealIds) {
    const history = db
      .select()
      .from(dealStageHistory)
      .where(eq(dealStageHistory.dealId, dealId))
      .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id))
      .all();
    if (history.length === 0) {
      const used = db.select({ n: sql<number>`count(*)` }).from(activities).where(eq(activities.dealId, dealId)).get();
      if ((used?.n ?? 0) === 0) db.delete(deals).where(eq(deals.id, dealId)).run();
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
    const lastActivity = db.select({ at: sql<number | null>`max(${activities.occurredAt})` }).from(activities).where(eq(activities.dealId, dealId)).get();
    db.update(deals)
      .set({
        stage: last.stage,
        furthestStage: furthest,
        outcome,
        closedAt: outcome === 'open' ? null : last.enteredAt,
        lastActivityAt: lastActivity?.at ? new Date(lastActivity.at) : null,
      })
      .where(eq(deals.id, dealId))
      .run();
  }
}

const repDeals = preparedFor((db) =>
  db
    .select({
      name: deals.name,
      stage: deals.stage,
      outcome: deals.outcome,
      amountCents: deals.amountCents,
      closedAt: sql<number | null>`${deals.closedAt}`,
    })
    .from(deals)
    .where(and(eq(deals.repId, sql.placeholder('repId')), sql`(${deals.outcome} = 'open' or ${deals.closedAt} >= ${sql.placeholder('closedSince')})`))
    .prepare(),
);

/** A rep's open deals and those closed since `closedSince` (close times as epoch ms), for stats. */
export async function listRepDeals(db: TDb, repId: number, closedSince: Date) {
  return repDeals(db).all({ repId, closedSince: closedSince.getTime() });
}

export async function dealIdsTouchedByLogEntry(db: TDb, logEntryId: number): Promise<number[]> {
  const fromHistory = db
    .selectDistinct({ id: dealStageHistory.dealId })
    .from(dealStageHistory)
    .where(eq(dealStageHistory.logEntryId, logEntryId))
    .all();
  const fromActivities = db
    .selectDistinct({ id: activities.dealId })
    .from(activities)
    .where(and(eq(activities.logEntryId, logEntryId), sql`${activities.dealId} is not null`))
    .all();
  return [...new Set([...fromHistory, ...fromActivities].map((r) => r.id!))];
}

export async function deleteHistoryOfLogEntry(db: TDb, logEntryId: number, dealIds: readonly number[]): Promise<void> {
  if (dealIds.length === 0) return;
  db.delete(dealStageHistory)
    .where(and(eq(dealStageHistory.logEntryId, logEntryId), inArray(dealStageHistory.dealId, [...dealIds])))
    .run();
}

const wonSince = preparedFor((db) =>
  db.$client.prepare<{ repId: number; since: number }, { n: number }>(
    "select count(*) as n from deals where rep_id = @repId and outcome = 'won' and closed_at >= @since",
  ),
);

/** Deals the rep has won since an instant (quota progress). */
export async function countWonSince(db: TDb, repId: number, since: Date): Promise<number> {
  return wonSince(db).get({ repId, since: since.getTime() })?.n ?? 0;
}

const wonCentsSince = preparedFor((db) =>
  db.$client.prepare<{ repId: number; since: number }, { cents: number }>(
    "select coalesce(sum(amount_cents), 0) as cents from deals where rep_id = @repId and outcome = 'won' and closed_at >= @since",
  ),
);

/** The amount (cents) the rep has won since an instant, deals without an amount counting nothing (revenue quota progress). */
export async function sumWonCentsSince(db: TDb, repId: number, since: Date): Promise<number> {
  return wonCentsSince(db).get({ repId, since: since.getTime() })?.cents ?? 0;
}

const openDealsOfRep = preparedFor((db) =>
  db
    .select({ id: deals.id, name: deals.name, stage: deals.stage, createdAt: deals.createdAt, lastActivityAt: deals.lastActivityAt })
    .from(deals)
    .where(and(eq(deals.repId, sql.placeholder('repId')), eq(deals.outcome, 'open')))
    .prepare(),
);

/** A rep's open deals with what a deal picker sorts them by (the Log activity modal, a check-in's quick choices). */
export async function listOpenDealsForPicker(db: TDb, repId: number) {
  return openDealsOfRep(db).all({ repId });
}

const dealById = preparedFor((db) =>
  db
    .select({ id: deals.id, workspaceId: deals.workspaceId, repId: deals.repId, name: deals.name, stage: deals.stage, outcome: deals.outcome })
    .from(deals)
    .where(eq(deals.id, sql.placeholder('dealId')))
    .prepare(),
);

/** One deal by id, with whose it is and whether it is still open (a picked deal, checked before it is used). */
export async function findDealForPicker(db: TDb, dealId: number) {
  return dealById(db).get({ dealId });
}

/** Deals the given reps won in [from, until), most recently closed first: the name, who, and when only. */
export async function listWonDealsOf(db: TDb, repIds: readonly number[], from: Date, until: Date): Promise<{ name: string; repId: number }[]> {
  if (repIds.length === 0) return [];
  return db
    .select({ name: deals.name, repId: deals.repId })
    .from(deals)
    .where(and(inArray(deals.repId, [...repIds]), eq(deals.outcome, 'won'), sql`${deals.closedAt} >= ${from.getTime()}`, sql`${deals.closedAt} < ${until.getTime()}`))
    .orderBy(desc(deals.closedAt), desc(deals.id))
    .all();
}
