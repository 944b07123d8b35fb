import { type SQL, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client';
import { rawRows } from '../../db/query';

/*
 * Raw SQL the tests read rows with, on both engines: `?` placeholders as better-sqlite3 takes them, and cells made
 * the same plain values SQLite returns (instants in epoch ms, booleans 0/1), so assertions are written once. Write
 * the SQL so it is valid on both (e.g. `cast(count(*) as integer)`, which PostgreSQL would otherwise return as text).
 */

/** `text` with each `?` bound to the next of `params`. */
export function withParams(text: string, params: readonly unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${parts.length - 1} placeholders for ${params.length} parameters: ${text}`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks, sql.raw(''));
}

/** PostgreSQL's text for a timestamptz, as raw SQL through drizzle returns it (drizzle keeps instants as text). */
const TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?$/;

/** A cell as SQLite returns it: an instant as epoch ms, a boolean as 0/1; anything else as it is. */
export const plainCell = (v: unknown): unknown =>
  v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : typeof v === 'string' && TIMESTAMPTZ.test(v) ? Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')) : v;

/** The rows of a raw query, cells as plain values. */
export async function queryRows(db: TDb, text: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  const found = await rawRows<Record<string, unknown>>(db, withParams(text, params));
  return found.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainCell(v)])));
}

/** The first column of each row of a raw query (better-sqlite3's `.pluck().all()`). */
export async function queryColumn(db: TDb, text: string, ...params: unknown[]): Promise<unknown[]> {
  return (await queryRows(db, text, ...params)).map((r) => Object.values(r)[0]);
}

/** The first column of the first row (`.pluck().get()`). */
export async function queryValue(db: TDb, text: string, ...params: unknown[]): Promise<unknown> {
  return (await queryColumn(db, text, ...params))[0];
}
