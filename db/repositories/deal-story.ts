import { sql } from 'drizzle-orm';
import type { TActivityType } from '../../src/domain/types';
import type { TDb } from '../client';
import { statement } from '../prepared';
import { epochMs, instantParam, rawRows } from '../query';

/*
 * What was logged on a rep's deals, newest first, a few rows per deal: the deals view (`/stats deals`, the
 * Home tab) reads it for up to a few hundred open deals at once, so one statement each for activities and
 * notes, served by the (deal_id, …) indexes, with the per-deal cut made in SQL. SQLite keeps its compiled
 * statements; PostgreSQL runs the same SQL with its own batch parameter and instants.
 */

export type TDealActivityRow = { dealId: number; type: TActivityType; count: number; occurredAt: number };
export type TDealNoteRow = { dealId: number; text: string; occurredAt: number };

/** Up to `perDeal` activity rows of each deal in `dealIds` in [from, to), newest first (times as epoch ms). */
export async function listRecentDealActivity(db: TDb, dealIds: readonly number[], from: Date, to: Date, perDeal: number): Promise<TDealActivityRow[]> {
  if (dealIds.length === 0) return [];
  if (db.$engine === 'postgres') {
    return rawRows<TDealActivityRow>(
      db,
      sql`select "dealId", "type", "count", "occurredAt" from (
            select a.deal_id as "dealId", a.type as "type", a.count as "count", ${epochMs(db, sql`a.occurred_at`)} as "occurredAt",
              row_number() over (partition by a.deal_id order by a.occurred_at desc, a.id desc) as n
            from activities a
            where a.deal_id = any(${sql.param([...dealIds])}::int[]) and a.occurred_at >= ${instantParam(db, from)} and a.occurred_at < ${instantParam(db, to)} and a.count > 0) t
          where n <= ${perDeal} order by "dealId", "occurredAt" desc`,
    );
  }
  return statement(
    db,
    `select dealId, type, count, occurredAt from (
       select a.deal_id as dealId, a.type as type, a.count as count, a.occurred_at as occurredAt,
         row_number() over (partition by a.deal_id order by a.occurred_at desc, a.id desc) as n
       from activities a
       where a.deal_id in (select value from json_each(?)) and a.occurred_at >= ? and a.occurred_at < ? and a.count > 0)
     where n <= ? order by dealId, occurredAt desc`,
  ).all(JSON.stringify(dealIds), from.getTime(), to.getTime(), perDeal) as TDealActivityRow[];
}

/** Up to `perDeal` notes of each deal in `dealIds` in [from, to) ("close date pushed to Q1"), newest first. */
export async function listRecentDealNotes(db: TDb, dealIds: readonly number[], from: Date, to: Date, perDeal: number): Promise<TDealNoteRow[]> {
  if (dealIds.length === 0) return [];
  if (db.$engine === 'postgres') {
    return rawRows<TDealNoteRow>(
      db,
      sql`select "dealId", "text", "occurredAt" from (
            select n.deal_id as "dealId", n.text as "text", ${epochMs(db, sql`n.occurred_at`)} as "occurredAt",
              row_number() over (partition by n.deal_id order by n.occurred_at desc, n.id desc) as k
            from deal_notes n
            where n.deal_id = any(${sql.param([...dealIds])}::int[]) and n.occurred_at >= ${instantParam(db, from)} and n.occurred_at < ${instantParam(db, to)}) t
          where k <= ${perDeal} order by "dealId", "occurredAt" desc`,
    );
  }
  return statement(
    db,
    `select dealId, text, occurredAt from (
       select n.deal_id as dealId, n.text as text, n.occurred_at as occurredAt,
         row_number() over (partition by n.deal_id order by n.occurred_at desc, n.id desc) as k
       from deal_notes n
       where n.deal_id in (select value from json_each(?)) and n.occurred_at >= ? and n.occurred_at < ?)
     where k <= ? order by dealId, occurredAt desc`,
  ).all(JSON.stringify(dealIds), from.getTime(), to.getTime(), perDeal) as TDealNoteRow[];
}
