/**
 * A real worker process for the crash and shutdown tests: `startWorker` + `stopOnSignals` exactly as
 * `jobs/worker.ts` wires them, with the real recompute processor followed by a pause (HOLD_MS) so a
 * test can kill or stop it mid-job. Progress goes to stdout as JSON lines; logs go to stderr.
 */
import { pino } from 'pino';
import { closeDb } from '../../../db/client';
import { createRecomputeProcessor } from '../../../jobs/processors/recompute';
import { redisConnection } from '../../../jobs/queues';
import { startWorker, stopOnSignals } from '../../../jobs/worker';
import { openFromEnv } from './open-from-env';

const emit = (event: string, jobId?: string) => process.stdout.write(`${JSON.stringify({ event, jobId })}\n`);
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = pino({ level: 'warn' }, pino.destination(2));
// The parent's database: its SQLite file, or (DATABASE_URL) its PostgreSQL database.
const db = await openFromEnv();
const recompute = createRecomputeProcessor(db);
const holdMs = Number(env('HOLD_MS'));

const running = await startWorker({
  db,
  connection: redisConnection(env('REDIS_URL'), 'worker'),
  prefix: env('QUEUE_PREFIX'),
  logger,
  scheduleRefreshMs: null,
  // A short lock, so a killed worker's job is free again within a second; a short stall check too,
  // because a worker's check also throttles every other worker's (a shared 'stalled-check' key).
  workerOptions: { lockDuration: Number(env('LOCK_MS')), stalledInterval: 300 },
  processor: async (job) => {
    emit('started', job.id);
    const summary = await recompute(job);
    emit('wrote', job.id);
    await new Promise((r) => setTimeout(r, holdMs));
    emit('finished', job.id);
    return summary;
  },
});
stopOnSignals(async () => {
  await running.close();
  await closeDb(db);
  emit('closed');
}, logger);
emit('ready');
