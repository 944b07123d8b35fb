import { loadDotenv } from './config/load-dotenv';
import { openDb } from '../db/client';
import { EnvError, parseEnv } from './config/env';
import { createHealthCheck } from './health';
import { createLogger } from './logger';
import { createSlackApp } from './slack/app';
import { createStatsPool } from './slack/offload/stats-pool';

/** Boot: env → db (migrated) → Bolt → listeners; closes cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotenv();
  const env = parseEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  // A short lock wait: better-sqlite3 waits synchronously; longer waits are retried asynchronously (retryWhenBusy).
  const db = openDb(env.DATABASE_PATH, { busyTimeoutMs: 250 });
  const health = createHealthCheck(db, env.REDIS_URL);
  const statsPool = env.DATABASE_PATH === ':memory:' ? undefined : createStatsPool({ dbPath: env.DATABASE_PATH });
  const app = createSlackApp({ env, ctx: { db, logger, now: () => new Date(), statsPool }, health: health.check });
  await app.start(env.PORT);
  logger.info({ port: env.PORT, mode: env.SLACK_APP_TOKEN ? 'socket' : 'http' }, 'Canopy is running');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping Bolt'));
    await health.close();
    await statsPool?.close();
    db.$client.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
