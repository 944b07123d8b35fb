import { loadDotenv } from './config/load-dotenv';
import { closeDb, DatabaseUnavailableError, openDatabase } from '../db/client';
import { EnvError, isOAuthEnv, parseEnv } from './config/env';
import { reinstalledSingleWorkspace } from './services/installations/reinstalled-single-workspace';
import { createHealthCheck } from './health';
import { createLogger } from './logger';
import { createSlackApp } from './slack/app';
import { createStatsPool } from './slack/offload/stats-pool';

/** Boot: env → db (migrated) → Bolt → listeners; closes cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotenv();
  const env = parseEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  // SQLite: a short lock wait, since better-sqlite3 waits synchronously; longer waits are retried asynchronously (retryWhenBusy).
  const db = await openDatabase(env, { busyTimeoutMs: 250 });
  const health = createHealthCheck(db, env.REDIS_URL);
  // /stats is read on worker threads only on SQLite, whose synchronous reads would hold up the event loop; PostgreSQL's are asynchronous.
  const statsPool = db.$engine === 'sqlite' && env.DATABASE_PATH !== ':memory:' ? createStatsPool({ dbPath: env.DATABASE_PATH }) : undefined;
  const app = createSlackApp({ env, ctx: { db, logger, now: () => new Date(), statsPool }, health: health.check });
  await app.start(env.PORT);
  logger.info({ port: env.PORT, mode: env.SLACK_APP_TOKEN ? 'socket' : 'http', oauth: isOAuthEnv(env) }, 'Canopy is running');
  if (!isOAuthEnv(env)) {
    // The one token works, so the app is installed: a workspace uninstalled earlier is back (its data, if not yet purged, too).
    app.client.auth
      .test()
      .then(async (who) => {
        if (who.team_id && (await reinstalledSingleWorkspace(db, who.team_id))) logger.info({ teamId: who.team_id }, 'workspace installed again');
      })
      .catch((err: unknown) => logger.warn({ err }, 'auth.test failed: is SLACK_BOT_TOKEN still valid?'));
  }

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping Bolt'));
    await health.close();
    await statsPool?.close();
    await closeDb(db);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof DatabaseUnavailableError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
