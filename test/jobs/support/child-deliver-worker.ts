/**
 * A real `plan` + `deliver` worker process for the crash test: `startDeliveryWorkers` as `jobs/worker.ts`
 * wires it, against the fake Slack. With HANG_AFTER_POST=1 (read only here, never by product code) its Slack
 * adapter reports `posted` once Slack has accepted a message and then never returns, so the delivery is not
 * recorded: the test kills the process at that moment. Progress goes to stdout as JSON lines.
 */
import { pino } from 'pino';
import { closeDb } from '../../../db/client';
import { startDeliveryWorkers } from '../../../jobs/delivery-workers';
import { redisConnection } from '../../../jobs/queues';
import { stopOnSignals } from '../../../jobs/worker';
import { openFromEnv } from './open-from-env';
import { createDeliverySlack, createDeliveryWebClient } from '../../../src/slack/deliver';
import type { TDeliveryPort } from '../../../src/services/deliveries/port';

const emit = (event: string, extra: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...extra })}\n`);
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = pino({ level: 'warn' }, pino.destination(2));
// The parent's database: its SQLite file, or (DATABASE_URL) its PostgreSQL database.
const db = await openFromEnv();
const real = createDeliverySlack(createDeliveryWebClient('xoxb-child', { apiUrl: env('SLACK_API_URL') }));
const slack: TDeliveryPort = {
  findDelivered: (input) => real.findDelivered(input),
  post: async (input) => {
    const posted = await real.post(input);
    emit('posted', { deliveryId: input.deliveryId, ts: posted.ts });
    if (process.env.HANG_AFTER_POST === '1') await new Promise(() => {});
    return posted;
  },
};

const running = await startDeliveryWorkers({
  db,
  connection: redisConnection(env('REDIS_URL'), 'worker'),
  prefix: env('QUEUE_PREFIX'),
  logger,
  slack,
  planEveryMs: null,
  // A short lock, so the killed worker's job is free again within a second; the same stall check as the rescuer.
  workerOptions: { lockDuration: Number(env('LOCK_MS')), stalledInterval: 300 },
});
stopOnSignals(async () => {
  await running.close();
  await closeDb(db);
  emit('closed');
}, logger);
emit('ready');
