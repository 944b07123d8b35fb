import type { Queue } from 'bullmq';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What `/metrics` needs of a BullMQ queue (a Queue, or a test's stand-in). */
export type TWatchedQueue = Pick<Queue, 'name' | 'getJobCounts' | 'getJobs'>;

/** What was decided for one delivery: by the planner (`suppressed`, `skipped`) or the sender (`sent`, `skipped`, `failed`). */
export type TDeliveryOutcomeLabel = 'sent' | 'suppressed' | 'skipped' | 'failed';

export type TMetrics = {
  registry: Registry;
  /** From the request's arrival to its ack; `kind` is command/event/block_actions/view_submission/…, `name` the command or event type. */
  ackSeconds: Histogram<'kind' | 'name'>;
  /** Interactions no listener knows (old buttons, removed forms), answered with a polite note. */
  unknownInteractions: Counter<'kind'>;
  deliveries: Counter<'kind' | 'outcome'>;
  /** One job run (an attempt), by queue and how it ended: completed, failed, delayed, rate_limited. */
  jobSeconds: Histogram<'queue' | 'status'>;
  recomputeSeconds: Histogram<never>;
  /** Adds the rows imported so far (read at scrape time: imports run in the CLI, which exits before any scrape). */
  watchImports: (read: () => Promise<readonly { kind: string; outcome: string; rows: number }[]>) => void;
  /** Adds these queues' job counts and oldest waiting job to every scrape. */
  watchQueues: (queues: readonly TWatchedQueue[]) => void;
  /** The text exposition for `GET /metrics`. */
  render: () => Promise<{ contentType: string; body: string }>;
};

/** A scrape must answer even when Redis does not: queue figures are left out after this long. */
const QUEUE_PROBE_TIMEOUT_MS = 1_000;

/**
 * One registry per process (the app and the worker each serve their own `/metrics`). Not prom-client's
 * global registry: tests start several apps in one process, and each must count on its own.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): TMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const queues: TWatchedQueue[] = [];
  let importRows: (() => Promise<readonly { kind: string; outcome: string; rows: number }[]>) | undefined;

  const ackSeconds = new Histogram({
    name: 'canopy_ack_duration_seconds',
    help: 'Time from a Slack request arriving to its acknowledgement (Slack gives up after 3 s)',
    labelNames: ['kind', 'name'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const unknownInteractions = new Counter({
    name: 'canopy_unknown_interactions_total',
    help: 'Interactions no listener handles (a button or form from an older version), acknowledged with a note',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'canopy_deliveries_total',
    help: 'Deliveries by kind and outcome: sent, suppressed (held back by the no-nagging policy), skipped (too late, recipient gone, app uninstalled), failed (a permanent Slack error)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'canopy_job_duration_seconds',
    help: 'Duration of one job attempt by queue and how it ended (completed, failed, delayed, rate_limited)',
    labelNames: ['queue', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const recomputeSeconds = new Histogram({
    name: 'canopy_recompute_duration_seconds',
    help: "Duration of one workspace's recompute (tiers, expectations, focus areas) that completed",
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  new Gauge({
    name: 'canopy_recompute_last_success_timestamp_seconds',
    help: 'When a recompute last completed in any worker (Unix seconds, from the queue in Redis); stale by more than a day means the nightly runs stopped',
    registers: [registry],
    async collect() {
      // Read from the queue's completed jobs, not kept in memory: it must survive a restart and cover every worker.
      const recompute = queues.filter((q) => q.name === 'recompute');
      let latest = 0;
      for (const { value: jobs } of await probeQueues(recompute, (q) => q.getJobs(['completed'], 0, 49, false))) {
        for (const job of jobs) if (job.name === 'recompute' && (job.finishedOn ?? 0) > latest) latest = job.finishedOn ?? 0;
      }
      if (latest > 0) this.set(latest / 1000);
    },
  });
  new Gauge({
    name: 'canopy_queue_jobs',
    help: 'Jobs in each queue by state (waiting, delayed, active, failed, …), read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, value: counts } of await probeQueues(queues, (q) => q.getJobCounts())) {
        for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
      }
    },
  });
  new Gauge({
    name: 'canopy_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting to be taken (due, not delayed) in each queue; 0 when none waits',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const { queue, value: oldest } of await probeQueues(queues, (q) => q.getJobs(['wait'], 0, 0, true))) {
        const first = oldest[0];
        this.set({ queue }, first ? Math.max(0, (now - first.timestamp) / 1000) : 0);
      }
    },
  });

  new Counter({
    name: 'canopy_import_rows_total',
    help: 'CSV rows imported (`npm run cli -- import`) by kind and outcome: inserted, updated, unchanged, rejected',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
    async collect() {
      if (!importRows) return;
      this.reset();
      try {
        for (const { kind, outcome, rows } of await importRows()) if (rows > 0) this.inc({ kind, outcome }, rows);
      } catch {
        // A scrape answers even when the database does not; the figures are left out this time.
      }
    },
  });

  return {
    registry,
    ackSeconds,
    unknownInteractions,
    deliveries,
    jobSeconds,
    recomputeSeconds,
    watchImports: (read) => void (importRows = read),
    watchQueues: (more) => void queues.push(...more),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

/** Answers `GET /metrics` (the app's and the worker's): the text exposition, or a 500 logged when it cannot be made. */
export function serveMetrics(metrics: TMetrics, res: ServerResponse, logger: Pick<Logger, 'error'>): Promise<void> {
  return metrics.render().then(
    ({ contentType, body }) => void res.writeHead(200, { 'content-type': contentType }).end(body),
    (error: unknown) => {
      logger.error({ err: error }, 'could not render /metrics');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    },
  );
}

/** Each queue's answer, leaving out (rather than failing the scrape on) a queue Redis did not answer for in time. */
async function probeQueues<T>(queues: readonly TWatchedQueue[], read: (queue: TWatchedQueue) => Promise<T>): Promise<{ queue: string; value: T }[]> {
  const settled = await Promise.allSettled(
    queues.map(async (queue) => ({ queue: queue.name, value: await withTimeout(read(queue), QUEUE_PROBE_TIMEOUT_MS) })),
  );
  return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
