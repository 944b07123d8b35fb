import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { closeDb, openDb, type TDb } from '../../db/client';
import { databaseUrlOf } from './db';
import { freshPostgresDb, testPostgresUrl } from './postgres';

/*
 * Real Canopy processes for tests: `src/main.ts` and `jobs/worker.ts` as `npm start` and `npm run worker` run them,
 * on a database and a Redis database index that the test process shares with them.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export type TSharedDatabase = {
  db: TDb;
  /** What a child process needs to open the same data: DATABASE_URL on PostgreSQL, DATABASE_PATH (a file) on SQLite. */
  env: Record<string, string>;
  engine: 'sqlite' | 'postgres';
  close: () => Promise<void>;
};

/**
 * A migrated database that other processes can open too: with DATABASE_URL a fresh PostgreSQL database copied from the
 * run's template (named with the run's prefix, so the global teardown drops it), else a SQLite file in a temp directory.
 */
export async function sharedDatabase(): Promise<TSharedDatabase> {
  if (testPostgresUrl()) {
    const db = await freshPostgresDb();
    return { db, env: { DATABASE_URL: databaseUrlOf(db)! }, engine: 'postgres', close: () => closeDb(db) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'canopy-processes-'));
  const path = join(dir, 'canopy.db');
  const db = openDb(path, { busyTimeoutMs: 2_000 });
  return {
    db,
    env: { DATABASE_PATH: path },
    engine: 'sqlite',
    close: async () => {
      await closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const REDIS_BASE = (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '');
/** Database indexes this helper may hand out (13 is test/jobs/deliver.test.ts's; 0 is everyone's). */
const REDIS_INDEXES = [8, 9, 10, 11, 12];

export type TRedisDatabase = { url: string; index: number; release: () => Promise<void> };

/**
 * A Redis database index of this test's own on the shared server, for processes that use Canopy's fixed queue prefix
 * (the real worker): claimed with a key in db 0 (so two runs at once never share one), emptied before and after.
 */
export async function claimRedisDatabase(owner: string): Promise<TRedisDatabase> {
  const admin = new Redis(`${REDIS_BASE}/0`, { maxRetriesPerRequest: 1, lazyConnect: true });
  await admin.connect();
  try {
    for (let round = 0; round < 100; round++) {
      for (const index of REDIS_INDEXES) {
        const claim = `canopy-test:redis-db:${index}`;
        const token = `${owner}:${process.pid}:${Date.now()}`;
        if ((await admin.set(claim, token, 'PX', 600_000, 'NX')) !== 'OK') continue;
        const url = `${REDIS_BASE}/${index}`;
        await flush(url);
        return {
          url,
          index,
          release: async () => {
            await flush(url);
            const releaser = new Redis(`${REDIS_BASE}/0`, { maxRetriesPerRequest: 1 });
            try {
              if ((await releaser.get(claim)) === token) await releaser.del(claim);
            } finally {
              releaser.disconnect();
            }
          },
        };
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`no free Redis database index among ${REDIS_INDEXES.join(', ')}`);
  } finally {
    admin.disconnect();
  }
}

async function flush(url: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

export type TProcess = {
  name: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * Starts `script` (relative to the repository) with node + tsx, as `npm start` / `npm run worker` do, with only PATH
 * and `env` in its environment (no DATABASE_URL or .env of this process leaking in).
 */
export function startProcess(name: string, script: string, env: Record<string, string>): TProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    output: () => output,
    exited,
    stop: async (graceMs = 10_000) => {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => running() && child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 200 (a process's /healthz), failing at once, with its output, if the process exits first. */
export async function waitUntilHealthy(proc: TProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`${proc.name} exited before it was healthy:\n${proc.output()}`);
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e as Error);
    if (!(res instanceof Error)) {
      if (res.status === 200) return;
      last = `${res.status} ${await res.text().catch(() => '')}`;
    }
    if (Date.now() > deadline) throw new Error(`${proc.name} not healthy at ${url} after ${timeoutMs} ms (last: ${last}):\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
