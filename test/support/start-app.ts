import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, openDb, type TDb } from '../../db/client';
import { parseEnv } from '../../src/config/env';
import { createHealthCheck } from '../../src/health';
import { createLogger, type Logger } from '../../src/logger';
import type { TMetrics } from '../../src/observability/metrics';
import { createSlackApp } from '../../src/slack/app';
import { createStatsPool } from '../../src/slack/offload/stats-pool';
import { databaseUrlOf } from './db';
import type { TFakeSlack } from './fake-slack';
import { freshPostgresDb, testPostgresUrl } from './postgres';

export const SIGNING_SECRET = 'test-signing-secret';

/** `dbPath` is the SQLite file (on PostgreSQL a path nothing is at); `databaseUrl` the PostgreSQL database, if that. */
export type TTestApp = { baseUrl: string; db: TDb; dbPath: string; databaseUrl?: string; close: () => Promise<void> };

/**
 * The real Bolt app over real HTTP on a loopback port, with a real database migrated by the real migrations
 * (a SQLite file, or with DATABASE_URL a PostgreSQL database of its own copied from the run's template),
 * talking to the fake Slack Web API.
 */
export type TStartTestAppOptions = {
  fake: TFakeSlack;
  now?: () => Date;
  redisUrl?: string;
  /** The app's logger (a test capturing lines); silent by default. */
  logger?: Logger;
  metrics?: TMetrics;
  /** Enables /admin/queues. */
  adminPassword?: string;
  /** The queues /admin/queues shows (a test's own prefix). */
  queuePrefix?: string;
  /** Raise it so a request nobody acks hangs instead of getting Bolt's 404 after 3 s. */
  unhandledRequestTimeoutMillis?: number;
  /** Extra environment (OAuth credentials, an encryption key…). */
  env?: Record<string, string>;
  /** How long /stats waits to answer in the ack (0 sends every answer to the response_url). */
  statsAckBudgetMs?: number;
};

export async function startTestApp(options: TStartTestAppOptions): Promise<TTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-test-'));
  const dbPath = join(dir, 'canopy.db');
  const db = testPostgresUrl() ? await freshPostgresDb() : openDb(dbPath, { busyTimeoutMs: 250 });
  const databaseUrl = databaseUrlOf(db);
  const env = parseEnv({
    // With OAuth's credentials in `options.env` there is no one bot token: each workspace installs.
    SLACK_BOT_TOKEN: options.env?.SLACK_CLIENT_ID ? undefined : 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.fake.url,
    DATABASE_PATH: dbPath,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'silent',
    ...(options.adminPassword ? { ADMIN_PASSWORD: options.adminPassword } : {}),
    ...options.env,
  });
  const health = createHealthCheck(db, env.REDIS_URL);
  // The stats threads read a SQLite file; on PostgreSQL /stats is answered on the main thread (its queries do not
  // block it there).
  const statsPool = databaseUrl ? undefined : createStatsPool({ dbPath });
  // Tests expect /stats in the ack from the first command on, so the threads must have loaded their code.
  await statsPool?.ready();
  const app = createSlackApp({
    env,
    ctx: { db, logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), now: options.now ?? (() => new Date()), ...(statsPool ? { statsPool } : {}), ...(options.statsAckBudgetMs !== undefined ? { statsAckBudgetMs: options.statsAckBudgetMs } : {}) },
    health: health.check,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
    ...(options.unhandledRequestTimeoutMillis ? { unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMillis } : {}),
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    dbPath,
    ...(databaseUrl ? { databaseUrl } : {}),
    close: async () => {
      await app.stop();
      await health.close();
      await statsPool?.close();
      await closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
