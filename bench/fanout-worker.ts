/**
 * The worker side of the fan-out benchmark, in its own process as in production (`npm run worker`), so the
 * fake Slack and the measurements in the parent never share its event loop:
 * `tsx bench/fanout-worker.ts <db> <queue prefix> <slack api url> <rate per workspace> <concurrency>` prints `READY`,
 * and on SIGTERM closes the workers gracefully and prints `DONE <peak RSS in KB>`. Each workspace sends with a token
 * of its own (`xoxb-<workspace id>`), as OAuth installs do, so the fake Slack can limit each one apart.
 */
import { startDeliveryWorkers } from '../jobs/delivery-workers';
import { redisConnection } from '../jobs/queues';
import { openDb } from '../db/client';
import { createLogger } from '../src/logger';
import type { TDeliveryPort } from '../src/services/deliveries/port';
import { createDeliverySlack, createDeliveryWebClient } from '../src/slack/deliver';

const [dbPath, prefix, slackApiUrl, rate, concurrency] = process.argv.slice(2);
if (!dbPath || !prefix || !slackApiUrl || !rate || !concurrency) throw new Error('usage: fanout-worker.ts <db> <prefix> <slack api url> <rate per workspace> <concurrency>');

const db = openDb(dbPath);
const ports = new Map<string, TDeliveryPort>();
const workers = await startDeliveryWorkers({
  db,
  connection: redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker'),
  // Warnings and errors only: a failed or stalled job is worth seeing, 10,000 "delivery done" lines are not.
  logger: createLogger('warn', 'fanout-worker'),
  prefix,
  slack: {
    forWorkspace: async (workspaceId) => {
      let port = ports.get(workspaceId);
      if (!port) ports.set(workspaceId, (port = createDeliverySlack(createDeliveryWebClient(`xoxb-${workspaceId}`, { apiUrl: slackApiUrl }))));
      return port;
    },
  },
  ratePerSecond: Number(rate),
  concurrency: Number(concurrency),
  planEveryMs: null,
});
console.log('READY');

process.once('SIGTERM', () => {
  void workers.close().then(() => {
    db.$client.close();
    console.log(`DONE ${process.resourceUsage().maxRSS}`);
    process.exit(0);
  });
});
