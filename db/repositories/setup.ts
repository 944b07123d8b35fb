import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { TActivityType, TStage } from '../../src/domain/types';
import { type TDb, tablesOf } from '../client';
import { first } from '../query';

/** The stored pieces of a workspace's setup (SPEC §3 `/coach setup`), as `setupFromStored` reads them. */
export type TStoredSetup = {
  stages: (TStage & { aliases: string[]; staleAfterDays: number | null })[];
  timezone: string;
  activityStageMap: Partial<Record<TActivityType, string | null>> | null;
  settings: Record<string, unknown>;
};

/** Null when the workspace does not exist. */
export async function readStoredSetup(db: TDb, workspaceId: string): Promise<TStoredSetup | null> {
  const { workspaces, stages } = tablesOf(db);
  const ws = await first(
    db
      .select({ timezone: workspaces.timezone, map: workspaces.activityStageMap, settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .limit(1),
  );
  if (!ws) return null;
  const rows = await db
    .select({ key: stages.key, name: stages.name, position: stages.position, outcome: stages.outcome, aliases: stages.aliases, staleAfterDays: stages.staleAfterDays })
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId))
    .orderBy(asc(stages.position));
  return { stages: rows.map((r) => ({ ...r, aliases: Array.isArray(r.aliases) ? r.aliases : [] })), timezone: ws.timezone, activityStageMap: ws.map ?? null, settings: ws.settings ?? {} };
}

export type TStageWrite = { key: string; name: string; outcome: 'won' | 'lost' | null; aliases: string[]; staleAfterDays: number | null };

/** Replaces the workspace's stages (in the given order) and its zone, map and settings JSON. Run inside a transaction. */
export async function writeStoredSetup(
  db: TDb,
  workspaceId: string,
  input: { stages: readonly TStageWrite[]; timezone: string; activityStageMap: Partial<Record<TActivityType, string | null>>; settings: Record<string, unknown> },
): Promise<void> {
  const { stages, workspaces } = tablesOf(db);
  const keep = input.stages.map((s) => s.key);
  await db.delete(stages).where(keep.length > 0 ? and(eq(stages.workspaceId, workspaceId), notInArray(stages.key, keep)) : eq(stages.workspaceId, workspaceId));
  for (const [i, s] of input.stages.entries()) {
    const values = { name: s.name, position: i + 1, outcome: s.outcome, aliases: s.aliases, staleAfterDays: s.staleAfterDays };
    await db
      .insert(stages)
      .values({ workspaceId, key: s.key, ...values })
      .onConflictDoUpdate({ target: [stages.workspaceId, stages.key], set: values });
  }
  await db
    .update(workspaces)
    .set({ timezone: input.timezone, activityStageMap: input.activityStageMap, settings: input.settings })
    .where(eq(workspaces.id, workspaceId));
}

/** How deals use a stage: open deals in it now, and deals whose history passed through it. */
export async function countStageUse(db: TDb, workspaceId: string, key: string): Promise<{ openDeals: number; deals: number }> {
  const { deals, dealStageHistory } = tablesOf(db);
  const open = await first(
    db
      .select({ n: sql<number>`count(*)` })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stage, key), eq(deals.outcome, 'open'))),
  );
  const passed = await first(
    db
      .select({ n: sql<number>`count(distinct ${deals.id})` })
      .from(deals)
      .leftJoin(dealStageHistory, eq(dealStageHistory.dealId, deals.id))
      .where(and(eq(deals.workspaceId, workspaceId), sql`(${deals.stage} = ${key} or ${deals.furthestStage} = ${key} or ${dealStageHistory.stage} = ${key})`)),
  );
  return { openDeals: open?.n ?? 0, deals: passed?.n ?? 0 };
}

/** Moves everything recorded against stage `from` to stage `to` (deals, their history, activities, the recordings library); returns the deals touched. */
export async function moveStageRecords(db: TDb, workspaceId: string, from: string, to: string): Promise<number[]> {
  const { deals, dealStageHistory, activities, exemplars } = tablesOf(db);
  const inWorkspace = db.select({ id: deals.id }).from(deals).where(eq(deals.workspaceId, workspaceId));
  const touched = (
    await db
      .select({ id: deals.id })
      .from(deals)
      .leftJoin(dealStageHistory, eq(dealStageHistory.dealId, deals.id))
      .where(and(eq(deals.workspaceId, workspaceId), sql`(${deals.stage} = ${from} or ${deals.furthestStage} = ${from} or ${dealStageHistory.stage} = ${from})`))
      .groupBy(deals.id)
      .orderBy(asc(deals.id))
  ).map((r) => r.id);
  await db.update(dealStageHistory).set({ stage: to }).where(and(eq(dealStageHistory.stage, from), inArray(dealStageHistory.dealId, inWorkspace)));
  await db.update(deals).set({ stage: to }).where(and(eq(deals.workspaceId, workspaceId), eq(deals.stage, from)));
  await db.update(deals).set({ furthestStage: to }).where(and(eq(deals.workspaceId, workspaceId), eq(deals.furthestStage, from)));
  await db.update(activities).set({ stage: to }).where(and(eq(activities.workspaceId, workspaceId), eq(activities.stage, from)));
  await db.update(exemplars).set({ stage: to }).where(and(eq(exemplars.workspaceId, workspaceId), eq(exemplars.stage, from)));
  return touched;
}

/** Every deal of the workspace with stage history (their furthest stage follows a new stage order). */
export async function listDealIdsWithHistory(db: TDb, workspaceId: string): Promise<number[]> {
  const { deals, dealStageHistory } = tablesOf(db);
  return (
    await db
      .selectDistinct({ id: deals.id })
      .from(deals)
      .innerJoin(dealStageHistory, eq(dealStageHistory.dealId, deals.id))
      .where(eq(deals.workspaceId, workspaceId))
      .orderBy(asc(deals.id))
  ).map((r) => r.id);
}

export type TAuditEventInput = { workspaceId: string; actorId: number | null; via: 'slack' | 'cli'; action: string; subject: string | null; details: Record<string, unknown>; at: Date };

export async function insertAuditEvents(db: TDb, rows: readonly TAuditEventInput[]): Promise<void> {
  if (rows.length === 0) return;
  const { auditEvents } = tablesOf(db);
  await db
    .insert(auditEvents)
    .values(rows.map((r) => ({ workspaceId: r.workspaceId, actorId: r.actorId, via: r.via, action: r.action, subject: r.subject, details: r.details, createdAt: r.at })));
}

/** The workspace's audit lines about `actionPrefix` (like 'setup.'), oldest first. */
export async function listAuditEvents(db: TDb, workspaceId: string, actionPrefix: string) {
  const { auditEvents } = tablesOf(db);
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), sql`substr(${auditEvents.action}, 1, ${actionPrefix.length}) = ${actionPrefix}`))
    .orderBy(asc(auditEvents.id));
}
