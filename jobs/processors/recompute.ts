import { type Job, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import { recomputeWorkspace, type TRecomputeSummary } from '../../src/services/coaching/recompute-workspace';
import { recomputeWorkspaceDryRun } from '../../src/services/coaching/recompute-workspace-dry-run';
import { RECOMPUTE_JOB, type TRecomputePayload, ZRecomputePayload } from '../definitions';

/** The parts of a BullMQ job the processor reads (a plain object in tests). */
export type TRecomputeJob = Pick<Job, 'data' | 'timestamp' | 'opts' | 'repeatJobKey'>;

/** A payload that fails validation never becomes valid on retry: fail the job for good. */
export function parseRecomputePayload(data: unknown): TRecomputePayload {
  const result = ZRecomputePayload.safeParse(data);
  if (!result.success) throw new UnrecoverableError(`Invalid recompute payload: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * The instant a job computes as of, identical on every attempt so a retry rewrites the same rows
 * (they are keyed by person and instant) instead of adding a second run:
 * - an explicit `now` in the payload (CLI `--now`, on-demand runs, backfills);
 * - for a job made by a job scheduler, the instant it was scheduled for (`opts.prevMillis`, the
 *   same millis as in its id `repeat:<scheduler>:<millis>`) — 02:00 in the workspace's zone,
 *   however late a worker picks it up;
 * - otherwise the moment it was enqueued (`job.timestamp`, set once at creation).
 */
export function recomputeInstantOf(job: TRecomputeJob, payload: TRecomputePayload): Date {
  if (payload.now) return new Date(payload.now);
  const scheduledFor = job.opts.prevMillis;
  if (job.repeatJobKey && typeof scheduledFor === 'number' && Number.isFinite(scheduledFor)) return new Date(scheduledFor);
  return new Date(job.timestamp);
}

/**
 * The whole job — validate, pick the instant, run the service — shared by the worker and `cli run`
 * (whose `--dry-run` computes everything and saves nothing).
 */
export async function runRecomputeJob(db: TDb, job: TRecomputeJob, options: { dryRun?: boolean } = {}): Promise<TRecomputeSummary> {
  const payload = parseRecomputePayload(job.data);
  const input = { workspaceId: payload.workspaceId, now: recomputeInstantOf(job, payload) };
  return options.dryRun ? recomputeWorkspaceDryRun(db, input) : recomputeWorkspace(db, input);
}

export type TRecomputeProcessor = (job: Job) => Promise<TRecomputeSummary>;

/** The BullMQ processor for the `recompute` queue. The service is synchronous: one SQLite writer. */
export function createRecomputeProcessor(db: TDb): TRecomputeProcessor {
  return async (job) => {
    if (job.name !== RECOMPUTE_JOB) throw new UnrecoverableError(`The recompute queue does not run '${job.name}' jobs`);
    return runRecomputeJob(db, job);
  };
}
