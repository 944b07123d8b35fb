import type { JobsOptions, Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * The `recompute` job (SPEC §5): tiers, expectations and focus areas for every rep of one workspace.
 * The payload carries the workspace id only — never tokens or personal data — and optionally the
 * instant to compute as of (`--now`, backfills). Without it the processor uses the job's own
 * instant (see `recomputeInstantOf` in processors/recompute.ts).
 */
export const RECOMPUTE_JOB = 'recompute' as const;

export const ZRecomputePayload = z.object({
  workspaceId: z.string().regex(/^[TE][A-Z0-9]+$/, 'must be a Slack team or enterprise id (T…/E…)'),
  now: z.iso.datetime({ offset: true }).optional(),
});

export type TRecomputePayload = z.infer<typeof ZRecomputePayload>;

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Retries cover Redis hiccups and SQLITE_BUSY (another worker process holding the write lock): 5
 * attempts, 30 s → 4 min apart. The job is idempotent (rows keyed by person and `now`), so a retry
 * rewrites what an earlier attempt wrote. Finished jobs are kept long enough to inspect, then dropped.
 */
export const RECOMPUTE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * DAY_SECONDS, count: 1_000 },
  removeOnFail: { age: 30 * DAY_SECONDS, count: 1_000 },
} satisfies JobsOptions;

/**
 * Deterministic id of an on-demand run: one job per (workspace, instant), so enqueueing the same run
 * twice (a double click, a retried HTTP request) is a no-op while the first is kept. BullMQ rejects
 * custom ids containing ':' (it reserves `repeat:<scheduler>:<millis>` for job schedulers), so the
 * parts are joined with '-' and the instant is written in ISO basic format (UTC, milliseconds):
 * `recompute-T0123ABC-20261124T020000.000Z`. Neither part can contain '-', so it splits back cleanly.
 */
export function recomputeJobId(workspaceId: string, now: Date): string {
  const instant = DateTime.fromJSDate(now, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss.SSS'Z'");
  return `${RECOMPUTE_JOB}-${workspaceId}-${instant}`;
}

/** Enqueues an on-demand recompute as of `now` (validated; deterministic job id). */
export async function enqueueRecompute(queue: Queue, input: { workspaceId: string; now: Date }): Promise<string> {
  const payload = ZRecomputePayload.parse({ workspaceId: input.workspaceId, now: input.now.toISOString() });
  const jobId = recomputeJobId(payload.workspaceId, input.now);
  await queue.add(RECOMPUTE_JOB, payload, { ...RECOMPUTE_JOB_OPTIONS, jobId });
  return jobId;
}

/**
 * The `plan` job (SPEC §5): records the briefs and agenda reminders due soon and enqueues their `deliver`
 * jobs. Payload: optionally one workspace (every workspace otherwise) and the instant to plan as of
 * (`--now`); a scheduled run plans as of the moment it runs (it is catch-up safe and idempotent, so
 * "now" is the right instant even for a run that was late).
 */
export const PLAN_JOB = 'plan' as const;

export const ZPlanPayload = z.object({
  workspaceId: ZRecomputePayload.shape.workspaceId.optional(),
  now: z.iso.datetime({ offset: true }).optional(),
});

export type TPlanPayload = z.infer<typeof ZPlanPayload>;

/** Every 5 minutes: with the 15-minute look-ahead, each delivery is seen by three runs before it is due. */
export const PLAN_EVERY_MS = 5 * 60_000;

/**
 * A plan run that fails (SQLITE_BUSY for long, Redis away) is retried a few times quickly; the next
 * scheduled run, five minutes later, catches up on whatever it missed anyway.
 */
export const PLAN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: DAY_SECONDS, count: 500 },
  removeOnFail: { age: 7 * DAY_SECONDS, count: 500 },
} satisfies JobsOptions;

/**
 * The `deliver` job: sends one planned delivery (a row of `deliveries`), by id, and names its workspace so the
 * worker can pace it under that workspace's limit without a database read. Nothing else travels in the payload:
 * the content is built at send time from the database. The workspace is optional for jobs queued by an older
 * version (still in Redis after an upgrade): the worker then reads it from the delivery row.
 */
export const DELIVER_JOB = 'deliver' as const;

export const ZDeliverPayload = z.object({
  deliveryId: z.number().int().positive(),
  // Any id the database holds (not only the T…/E… shape checked elsewhere): a stricter check here would fail a plan run.
  workspaceId: z.string().min(1).max(64).optional(),
});

export type TDeliverPayload = z.infer<typeof ZDeliverPayload>;

/**
 * 8 attempts, 5 s → 10 min apart (about 21 minutes in all), for 5xx, network errors and timeouts. A 429 is
 * not an attempt: the worker holds back that workspace's sends for Slack's Retry-After and delays the job. A
 * permanent Slack error completes the job with the delivery recorded as failed. A delivery whose job gave up
 * is picked up again by the next plan run while it is still useful.
 */
export const DELIVER_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * DAY_SECONDS, count: 10_000 },
  removeOnFail: { age: 30 * DAY_SECONDS, count: 10_000 },
} satisfies JobsOptions;

/** One job per delivery, for good: enqueueing it again (a second plan run, a second planner) is a no-op. */
export function deliverJobId(deliveryId: number): string {
  return `${DELIVER_JOB}-${deliveryId}`;
}

export type TEnqueueDeliveriesResult = { added: number; retried: number; unchanged: number };

const ENQUEUE_CHUNK = 500;

/**
 * `spreadMs`: the worker's pacing interval (`jobs/pacer.ts`). Deliveries of one workspace falling due together (its
 * 9 o'clock digests) are queued that far apart rather than all at once, in the order given, so the workers meet each
 * near its send slot instead of taking every one up only to put it off to its slot (thousands of round trips, during
 * which no delivery goes out). A hint: the pacer still decides when each is sent. Never more than the workers' pacing
 * interval, or it would slow sends below the rate; 0 (the default, and what `cli run plan` uses) queues each at its due time.
 */
export type TEnqueuePacing = { spreadMs?: number };

/** Each workspace's jobs in the call at least `spreadMs` apart: a delay is its due delay, or one interval after the workspace's previous job. */
export function spreadDelays(spreadMs: number): (workspaceId: string, dueDelayMs: number) => number {
  const last = new Map<string, number>();
  return (workspaceId, dueDelayMs) => {
    if (spreadMs <= 0) return dueDelayMs;
    const previous = last.get(workspaceId);
    const delay = previous === undefined ? dueDelayMs : Math.max(dueDelayMs, previous + spreadMs);
    last.set(workspaceId, delay);
    return delay;
  };
}

/**
 * Enqueues (or re-arms) the `deliver` job of each delivery, delayed until it is due as seen from `now`. A job
 * already waiting, delayed or active is left alone. One that finished while its delivery is still to send
 * (its retries ran out during a long Slack outage) is retried: the row, not the job, says what is left to do.
 */
export async function enqueueDeliveries(
  queue: Queue,
  deliveries: readonly { deliveryId: number; workspaceId: string; dueAt: Date }[],
  now: Date,
  options: Partial<JobsOptions> = {},
  pacing: TEnqueuePacing = {},
): Promise<TEnqueueDeliveriesResult> {
  const result: TEnqueueDeliveriesResult = { added: 0, retried: 0, unchanged: 0 };
  const spread = spreadDelays(pacing.spreadMs ?? 0);
  // A chunk's lookups travel together and its new jobs go in one addBulk: a plan run queuing 10,000 deliveries (a
  // hundred workspaces' 9 o'clock) takes a fraction of a second instead of 20,000 sequential round trips.
  for (let start = 0; start < deliveries.length; start += ENQUEUE_CHUNK) {
    const chunk = deliveries.slice(start, start + ENQUEUE_CHUNK);
    const existing = await Promise.all(chunk.map((delivery) => queue.getJob(deliverJobId(delivery.deliveryId))));
    const fresh = chunk.filter((_, i) => !existing[i]);
    await queue.addBulk(
      fresh.map((delivery) => ({
        name: DELIVER_JOB,
        data: ZDeliverPayload.parse({ deliveryId: delivery.deliveryId, workspaceId: delivery.workspaceId }),
        opts: { ...DELIVER_JOB_OPTIONS, ...options, jobId: deliverJobId(delivery.deliveryId), delay: spread(delivery.workspaceId, Math.max(0, delivery.dueAt.getTime() - now.getTime())) },
      })),
    );
    result.added += fresh.length;
    const states = await Promise.all(existing.map((job) => job?.getState()));
    for (const [i, job] of existing.entries()) {
      if (!job) continue;
      const state = states[i];
      if (state !== 'failed' && state !== 'completed') {
        result.unchanged++;
        continue;
      }
      try {
        await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
        result.retried++;
      } catch {
        // Another planner re-armed it first.
        result.unchanged++;
      }
    }
  }
  return result;
}

/**
 * The `purge` job: deletes the data of workspaces uninstalled more than `WORKSPACE_RETENTION_DAYS` ago (SPEC §2). It
 * runs daily from a scheduler in the `recompute` queue (it is as rare and as heavy a writer) and carries no payload.
 */
export const PURGE_JOB = 'purge' as const;
export const PURGE_SCHEDULER_ID = 'purge-daily';
/** 03:30 UTC: after the nightly recomputes of most zones have started, before Europe's working day. */
export const PURGE_PATTERN = '30 3 * * *';
export const PURGE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { age: 30 * DAY_SECONDS, count: 100 },
  removeOnFail: { age: 30 * DAY_SECONDS, count: 100 },
} satisfies JobsOptions;
