import type { TActivityType } from '../../src/domain/types';
import { type TDb, tablesOf } from '../client';

/*
 * Row writes of the synthetic team generator (demo, tests, benchmarks) on any engine, through the query builders.
 * SQLite's own bulk path (prepared statements on one connection, for the million-row benchmark team) stays in
 * the seeding service; these serve PostgreSQL, where a test's team is small and a benchmark's is copied instead.
 */

export type TSeedPerson = { workspaceId: string; slackUserId: string; name: string; email: string; role: 'rep' | 'manager'; managerId: number | null; tz: string; quota: number | null; at: Date };

export async function insertSeedPerson(db: TDb, p: TSeedPerson): Promise<number> {
  const { people } = tablesOf(db);
  const [row] = await db
    .insert(people)
    .values({ workspaceId: p.workspaceId, slackUserId: p.slackUserId, name: p.name, email: p.email, role: p.role, managerId: p.managerId, tz: p.tz, quota: p.quota, profileRefreshedAt: p.at, createdAt: p.at })
    .returning({ id: people.id });
  return row!.id;
}

export async function insertSeedTeam(db: TDb, workspaceId: string, managerId: number, name: string, at: Date): Promise<void> {
  await db.insert(tablesOf(db).teams).values({ workspaceId, managerId, name, createdAt: at });
}

export type TSeedActivity = { workspaceId: string; repId: number; type: TActivityType; count: number; at: number; dealId: number | null; stage: string | null };

/** Multi-row inserts, a few hundred rows each (PostgreSQL takes at most 65,535 parameters a statement). */
export async function insertSeedActivities(db: TDb, rows: readonly TSeedActivity[]): Promise<void> {
  const { activities } = tablesOf(db);
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => ({ workspaceId: r.workspaceId, repId: r.repId, type: r.type, count: r.count, occurredAt: new Date(r.at), dealId: r.dealId, stage: r.stage, createdAt: new Date(r.at) }));
    await db.insert(activities).values(batch);
  }
}

export type TSeedDeal = {
  workspaceId: string; repId: number; externalId: string; name: string; amountCents: number; stage: string; furthestStage: string;
  outcome: 'open' | 'won' | 'lost'; createdAt: number; closedAt: number | null; lastActivityAt: number;
};

export async function insertSeedDeal(db: TDb, d: TSeedDeal): Promise<number> {
  const { deals } = tablesOf(db);
  const [row] = await db
    .insert(deals)
    .values({
      workspaceId: d.workspaceId, repId: d.repId, externalId: d.externalId, name: d.name, nameKey: d.name.toLowerCase(), amountCents: d.amountCents, stage: d.stage,
      furthestStage: d.furthestStage, outcome: d.outcome, createdAt: new Date(d.createdAt), closedAt: d.closedAt === null ? null : new Date(d.closedAt), lastActivityAt: new Date(d.lastActivityAt),
    })
    .returning({ id: deals.id });
  return row!.id;
}

export async function insertSeedStageHistory(db: TDb, rows: readonly { dealId: number; stage: string; at: number }[]): Promise<void> {
  const { dealStageHistory } = tablesOf(db);
  for (let i = 0; i < rows.length; i += 1000) await db.insert(dealStageHistory).values(rows.slice(i, i + 1000).map((r) => ({ dealId: r.dealId, stage: r.stage, enteredAt: new Date(r.at) })));
}
