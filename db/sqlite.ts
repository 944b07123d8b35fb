import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';
import type { TDb, TOpenDbOptions } from './client';

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the SQLite database, sets WAL + foreign keys, and applies migrations. */
export function openSqlite(path: string, options: TOpenDbOptions = {}): TDb {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`);
  const db = Object.assign(drizzle({ client: sqlite, schema, casing: 'snake_case' }), { $engine: 'sqlite' as const, $tables: schema }) as TDb;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/** The connection whose transaction the current async call chain is inside, so nested calls become savepoints. */
const transactionOf = new AsyncLocalStorage<Database.Database>();
/** Top-level transactions on one connection, one at a time: an awaited step must not let another chain's BEGIN in. */
const queueOf = new WeakMap<Database.Database, Promise<unknown>>();
let savepoints = 0;

function oneAtATime<T>(client: Database.Database, work: () => Promise<T>): Promise<T> {
  const previous = queueOf.get(client) ?? Promise.resolve();
  const run = previous.then(work, work);
  queueOf.set(
    client,
    run.catch(() => undefined),
  );
  return run;
}

async function inSavepoint<T>(db: TDb, work: (tx: TDb) => Promise<T> | T): Promise<T> {
  const client = db.$client;
  const name = `canopy_sp_${++savepoints}`;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work(db);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    client.exec(`ROLLBACK TO ${name}`);
    client.exec(`RELEASE ${name}`);
    throw error;
  }
}

/**
 * BEGIN IMMEDIATE takes SQLite's write lock up front: a deferred transaction that reads first cannot wait for
 * the lock later and fails with SQLITE_BUSY instead, whereas this one waits up to the busy timeout.
 */
export async function sqliteWriteTransaction<T>(db: TDb, work: (tx: TDb) => Promise<T> | T): Promise<T> {
  const client = db.$client;
  if (transactionOf.getStore() === client) return inSavepoint(db, work);
  return oneAtATime(client, async () => {
    client.exec('BEGIN IMMEDIATE');
    try {
      const result = await transactionOf.run(client, () => work(db));
      client.exec('COMMIT');
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw error;
    }
  });
}

export async function sqliteRolledBack<T>(db: TDb, work: (tx: TDb) => Promise<T> | T): Promise<T> {
  const client = db.$client;
  return oneAtATime(client, async () => {
    client.exec('BEGIN IMMEDIATE');
    try {
      return await transactionOf.run(client, () => work(db));
    } finally {
      client.exec('ROLLBACK');
    }
  });
}

/** True while the current async call chain is inside a transaction on `db`'s connection. */
export const inSqliteTransaction = (db: TDb) => transactionOf.getStore() === db.$client;
