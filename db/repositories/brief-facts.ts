import { sql } from 'drizzle-orm';
import type { TDealFacts } from '../../src/domain/coaching/inputs';
import type { TDb } from '../client';
import { statement } from '../prepared';
import { epochMs, instantParam, rawRows } from '../query';

/*
 * Reads of the manager's pre-1:1 brief: one rep, one period (at most 14 days). Plain prepared
 * statements over the (rep_id, occurred_at) and (rep_id, outcome) indexes on SQLite; the same reads as raw SQL
 * on PostgreSQL, instants read back as epoch ms.
 */

/** id, rep_id, name, created_at, stage, furthest_stage, outcome, closed_at, amount_cents, last_activity_at */
export type TDealRow = [number, number, string, number, string, string, 'open' | 'won' | 'lost', number | null, number | null, number | null];

/**
 * The rep's deals open at `now` (including ones closed later, for `--now` replays) with the first time each
 * stage was entered: what stalled deals are found in, however long they have been idle.
 */
export async function listOpenDealFacts(db: TDb, repId: number, now: number): Promise<TDealFacts[]> {
  let rows: TDealRow[];
  if (db.$engine === 'sqlite') {
    rows = statement(
      db,
      `select id, rep_id, name, created_at, stage, furthest_stage, outcome, closed_at, amount_cents, last_activity_at
       from deals where rep_id = ? and created_at <= ? and (outcome = 'open' or closed_at > ?) order by id`,
    )
      .raw()
      .all(repId, now, now) as TDealRow[];
  } else {
    const at = instantParam(db, now);
    const objects = await rawRows<{ id: number; r: number; n: string; c: number; s: string; f: string; o: TDealRow[6]; cl: number | null; a: number | null; l: number | null }>(
      db,
      sql`select id, rep_id as r, name as n, ${epochMs(db, sql`created_at`)} as c, stage as s, furthest_stage as f, outcome as o,
                 ${epochMs(db, sql`closed_at`)} as cl, amount_cents as a, ${epochMs(db, sql`last_activity_at`)} as l
          from deals where rep_id = ${repId} and created_at <= ${at} and (outcome = 'open' or closed_at > ${at}) order by id`,
    );
    rows = objects.map((d) => [d.id, d.r, d.n, d.c, d.s, d.f, d.o, d.cl, d.a, d.l]);
  }
  return withStageHistory(db, rows, now);
}

/** Raw deal rows (in the column order above) as deal facts, with when each reached each stage (as of `now`). */
export async function withStageHistory(db: TDb, rows: readonly TDealRow[], now: number): Promise<TDealFacts[]> {
  const byId = new Map<number, TDealFacts>();
  for (const [id, repId, name, createdAt, stage, furthestStage, outcome, closedAt, amountCents, lastActivityAt] of rows) {
    byId.set(id, { id, repId, name, createdAt, stage, furthestStage, outcome, closedAt, amountCents, lastActivityAt, stageEnteredAt: {} });
  }
  if (byId.size === 0) return [];
  let history: [number, string, number][];
  if (db.$engine === 'sqlite') {
    history = statement(
      db,
      // A row whose day is not known (an import without entered dates) gives no time in stage.
      `select deal_id, stage, min(entered_at) from deal_stage_history
       where deal_id in (select value from json_each(?)) and entered_at <= ? and estimated = 0 group by deal_id, stage`,
    )
      .raw()
      .all(JSON.stringify([...byId.keys()]), now) as [number, string, number][];
  } else {
    const objects = await rawRows<{ d: number; s: string; e: number }>(
      db,
      sql`select deal_id as d, stage as s, ${epochMs(db, sql`min(entered_at)`)} as e from deal_stage_history
          where deal_id = any(${sql.param([...byId.keys()])}::int[]) and entered_at <= ${instantParam(db, now)} and not estimated group by deal_id, stage`,
    );
    history = objects.map((h) => [h.d, h.s, h.e]);
  }
  for (const [dealId, stage, enteredAt] of history) byId.get(dealId)!.stageEnteredAt[stage] = enteredAt;
  return [...byId.values()];
}

/** Deals the rep won in [from, to), in the order they closed. */
export async function listDealsWonBetween(db: TDb, repId: number, from: Date, to: Date): Promise<{ id: number; name: string; amountCents: number | null }[]> {
  if (db.$engine === 'postgres') {
    return rawRows(
      db,
      sql`select id, name, amount_cents as "amountCents" from deals
          where rep_id = ${repId} and outcome = 'won' and closed_at >= ${instantParam(db, from)} and closed_at < ${instantParam(db, to)} order by closed_at, id`,
    );
  }
  return statement(
    db,
    `select id, name, amount_cents as amountCents from deals
     where rep_id = ? and outcome = 'won' and closed_at >= ? and closed_at < ? order by closed_at, id`,
  ).all(repId, from.getTime(), to.getTime()) as { id: number; name: string; amountCents: number | null }[];
}

/**
 * Deals that moved on to one of `openStages` in [from, to), each with the latest such stage. A deal's
 * first stage (entered when it was created) is not a move.
 */
export async function listDealsAdvancedBetween(db: TDb, repId: number, openStages: readonly string[], from: Date, to: Date): Promise<{ id: number; name: string; stage: string }[]> {
  if (db.$engine === 'postgres') {
    // distinct on keeps each deal's row entered last in the period (what SQLite's bare columns of max() give).
    return rawRows(
      db,
      sql`select id, name, stage from (
            select distinct on (d.id) d.id as id, d.name as name, h.stage as stage, h.entered_at as entered_at
            from deal_stage_history h join deals d on d.id = h.deal_id
            where d.rep_id = ${repId} and h.entered_at >= ${instantParam(db, from)} and h.entered_at < ${instantParam(db, to)} and not h.estimated
              and h.stage = any(${sql.param([...openStages])}::text[])
              and exists (select 1 from deal_stage_history p where p.deal_id = h.deal_id and p.entered_at < h.entered_at)
            order by d.id, h.entered_at desc, h.id desc) t
          order by entered_at, id`,
    );
  }
  // SQLite returns the bare columns of the row holding max(): the stage entered last in the period.
  const rows = statement(
    db,
    `select d.id as id, d.name as name, h.stage as stage, max(h.entered_at) as enteredAt
     from deal_stage_history h join deals d on d.id = h.deal_id
     where d.rep_id = ? and h.entered_at >= ? and h.entered_at < ? and h.estimated = 0 and h.stage in (select value from json_each(?))
       and exists (select 1 from deal_stage_history p where p.deal_id = h.deal_id and p.entered_at < h.entered_at)
     group by d.id order by enteredAt, d.id`,
  ).all(repId, from.getTime(), to.getTime(), JSON.stringify(openStages)) as { id: number; name: string; stage: string }[];
  return rows.map(({ id, name, stage }) => ({ id, name, stage }));
}
