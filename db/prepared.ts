import type Database from 'better-sqlite3';
import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import type { TDb } from './client';

/*
 * SQLite's fast paths. Everything here is for SQLite: on PostgreSQL a repository runs the same drizzle builder
 * unprepared (or its own `.prepare('unique_name')` + `.execute(params)`), or raw SQL through db/query.ts; each round
 * trip to the server costs far more than building the query does.
 */

/**
 * Memoises a prepared statement per database handle: building a drizzle query costs ~100 µs, a
 * prepared one ~10 µs, which matters on the hot paths (`/stats`, logging). SQLite's `.get()`/`.all()`/`.values()`
 * are synchronous and exist only there: call them on a SQLite handle (`db.$engine === 'sqlite'`).
 */
export function preparedFor<T>(build: (db: TDb) => T): (db: TDb) => T {
  const cache = new WeakMap<TDb, T>();
  return (db) => {
    let statement = cache.get(db);
    if (statement === undefined) {
      statement = build(db);
      cache.set(db, statement);
    }
    return statement;
  };
}

const bySql = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A plain better-sqlite3 statement for `sql`, compiled once per connection. SQLite only. */
export function statement(db: TDb, sql: string): Database.Statement {
  if (db.$engine === 'postgres') throw new Error(`statement() is SQLite's (better-sqlite3); on PostgreSQL run the query with rawRows/rawRun: ${sql.slice(0, 80)}`);
  // Inside `writeTransaction` the handle is drizzle's transaction, whose connection is its session's: the same one.
  const client = db.$client ?? (db as unknown as { session: { client: Database.Database } }).session.client;
  let cache = bySql.get(client);
  if (!cache) bySql.set(client, (cache = new Map()));
  let compiled = cache.get(sql);
  if (!compiled) cache.set(sql, (compiled = client.prepare(sql)));
  return compiled;
}

const columnsOf = new WeakMap<Table, [string, Column][]>();

/**
 * Rows of a whole-table `select()` read as arrays (a prepared query's `values()`), decoded as drizzle's `all()`
 * would (null stays null, every other value through its column's decoder). drizzle's own mapping makes ~3 KB of
 * garbage a row, most of the cost of a planner run reading 100,000 people and their 1:1s.
 */
export function decodeRows<T>(table: Table, rows: readonly unknown[][]): T[] {
  let columns = columnsOf.get(table);
  if (!columns) columnsOf.set(table, (columns = Object.entries(getTableColumns(table))));
  const out: T[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r]!;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const [key, column] = columns[i]!;
      const value = raw[i];
      row[key] = value === null ? null : column.mapFromDriverValue(value);
    }
    out[r] = row as T;
  }
  return out;
}
