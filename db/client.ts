import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index';
export { DatabaseUnavailableError } from './postgres';
import { openPostgres, postgresPool, postgresRolledBack, postgresWriteTransaction, type TPostgresOptions } from './postgres';
import { openSqlite, sqliteRolledBack, sqliteWriteTransaction } from './sqlite';

export type TEngine = 'sqlite' | 'postgres';

/**
 * A database handle for the repositories, on either engine. It is typed as drizzle's SQLite database: the
 * repositories are written once, with query builders both dialects share and awaited, and read the engine's own
 * tables from `$tables` (db/schema for SQLite, db/schema-pg for PostgreSQL, kept alike by the drift test).
 * `$client` is better-sqlite3's connection only when `$engine` is 'sqlite'.
 */
export type TDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database; readonly $engine: TEngine; readonly $tables: typeof schema };

export type TOpenDbOptions = {
  /** SQLite: milliseconds a writer waits for a lock before SQLITE_BUSY. Kept short: better-sqlite3 blocks the event loop. */
  busyTimeoutMs?: number;
  migrate?: boolean;
};

/** Opens (creating if needed) a SQLite database file, migrated. */
export function openDb(path: string, options: TOpenDbOptions = {}): TDb {
  return openSqlite(path, options);
}

export type TDatabaseConfig = { DATABASE_URL?: string | undefined; DATABASE_PATH: string; DATABASE_POOL_MAX?: number | undefined };

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else the SQLite file) and applies its migrations. */
export async function openDatabase(config: TDatabaseConfig, options: TOpenDbOptions & Pick<TPostgresOptions, 'poolMax'> = {}): Promise<TDb> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, { poolMax: options.poolMax ?? config.DATABASE_POOL_MAX, migrate: options.migrate });
  return openDb(config.DATABASE_PATH, options);
}

/** Where the data is, for messages: the file, or the PostgreSQL database without its password. */
export function describeDatabase(config: TDatabaseConfig): string {
  if (!config.DATABASE_URL) return config.DATABASE_PATH;
  try {
    const url = new URL(config.DATABASE_URL);
    return `postgres://${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export async function closeDb(db: TDb): Promise<void> {
  if (db.$engine === 'postgres') await postgresPool(db).end();
  else db.$client.close();
}

/** The tables of `db`'s engine. */
export const tablesOf = (db: TDb) => db.$tables;

/** True when a trivial query answers: used by `/healthz`. */
export async function isDbHealthy(db: TDb): Promise<boolean> {
  try {
    if (db.$engine === 'postgres') return (await postgresPool(db).query('select 1 as ok')).rows.length === 1;
    return db.$client.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Runs `work` in a write transaction: on SQLite one that takes the write lock up front (BEGIN IMMEDIATE); on
 * PostgreSQL a SERIALIZABLE one, run again after a serialization failure. Inside another transaction, a savepoint.
 * `work` must use the handle it is given and do nothing but database work (it may run more than once).
 */
export async function writeTransaction<T>(db: TDb, work: (tx: TDb) => Promise<T> | T): Promise<T> {
  return db.$engine === 'postgres' ? postgresWriteTransaction(db, work) : sqliteWriteTransaction(db, work);
}

/** True for SQLite's "another connection holds the lock" errors (SQLITE_BUSY and its extended codes). */
export const isBusyError = (error: unknown) => (error as { code?: string } | null)?.code?.startsWith('SQLITE_BUSY') === true;

/**
 * Runs a synchronous database write, retrying with backoff (up to ~9 s) while another process holds
 * the write lock (a large CSV import, the recompute job). The waiting is asynchronous, so the app keeps
 * acking other requests; the connection's own busy timeout is kept short for the same reason.
 */
export async function retryWhenBusy<T>(work: () => Promise<T> | T, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

/**
 * Runs `work` inside a transaction that is always rolled back: `--dry-run`, `preview` and other
 * read-as-if-at-`now` paths that must leave no trace. Services open their own write transactions
 * inside it; those become savepoints, so everything they write goes with the rollback. `work` must
 * not enqueue anything (no Redis inside).
 */
export async function rolledBack<T>(db: TDb, work: (tx: TDb) => Promise<T> | T): Promise<T> {
  return db.$engine === 'postgres' ? postgresRolledBack(db, work) : sqliteRolledBack(db, work);
}
