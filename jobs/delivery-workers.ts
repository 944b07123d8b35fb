import { type ConnectionOptions, type JobsOptions, Queue, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import type { TDb } from '../db/client';
import type { Logger } from '../src/logger';
import type { TMetrics } from '../src/observability/metrics';
import type { TDeliveryPort, TWorkspaceSenders } from '../src/services/deliveries/port';
import { createPacer } from './pacer';
import { createDeliverProcessor, type TDeliverProcessor } from './processors/deliver';
import { countPlanned, countSent, jobLogFields, observeJobs } from './observe';
import { createPlanProcessor } from './processors/plan';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES } from './queues';
import { ensurePlanSchedule } from './schedules';

/**
 * Sends per second to one workspace, the default of `DELIVER_RATE_PER_SECOND` (SPEC §5: paced per workspace; see
 * `jobs/pacer.ts`). Slack's chat.postMessage is a special tier: about one message per second per channel with short
 * bursts, plus a workspace-wide limit it does not publish ("several hundred per minute"). Each delivery goes to a
 * different DM, so the per-channel limit never binds; 5 per second (300 a minute) stays under the workspace-wide one
 * with room for the app's interactive replies, and still sends a 200-person team's 9 o'clock briefs in 40 s. Every
 * workspace has its own limit, so a hundred workspaces are sent to at up to 500 a second in all.
 */
export const DELIVER_RATE_PER_WORKSPACE = 5;
/**
 * Deliver jobs in flight per process. A send is mostly waiting on Slack's HTTP answer (a little SQLite around it), and
 * many workspaces' sends proceed side by side, each at its own pace: 100 workspaces at 5/s with ~50 ms per send keep
 * about 25 busy. A job waiting for its workspace's next slot does not hold one (it goes back to the queue, delayed).
 */
export const DELIVER_CONCURRENCY = 32;

export type TStartDeliveryWorkersOptions = {
  db: TDb;
  connection: ConnectionOptions;
  logger: Logger;
  prefix?: string;
  /** One port for every workspace, or each workspace's own (OAuth). */
  slack: TDeliveryPort | TWorkspaceSenders;
  /** Sends per second to each workspace (default DELIVER_RATE_PER_WORKSPACE), shared by every worker on the queue. */
  ratePerSecond?: number;
  /**
   * An optional cap on deliver jobs started per period by all workers together (bullmq's limiter), for a machine or a
   * Slack proxy that needs one; none by default. It counts every job a worker takes, including ones the pacer then
   * delays, so set it well above the sum of the workspaces' rates.
   */
  limiter?: { max: number; duration: number };
  concurrency?: number;
  /** How long a send's claim on its delivery holds (tests shorten it). */
  claimLeaseMs?: number;
  /** Interval of the `plan` scheduler; `null` creates none (tests enqueue plan jobs themselves). */
  planEveryMs?: number | null;
  /** Overrides of the deliver jobs' options (tests shorten the backoff). */
  deliverJobOptions?: Partial<JobsOptions>;
  /** Lock and stall settings of both workers (tests shorten them). */
  workerOptions?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'drainDelay'>;
  /** Wraps the deliver processor (tests observe or interrupt it). */
  wrapDeliver?: (processor: TDeliverProcessor) => TDeliverProcessor;
  /** Counts deliveries by outcome and times jobs (the worker's /metrics). */
  metrics?: TMetrics;
};

export type TRunningDeliveryWorkers = {
  plan: { worker: Worker; queue: Queue };
  deliver: { worker: Worker; queue: Queue };
  /** Stops taking jobs, lets the current ones finish, closes the Redis connections. */
  close: () => Promise<void>;
};

/** Starts the `plan` and `deliver` workers (and makes sure the plan scheduler exists). */
export async function startDeliveryWorkers(options: TStartDeliveryWorkersOptions): Promise<TRunningDeliveryWorkers> {
  const { db, connection, logger } = options;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const planQueue = new Queue(QUEUE_NAMES.plan, { connection, prefix });
  const deliverQueue = new Queue(QUEUE_NAMES.deliver, { connection, prefix });
  for (const [name, queue] of [['plan', planQueue], ['deliver', deliverQueue]] as const) queue.on('error', (err) => logger.error({ err }, `${name} queue error`));

  if (options.planEveryMs !== null) {
    try {
      const state = await ensurePlanSchedule(planQueue, options.planEveryMs);
      logger.info({ state }, 'plan schedule synced');
    } catch (err) {
      // The scheduler survives in Redis from earlier starts; the next start tries again.
      logger.error({ err }, 'could not sync the plan schedule');
    }
  }

  const { metrics } = options;
  const pacer = createPacer({ connection, prefix, queueName: QUEUE_NAMES.deliver, ratePerSecond: options.ratePerSecond ?? DELIVER_RATE_PER_WORKSPACE });
  // The planner queues a workspace's simultaneous deliveries one pacing interval apart (a hint the pacer still checks).
  const plan = createPlanProcessor(db, deliverQueue, { deliverJobOptions: options.deliverJobOptions, spreadMs: pacer.intervalMs, onPlanned: (result) => countPlanned(metrics, result) });
  const planWorker = new Worker(QUEUE_NAMES.plan, observeJobs(QUEUE_NAMES.plan, plan, metrics), {
    connection,
    prefix,
    concurrency: 1,
    ...options.workerOptions,
  });
  const deliver = createDeliverProcessor(db, options.slack, {
    pacer,
    ...(options.claimLeaseMs !== undefined ? { claimLeaseMs: options.claimLeaseMs } : {}),
    onOutcome: countSent(metrics),
  });
  const deliverWorker = new Worker(QUEUE_NAMES.deliver, observeJobs(QUEUE_NAMES.deliver, options.wrapDeliver ? options.wrapDeliver(deliver) : deliver, metrics), {
    connection,
    prefix,
    concurrency: options.concurrency ?? DELIVER_CONCURRENCY,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...options.workerOptions,
  });

  planWorker.on('completed', (job, summary) => logger.info({ ...jobLogFields(QUEUE_NAMES.plan, job), jobId: job.id, ...summary }, 'plan done'));
  // A permanent Slack error (a revoked token, a deactivated user) completes the job: say it louder than a send.
  deliverWorker.on('completed', (job, result) => logger[result.outcome === 'failed' ? 'warn' : 'info']({ ...jobLogFields(QUEUE_NAMES.deliver, job), jobId: job.id, ...result }, 'delivery done'));
  for (const [name, worker] of [['plan', planWorker], ['deliver', deliverWorker]] as const) {
    worker.on('failed', (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      const message = final ? `${name} failed${name === 'deliver' ? ' (the next plan run re-arms it while it is still useful)' : ''}` : `${name} failed; will retry`;
      logger[final ? 'error' : 'warn']({ ...jobLogFields(name, job), err, jobId: job?.id, data: job?.data, attemptsMade: job?.attemptsMade }, message);
    });
    worker.on('stalled', (jobId) => logger.warn({ jobId }, `${name} stalled (its worker died?); back to wait`));
    worker.on('error', (err) => logger.error({ err }, `${name} worker error`));
  }
  metrics?.watchQueues([planQueue, deliverQueue]);
  await Promise.all([planWorker.waitUntilReady(), deliverWorker.waitUntilReady()]);
  logger.info({ queues: [QUEUE_NAMES.plan, QUEUE_NAMES.deliver], prefix, perWorkspacePerSecond: 1_000 / pacer.intervalMs }, 'delivery workers started');

  return {
    plan: { worker: planWorker, queue: planQueue },
    deliver: { worker: deliverWorker, queue: deliverQueue },
    close: async () => {
      await Promise.all([planWorker.close(), deliverWorker.close()]);
      await Promise.all([planQueue.close(), deliverQueue.close(), pacer.close()]);
    },
  };
}
