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
