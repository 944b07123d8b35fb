import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConnectionOptions, Queue, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import { closeDb, DatabaseUnavailableError, openDatabase, type TDb } from '../db/client';
import { cleanEnv, describeEnvIssues, ZWorkerEnv } from '../src/config/env';
import { loadDotenv } from '../src/config/load-dotenv';
import { createHealthCheck } from '../src/health';
import { createLogger, type Logger } from '../src/logger';
import { createMetrics, type TMetrics } from '../src/observability/metrics';
import { createWorkspaceSenders, workspaceTokensFromEnv } from '../src/slack/workspace-senders';
import { startDeliveryWorkers } from './delivery-workers';
import { startWorkerHttp } from './http-server';
import { jobLogFields, observeJobs } from './observe';
import { createRecomputeProcessor, type TRecomputeProcessor } from './processors/recompute';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES, redisConnection } from './queues';
import { ensurePurgeSchedule, ensureSchedules } from './schedules';
import { PURGE_JOB } from './definitions';
import { runPurge } from './processors/purge';

const HOUR_MS = 60 * 60 * 1000;

export type TStartWorkerOptions = {
  db: TDb;
  connection: ConnectionOptions;
  logger: Logger;
  prefix?: string;
  /** The `recompute` processor; tests wrap the real one. */
  processor?: TRecomputeProcessor;
  /** Lock and stall settings (tests shorten them). */
  workerOptions?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'drainDelay'>;
  /** How often schedules are re-synced with the workspaces table; `null` only at start. */
  scheduleRefreshMs?: number | null;
  /** Times recompute jobs and reports the queue's depth (the worker's /metrics). */
  metrics?: TMetrics;
};

export type TRunningWorker = {
  worker: Worker;
  queue: Queue;
  /** Stops taking jobs, waits for the current one to finish, closes the Redis connections. */
  close: () => Promise<void>;
};

/**
 * Starts the `recompute` worker: syncs the nightly schedules, then processes one job at a time
 * (SQLite has a single writer; scale out with more processes, not concurrency).
 */
export async function startWorker(options: TStartWorkerOptions): Promise<TRunningWorker> {
  const { db, connection, logger } = options;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queue = new Queue(QUEUE_NAMES.recompute, { connection, prefix });
  queue.on('error', (err) => logger.error({ err }, 'recompute queue error'));
  let syncing = false;
  const syncSchedules = async () => {
    if (syncing) return; // a sync waiting on Redis is still under way: do not pile up another
    syncing = true;
    try {
      const result = await ensureSchedules(queue, db, { logger });
      logger.info({ created: result.created.length, updated: result.updated.length, unchanged: result.unchanged.length, removed: result.removed.length }, 'schedules synced');
    } catch (err) {
      // Existing schedulers keep running; the next refresh tries again.
      logger.error({ err }, 'could not sync schedules');
    } finally {
      syncing = false;
    }
  };
  await syncSchedules();
  try {
    logger.info({ state: await ensurePurgeSchedule(queue) }, 'purge schedule synced');
  } catch (err) {
    logger.error({ err }, 'could not sync the purge schedule');
  }

  const recompute = options.processor ?? createRecomputeProcessor(db);
  // The daily purge shares the queue: both are rare, heavy writers, best kept one at a time.
  const processor = async (job: Parameters<TRecomputeProcessor>[0]) => {
    if (job.name === PURGE_JOB) return { purged: (await runPurge(db, logger, new Date())).length };
    const started = performance.now();
    const summary = await recompute(job);
    // Only a completed recompute is a recompute figure (the purge shares the queue; failures are in the job durations).
    options.metrics?.recomputeSeconds.observe((performance.now() - started) / 1000);
    return summary;
  };
  const worker = new Worker(QUEUE_NAMES.recompute, observeJobs(QUEUE_NAMES.recompute, processor, options.metrics), {
    connection,
    prefix,
    concurrency: 1,
    // The recompute is synchronous and blocks the event loop, so the lock cannot be renewed while it
    // runs: give it room before another worker may treat the job as stalled.
    lockDuration: 120_000,
    ...options.workerOptions,
  });
  worker.on('completed', (job, summary) => logger.info({ ...jobLogFields(QUEUE_NAMES.recompute, job), jobId: job.id, ...summary }, `${job.name} done`));
  worker.on('failed', (job, err) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    const what = job?.name ?? 'recompute';
    logger[final ? 'error' : 'warn']({ ...jobLogFields(QUEUE_NAMES.recompute, job), err, jobId: job?.id, data: job?.data, attemptsMade: job?.attemptsMade }, final ? `${what} failed` : `${what} failed; will retry`);
  });
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'recompute stalled (its worker died?); back to wait'));
  // Without an 'error' listener a lost Redis connection would be an unhandled 'error' event.
  worker.on('error', (err) => logger.error({ err }, 'recompute worker error'));
  options.metrics?.watchQueues([queue]);
  await worker.waitUntilReady();

  const refreshMs = options.scheduleRefreshMs === undefined ? HOUR_MS : options.scheduleRefreshMs;
  const timer = refreshMs === null ? undefined : setInterval(() => void syncSchedules(), refreshMs);
  logger.info({ queue: QUEUE_NAMES.recompute, prefix }, 'worker started');

  return {
    worker,
    queue,
    close: async () => {
      clearInterval(timer);
      await worker.close();
      await queue.close();
    },
  };
}

/**
 * Graceful shutdown (bullmq's going-to-production guide): on SIGTERM/SIGINT stop taking jobs, let
 * the current one finish, close, exit 0. A second signal exits at once; the job it interrupts is
 * picked up again by another worker once its lock expires (the job is idempotent).
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the current job');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** `npm run worker`: the `recompute`, `plan` and `deliver` workers in one process. */
async function main(): Promise<void> {
  loadDotenv();
  const env = ZWorkerEnv.safeParse(cleanEnv());
  if (!env.success) {
    console.error(`Invalid environment: ${describeEnvIssues(env.error)}`);
    process.exit(2);
  }
  const logger = createLogger(env.data.LOG_LEVEL, 'canopy-worker');
  // SQLite: a longer busy timeout than the app's, since several worker processes may queue for the write lock.
  const db = await openDatabase(env.data, { busyTimeoutMs: 10_000 });
  const connection = redisConnection(env.data.REDIS_URL, 'worker');
  const metrics = createMetrics();
  const health = createHealthCheck(db, env.data.REDIS_URL);
  let workers: Worker[] = [];
  // The port first: a second worker on the same host with the same WORKER_PORT must stop before it takes any job.
  let http: Awaited<ReturnType<typeof startWorkerHttp>>;
  try {
    http = await startWorkerHttp({
      port: env.data.WORKER_PORT,
      metrics,
      logger,
      health: async () => {
        const status = await health.check();
        const loops = workers.length > 0 && workers.every((w) => w.isRunning()) ? 'up' : 'down';
        return { ...status, ok: status.ok && loops === 'up', workers: loops };
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`WORKER_PORT: port ${env.data.WORKER_PORT} is already in use (another worker on this host?). Give each worker process its own WORKER_PORT.`);
    await health.close();
    process.exit(2);
  }
  const running = await startWorker({ db, connection, logger, metrics });
  // Each workspace's deliveries go out with its own token (OAuth, refreshed before it expires), or the one bot token.
  const slack = createWorkspaceSenders(workspaceTokensFromEnv(db, env.data), { apiUrl: env.data.SLACK_API_URL });
  // Each workspace is paced at its own rate (jobs/pacer.ts); no global cap.
  const delivery = await startDeliveryWorkers({ db, connection, logger, slack, ratePerSecond: env.data.DELIVER_RATE_PER_SECOND, concurrency: env.data.DELIVER_CONCURRENCY, metrics });
  workers = [running.worker, delivery.plan.worker, delivery.deliver.worker];
  logger.info({ port: http.port }, 'worker metrics and health on /metrics and /healthz');
  stopOnSignals(async () => {
    await Promise.all([running.close(), delivery.close(), http.close()]);
    await health.close();
    await closeDb(db);
  }, logger);
}

// Run only as the entry point (`tsx jobs/worker.ts`), not when a test imports startWorker.
const entry = process.argv[1] ? resolve(process.argv[1]) : '';
const self = fileURLToPath(import.meta.url);
if (entry === self || entry === self.replace(/\.ts$/, '')) {
  main().catch((err: unknown) => {
    if (err instanceof DatabaseUnavailableError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
}
