import { type SQL, sql } from 'drizzle-orm';
import type { TDb } from './client';

/*
 * What the two engines do differently, in one place, so a repository is written once: the query builders both
 * dialects share are awaited as they are; these cover a first row, a count of changed rows, raw SQL and instants
 * inside raw SQL (SQLite keeps epoch milliseconds, PostgreSQL timestamptz).
 */

/** The first row of a select (SQLite's `.get()`, which PostgreSQL's builder lacks). */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/** Rows an insert, update or delete touched: better-sqlite3's `changes`, node-postgres's `rowCount`. */
export function changedRows(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** Runs raw SQL and returns its rows as objects keyed by the selected column names. */
export async function rawRows<T>(db: TDb, query: SQL): Promise<T[]> {
  if (db.$engine === 'postgres') return ((await (db as unknown as { execute(q: SQL): Promise<{ rows: T[] }> }).execute(query)).rows) as T[];
  return db.all(query) as T[];
}

/** Runs raw SQL that changes rows; returns how many. */
export async function rawRun(db: TDb, query: SQL): Promise<number> {
  if (db.$engine === 'postgres') return changedRows(await (db as unknown as { execute(q: SQL): Promise<unknown> }).execute(query));
  return changedRows(db.run(query));
}

/** Picks the engine's variant of a piece of raw SQL. */
export const byEngine = <T>(db: TDb, variants: { sqlite: T; postgres: T }): T => variants[db.$engine];

/** An instant column (or expression) read as epoch milliseconds, a number on both engines. */
export const epochMs = (db: TDb, column: SQL | SQL.Aliased | unknown): SQL =>
  db.$engine === 'postgres' ? sql`(extract(epoch from ${column}) * 1000)::float8` : sql`${column}`;

/** An instant as a raw-SQL parameter compared with an instant column: epoch ms on SQLite, a timestamptz on PostgreSQL. */
export const instantParam = (db: TDb, ms: number | Date): SQL => {
  const at = typeof ms === 'number' ? ms : ms.getTime();
  return db.$engine === 'postgres' ? sql`${new Date(at).toISOString()}::timestamptz` : sql`${at}`;
};

