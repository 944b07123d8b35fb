import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type TDb } from '../../db/client';
import { parseEnv } from '../../src/config/env';
import { createHealthCheck } from '../../src/health';
import { createLogger } from '../../src/logger';
import { createSlackApp } from '../../src/slack/app';
import { createStatsPool } from '../../src/slack/offload/stats-pool';
import type { TFakeSlack } from './fake-slack';

export const SIGNING_SECRET = 'test-signing-secret';

export type TTestApp = { baseUrl: string; db: TDb; dbPath: string; close: () => Promise<void> };

/**
 * The real Bolt app over real HTTP on a loopback port, with a real SQLite file migrated by the real
 * migrations, talking to the fake Slack Web API.
 */
export async function startTestApp(options: { fake: TFakeSlack; now?: () => Date; redisUrl?: string; statsAckBudgetMs?: number }): Promise<TTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-test-'));
  const dbPath = join(dir, 'canopy.db');
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.fake.url,
    DATABASE_PATH: dbPath,
    REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'silent',
  });
  const db = openDb(dbPath, { busyTimeoutMs: 250 });
  const health = createHealthCheck(db, env.REDIS_URL);
  const statsPool = createStatsPool({ dbPath });
  // Tests expect /stats in the ack from the first command on, so the threads must have loaded their code.
  await statsPool.ready();
  const app = createSlackApp({
    env,
    ctx: { db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), now: options.now ?? (() => new Date()), statsPool, ...(options.statsAckBudgetMs !== undefined ? { statsAckBudgetMs: options.statsAckBudgetMs } : {}) },
    health: health.check,
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    dbPath,
    close: async () => {
      await app.stop();
      await health.close();
      await statsPool.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
