import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TransactionRollbackError } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './schema-pg/index';
import type * as sqliteSchema from './schema/index';
import type { TDb } from './client';

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations-pg');
/** Any fixed number: every Canopy process that migrates takes the same session lock, so only one migrates at a time. */
const MIGRATION_LOCK = 7_260_415_001;

export type TPostgresOptions = {
  /** Connections this process may hold (DATABASE_POOL_MAX); each app or worker process has its own pool. */
  poolMax?: number;
  migrate?: boolean;
  /** Milliseconds an idle connection is kept; short in tests, which open many databases. */
  idleTimeoutMs?: number;
};

type TPgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };
type TPgTx = Parameters<Parameters<TPgDb['transaction']>[0]>[0];

// count(*) is a bigint and sum() of integers a numeric; both come back as strings unless parsed. Canopy's counts and
// sums are far below 2^53, so a JS number is exact, and the code reads the same numbers on both engines. Set on
// pg's global parsers because drizzle's queries fall back to those (a pool's own `types` would be bypassed).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

const queued = new WeakSet<object>();

/**
 * A transaction is one connection, and services read in parallel (`Promise.all`) inside one: pg queues those queries
 * itself but deprecates it (pg@9 will refuse), so the transaction's connection gets an explicit queue of its own.
 */
function queueQueriesOf(tx: TPgTx): void {
  const client = (tx as unknown as { session?: { client?: pg.PoolClient } }).session?.client;
  if (!client || queued.has(client)) return;
  queued.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

function asDb(handle: TPgDb | TPgTx, inTransaction: boolean): TDb {
  if (inTransaction) queueQueriesOf(handle as TPgTx);
  return Object.assign(handle, { $engine: 'postgres' as const, $tables: pgSchema as unknown as typeof sqliteSchema, $inTransaction: inTransaction }) as unknown as TDb;
}

/** PostgreSQL could not be reached or refused the connection: said in one line, without the password, at start-up. */
export class DatabaseUnavailableError extends Error {}

function whereIs(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Connects a pool to `url` and applies the PostgreSQL migrations under an advisory lock. */
export async function openPostgres(url: string, options: TPostgresOptions = {}): Promise<TDb> {
  try {
    return await connectPostgres(url, options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Connection-level failures (refused, unknown host, no such database, bad password): the operator's to fix.
    if (code && (/^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)$/.test(code) || /^(3D000|28P01|28000|57P03)$/.test(code))) {
      throw new DatabaseUnavailableError(`Cannot open the database at ${whereIs(url)}: ${(error as Error).message}`);
    }
    throw error;
  }
}

async function connectPostgres(url: string, options: TPostgresOptions): Promise<TDb> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 10, idleTimeoutMillis: options.idleTimeoutMs ?? 30_000 });
  // An idle connection that the server drops (a restart, a failover) must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool, schema: pgSchema, casing: 'snake_case' }) as TPgDb;
  if (options.migrate !== false) await migrateUnderLock(db, url).catch(async (error: unknown) => {
    await pool.end().catch(() => undefined);
    throw error;
  });
  return asDb(db, false);
}

/**
 * Several app and worker processes may start at once: the first to take the lock migrates, the others wait for it
 * and then find nothing left to apply.
 */
async function migrateUnderLock(db: TPgDb, url: string): Promise<void> {
  // The lock has a connection of its own, outside the pool, so a pool of one can still run the migrations.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** Serialization failures and deadlocks: the transaction did nothing and can simply run again. */
export const isRetryableConflict = (error: unknown) => {
  const code = (error as { code?: string; cause?: { code?: string } } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === '40001' || code === '40P01';
};

const isInTransaction = (db: TDb) => (db as unknown as { $inTransaction?: boolean }).$inTransaction === true;

/**
 * SERIALIZABLE, so write transactions behave as SQLite's one-writer-at-a-time ones do (a membership check and the
 * write it guards cannot interleave with another process's); a conflict rolls back and runs `work` again.
 * Inside another transaction it is a savepoint.
 */
export async function postgresWriteTransaction<T>(db: TDb, work: (tx: TDb) => Promise<T> | T, attempts = 10): Promise<T> {
  const handle = db as unknown as TPgDb;
  if (isInTransaction(db)) return handle.transaction(async (tx) => work(asDb(tx, true)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.transaction(async (tx) => work(asDb(tx, true)), { isolationLevel: 'serializable' });
    } catch (error) {
      if (!isRetryableConflict(error) || attempt >= attempts) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 20 * attempt));
    }
  }
}

const rolledBackResult = Symbol('rolled back');

export async function postgresRolledBack<T>(db: TDb, work: (tx: TDb) => Promise<T> | T): Promise<T> {
  const handle = db as unknown as TPgDb;
  let result: { [rolledBackResult]: T } | undefined;
  try {
    await handle.transaction(async (tx) => {
      result = { [rolledBackResult]: await work(asDb(tx, true)) };
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError) || !result) throw error;
  }
  return result![rolledBackResult];
}

export const postgresPool = (db: TDb): pg.Pool => (db as unknown as TPgDb).$client;
