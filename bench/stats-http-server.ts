/**
 * The server side of the /stats benchmark, in its own process so the load generator does not share
 * its event loop: `tsx bench/stats-http-server.ts <ours|bare> <db> <slack-api-url>` prints `READY <port>`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { openDb } from '../db/client';
import { parseEnv } from '../src/config/env';
import { createLogger } from '../src/logger';
import { createSlackApp } from '../src/slack/app';
import { createStatsPool } from '../src/slack/offload/stats-pool';
import { BENCH_NOW } from './stats-data';

export const BENCH_SECRET = 'bench-signing-secret';

const [mode, dbPath, slackApiUrl] = process.argv.slice(2);
const env = parseEnv({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: BENCH_SECRET, SLACK_API_URL: slackApiUrl, DATABASE_PATH: dbPath, LOG_LEVEL: 'error' });

let app: App;
if (mode === 'bare') {
  // The floor: the same Bolt stack (signature check, parsing, ack) answering a constant string.
  app = new App({
    token: env.SLACK_BOT_TOKEN,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
    logLevel: LogLevel.ERROR,
    receiver: new HTTPReceiver({ signingSecret: BENCH_SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR }),
  });
  app.command('/stats', async ({ ack }) => ack('ok'));
} else {
  const db = openDb(env.DATABASE_PATH);
  const health = async () => ({ ok: true, db: 'up' as const, redis: 'up' as const });
  // STATS_THREADS=0 answers on the main thread (no pool), for comparing the two.
  const threads = Number(process.env.STATS_THREADS ?? 1);
  const statsPool = threads > 0 ? createStatsPool({ dbPath: env.DATABASE_PATH, threads }) : undefined;
  await statsPool?.ready();
  app = createSlackApp({ env, ctx: { db, logger: createLogger('error'), now: () => BENCH_NOW.toJSDate(), ...(statsPool ? { statsPool } : {}) }, health });
}
const server = (await app.start(0)) as Server;
console.log(`READY ${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
