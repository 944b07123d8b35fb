import { type TDb } from '../../../db/client';
import { findDeliveriesWithRecipients, listDeliverable, type TDeliveryWithRecipient } from '../../../db/repositories/deliveries';
import { type TSendOptions, type TSendResult } from './send-delivery';

/*
 * `run deliver-due`: the deliveries due by `now`, sent in-process without Redis (cron-less setups, a
 * queue that is down, checking what would go out). The same `sendDelivery` as the worker, so it is safe
 * to run alongside workers: the claim on each row keeps them from sending one twice.
 */

/** Pending (or claimed and unfinished) deliveries due by `now`, oldest first, with their recipients. */
export async function listDueDeliveries(db: TDb, options: { now: Date; workspaceId?: string }): Promise<TDeliveryWithRecipient[]> {
  const due = await listDeliverable(db, { dueBy: options.now, ...(options.workspaceId !== undefined ? { workspaceId: options.workspaceId } : {}) });
  return findDeliveriesWithRecipients(db, due.map((d) => d.id));
}

export type TDeliveryPreview = { delivery: TDeliveryWithRecipient } & ({ action: 'send'; text: string } | { action: 'skip'; reason: string });

export type TDeliverDueOutcome = TSendResult | { outcome: 'retry_later'; deliveryId: number; error: string };

export type TDeliverDueOptions = TSendOptions & {
  now: Date;
  workspaceId?: string;
  /** How many 429s in a row one delivery may wait out before it is left for a later run. */
  maxRateLimitWaits?: number;
  /** Waits out a Retry-After (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
  onRateLimited?: (deliveryId: number, retryAfterMs: number) => void;
};
