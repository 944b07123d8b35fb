import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import { DEFAULT_CLAIM_LEASE_MS, DeliveryBusyError, RateLimitedError, sendDelivery, type TSendOptions, type TSendResult } from '../../src/services/deliveries/send-delivery';
import type { TDeliveryPort, TWorkspaceSenders } from '../../src/services/deliveries/port';
import { DELIVER_JOB, type TDeliverPayload, ZDeliverPayload } from '../definitions';

export type TDeliverProcessor = (job: Job, token?: string) => Promise<TSendResult>;

export type TDeliverProcessorOptions = TSendOptions & {
  /** Pauses the whole `deliver` queue (every worker) for `ms`: Slack's Retry-After. */
  rateLimit: (ms: number) => Promise<void>;
  /** The clock; tests pin it. */
  now?: () => Date;
};

/** A payload that fails validation never becomes valid on retry: fail the job for good. */
export function parseDeliverPayload(data: unknown): TDeliverPayload {
  const result = ZDeliverPayload.safeParse(data);
  if (!result.success) throw new UnrecoverableError(`Invalid deliver payload: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * The BullMQ processor for the `deliver` queue: a thin shell over `sendDelivery`, translating what it says
 * into queue terms. The job completes only once the delivery row records the outcome.
 * - 429: pause the queue for Retry-After (bullmq's manual rate limit) and put the job back, not counted as an attempt;
 * - another sender holds a fresh claim: delay the job until that claim goes stale, not counted either;
 * - 5xx, network, timeouts: throw, and bullmq retries with backoff;
 * - a permanent Slack error: the row is `failed` and the job completes (nothing to retry).
 */
export function createDeliverProcessor(db: TDb, slack: TDeliveryPort | TWorkspaceSenders, options: TDeliverProcessorOptions): TDeliverProcessor {
  const clock = options.now ?? (() => new Date());
  return async (job, token) => {
    if (job.name !== DELIVER_JOB) throw new UnrecoverableError(`The deliver queue does not run '${job.name}' jobs`);
    const { deliveryId } = parseDeliverPayload(job.data);
    try {
      return await sendDelivery(db, slack, deliveryId, clock(), options);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await options.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
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
