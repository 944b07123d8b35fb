import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import { deliveryWorkspace } from '../../src/services/deliveries/delivery-workspace';
import { DEFAULT_CLAIM_LEASE_MS, DeliveryBusyError, RateLimitedError, sendDelivery, type TSendOptions, type TSendResult } from '../../src/services/deliveries/send-delivery';
import type { TDeliveryPort, TWorkspaceSenders } from '../../src/services/deliveries/port';
import { DELIVER_JOB, deliverJobId, type TDeliverPayload, ZDeliverPayload } from '../definitions';
import { paceDecision, type TPacer } from '../pacer';

export type TDeliverProcessor = (job: Job, token?: string) => Promise<TSendResult>;

export type TDeliverProcessorOptions = TSendOptions & {
  /** Paces sends per workspace, across every worker (`jobs/pacer.ts`). */
  pacer: TPacer;
  /** The clock; tests pin it. */
  now?: () => Date;
};

/** A slot this close is slept for in place: a round trip through the delayed set costs more and lands less exactly. */
const SLEEP_UP_TO_MS = 20;

/** A payload that fails validation never becomes valid on retry: fail the job for good. */
export function parseDeliverPayload(data: unknown): TDeliverPayload {
  const result = ZDeliverPayload.safeParse(data);
  if (!result.success) throw new UnrecoverableError(`Invalid deliver payload: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * The BullMQ processor for the `deliver` queue: a thin shell over `sendDelivery`, translating what it says
 * into queue terms. The job completes only once the delivery row records the outcome.
 * - before sending, take the workspace's next send slot; one in the future delays the job to it, so the worker
 *   goes on with other workspaces' jobs meanwhile (not an attempt);
 * - 429: push that workspace's next slot past Retry-After and delay the job to a slot after it (not an attempt);
 *   other workspaces carry on;
 * - another sender holds a fresh claim: delay the job until that claim goes stale, not counted either;
 * - 5xx, network, timeouts: throw, and bullmq retries with backoff;
 * - a permanent Slack error: the row is `failed` and the job completes (nothing to retry).
 */
export function createDeliverProcessor(db: TDb, slack: TDeliveryPort | TWorkspaceSenders, options: TDeliverProcessorOptions): TDeliverProcessor {
  const clock = options.now ?? (() => new Date());
  const { pacer } = options;
  return async (job, token) => {
    if (job.name !== DELIVER_JOB) throw new UnrecoverableError(`The deliver queue does not run '${job.name}' jobs`);
    const payload = parseDeliverPayload(job.data);
    const { deliveryId } = payload;
    // A missing delivery has no workspace: nothing to pace, the send reports it missing.
    const workspaceId = payload.workspaceId ?? (await deliveryWorkspace(db, deliveryId));
    // A retry after a failed send (5xx, timeout) takes a new slot; coming back from a pacing delay keeps the old one.
    const attempt = String(job.attemptsMade);
    const jobId = job.id ?? deliverJobId(deliveryId);
    if (workspaceId !== null) await waitForSlot(job, token, await pacer.reserve(workspaceId, jobId, attempt));
    try {
      return await sendDelivery(db, slack, deliveryId, clock(), options);
    } catch (error) {
      if (error instanceof RateLimitedError && workspaceId !== null) {
        await pacer.pushBack(workspaceId, error.retryAfterMs);
        await waitForSlot(job, token, await pacer.reserve(workspaceId, jobId, attempt, { fresh: true }));
        // Only without a worker's token (a direct call) do we get here: the slot was slept for, try again now.
        return sendDelivery(db, slack, deliveryId, clock(), options);
      }
      if (error instanceof DeliveryBusyError && token) {
        // No sooner than a second from now, no later than one lease (a claim stamped by a clock ahead of ours).
        const lease = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
        await job.moveToDelayed(Math.min(Math.max(error.retryAt.getTime(), Date.now() + 1_000), Date.now() + lease), token);
        throw new DelayedError();
      }
      throw error;
    }
  };
}

/** Returns when the slot has come; a slot further off puts the job back in the queue until then (DelayedError). */
async function waitForSlot(job: Job, token: string | undefined, slot: number): Promise<void> {
  const decision = paceDecision(slot, Date.now(), SLEEP_UP_TO_MS);
  if (decision.action === 'send') return;
  if (decision.action === 'delay' && token) {
    await job.moveToDelayed(decision.until, token);
    throw new DelayedError();
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, slot - Date.now())));
}
