import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeDb, openDatabase, type TDb } from '../../../db/client';
import { postgresPool } from '../../../db/postgres';
import { memoryDb } from '../../support/db';
import { copyDatabase, testPostgresUrl, withDatabaseName } from '../../support/postgres';

/** Where a child process (the CLI, a worker) finds the test's database: its SQLite file, or its PostgreSQL database. */
export type TDatabaseEnv = { DATABASE_PATH: string; DATABASE_URL?: string };

export type TSharedDb = {
  db: TDb;
  /** For a child process's environment; on PostgreSQL it overrides the suite's own DATABASE_URL. */
  env: TDatabaseEnv;
  /** Another handle on the same database, as a new process would open it. */
  reopen: () => Promise<TDb>;
};

/**
 * A migrated database of its own that other processes can open too: the SQLite file at `path`, or, when the suite
 * runs on PostgreSQL, a fresh copy of the run's template (the file is then never made).
 */
export async function sharedDb(path: string): Promise<TSharedDb> {
  const env: TDatabaseEnv = { DATABASE_PATH: path };
  if (testPostgresUrl()) {
    const db = await memoryDb();
    env.DATABASE_URL = postgresPool(db).options.connectionString!;
    return { db, env, reopen: () => openDatabase(env, { migrate: false }) };
  }
  const db = await openDatabase(env);
  return { db, env, reopen: () => openDatabase(env) };
}

/**
 * A database built once (`build`, e.g. a year of synthetic activity) that each test then copies: the SQLite file
 * copied, or on PostgreSQL a database made from it as a template.
 */
export async function templateDb<T>(dir: string, build: (db: TDb) => Promise<T>): Promise<{ built: T; copy: () => Promise<TDb> }> {
  let copies = 0;
  const url = testPostgresUrl();
  if (url) {
    const base = await memoryDb();
    const name = decodeURIComponent(new URL(postgresPool(base).options.connectionString!).pathname.slice(1));
    const built = await build(base);
    await closeDb(base);
    const copy = async () => {
      const copyName = `${name}_copy${++copies}`;
      await copyDatabase(url, name, copyName);
      return openDatabase({ DATABASE_PATH: '', DATABASE_URL: withDatabaseName(url, copyName) }, { migrate: false });
    };
    return { built, copy };
  }
  const basePath = join(dir, 'base.db');
  const base = await openDatabase({ DATABASE_PATH: basePath });
  const built = await build(base);
  base.$client.pragma('wal_checkpoint(TRUNCATE)');
  await closeDb(base);
  const copy = async () => {
    const path = join(dir, `copy-${++copies}.db`);
    copyFileSync(basePath, path);
    return openDatabase({ DATABASE_PATH: path });
  };
  return { built, copy };
}
