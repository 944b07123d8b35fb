import { type Job, type JobsOptions, type Queue, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import type { TPlanResult } from '../../src/services/deliveries/plan-deliveries';
import { planDeliveriesWhenFree } from '../../src/services/deliveries/plan-deliveries-when-free';
import { enqueueDeliveries, PLAN_JOB, type TEnqueueDeliveriesResult, type TEnqueuePacing, type TPlanPayload, ZPlanPayload } from '../definitions';

export type TPlanSummary = {
  now: string;
  created: number;
  skipped: number;
  suppressed: number;
  enqueued: TEnqueueDeliveriesResult;
  problems: TPlanResult['problems'];
};

export type TPlanProcessor = (job: Job) => Promise<TPlanSummary>;

/** A payload that fails validation never becomes valid on retry: fail the job for good. No payload: every workspace. */
export function parsePlanPayload(data: unknown): TPlanPayload {
  const result = ZPlanPayload.safeParse(data ?? {});
  if (!result.success) throw new UnrecoverableError(`Invalid plan payload: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * The whole job — plan (one write transaction, committed), then enqueue the deliveries still to send —
 * shared by the worker and `cli run plan`. Never enqueues inside the transaction (STYLE §6): if Redis is
 * away after the commit, the rows wait as pending and the next run enqueues them.
 */
export type TPlanJobOptions = {
  now?: Date;
  deliverJobOptions?: Partial<JobsOptions>;
  /** Told what the committed plan decided (the worker counts suppressed and skipped deliveries). */
  onPlanned?: (plan: TPlanResult) => void;
} & TEnqueuePacing;

export async function runPlanJob(db: TDb, deliverQueue: Queue, data: unknown, options: TPlanJobOptions = {}): Promise<TPlanSummary> {
  const payload = parsePlanPayload(data);
  const now = payload.now ? new Date(payload.now) : (options.now ?? new Date());
  const plan = await planDeliveriesWhenFree(db, { now, ...(payload.workspaceId ? { workspaceId: payload.workspaceId } : {}) });
  options.onPlanned?.(plan);
  const enqueued = await enqueueDeliveries(deliverQueue, plan.toEnqueue, now, options.deliverJobOptions, { spreadMs: options.spreadMs ?? 0 });
  return {
    now: now.toISOString(),
    created: plan.created.length,
    skipped: plan.skipped.length,
    suppressed: plan.suppressed.length,
    enqueued,
    problems: plan.problems,
  };
}

/** The BullMQ processor for the `plan` queue. */
export function createPlanProcessor(db: TDb, deliverQueue: Queue, options: Omit<TPlanJobOptions, 'now'> = {}): TPlanProcessor {
  return async (job) => {
    if (job.name !== PLAN_JOB) throw new UnrecoverableError(`The plan queue does not run '${job.name}' jobs`);
    return runPlanJob(db, deliverQueue, job.data, options);
  };
}
