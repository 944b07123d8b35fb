import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';

export type TDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type TOpenDbOptions = {
  /** Milliseconds a writer waits for a lock before SQLITE_BUSY. Kept short: better-sqlite3 blocks the event loop. */
  busyTimeoutMs?: number;
  migrate?: boolean;
};

/** Opens (creating if needed) the SQLite database, sets WAL + foreign keys, and applies migrations. */
export function openDb(path: string, options: TOpenDbOptions = {}): TDb {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`);
  const db = drizzle({ client: sqlite, schema, casing: 'snake_case' }) as TDb;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/** True when a trivial query answers: used by `/healthz`. */
export function isDbHealthy(db: TDb): boolean {
  try {
    return db.$client.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Runs `work` in a write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE): a
 * deferred transaction that reads first cannot wait for the lock later and fails with SQLITE_BUSY
 * instead, whereas this one waits up to the busy timeout.
 */
export function writeTransaction<T>(db: TDb, work: (tx: TDb) => T): T {
  return db.transaction((tx) => work(tx as unknown as TDb), { behavior: 'immediate' });
}

/** True for SQLite's "another connection holds the lock" errors (SQLITE_BUSY and its extended codes). */
export const isBusyError = (error: unknown) => (error as { code?: string } | null)?.code?.startsWith('SQLITE_BUSY') === true;

/**
 * Runs a synchronous database write, retrying with backoff (up to ~9 s) while another process holds
 * the write lock (a large CSV import, the recompute job). The waiting is asynchronous, so the app keeps
 * acking other requests; the connection's own busy timeout is kept short for the same reason.
 */
export async function retryWhenBusy<T>(work: () => T, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusyError(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

/**
 * Runs `work` inside a transaction that is always rolled back: `--dry-run`, `preview` and other
 * read-as-if-at-`now` paths that must leave no trace. Services open their own write transactions
 * inside it; better-sqlite3 turns those into savepoints, so everything they write goes with the
 * rollback. `work` must be synchronous and must not enqueue anything (no Redis inside).
 */
export function rolledBack<T>(db: TDb, work: (tx: TDb) => T): T {
  db.$client.exec('BEGIN IMMEDIATE');
  try {
    return work(db);
  } finally {
    db.$client.exec('ROLLBACK');
  }
}
