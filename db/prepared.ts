import type Database from 'better-sqlite3';
import type { TDb } from './client';

/**
 * Memoises a prepared statement per database handle: building a drizzle query costs ~100 µs, a
 * prepared one ~10 µs, which matters on the hot paths (`/stats`, logging).
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

/** A plain better-sqlite3 statement for `sql`, compiled once per connection. */
export function statement(db: TDb, sql: string): Database.Statement {
  // Inside `writeTransaction` the handle is drizzle's transaction, whose connection is its session's: the same one.
  const client = db.$client ?? (db as unknown as { session: { client: Database.Database } }).session.client;
  let cache = bySql.get(client);
  if (!cache) bySql.set(client, (cache = new Map()));
  let compiled = cache.get(sql);
  if (!compiled) cache.set(sql, (compiled = client.prepare(sql)));
  return compiled;
}
