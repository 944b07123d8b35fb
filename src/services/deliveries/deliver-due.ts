import { rolledBack, type TDb } from '../../../db/client';
import { findDeliveriesWithRecipients, findDeliveryById, listDeliverable, type TDeliveryWithRecipient } from '../../../db/repositories/deliveries';
import { blocksToPlainText } from '../../slack/blocks/plain-text';
import type { TDeliveryPort } from './port';
import { composeDelivery } from './compose-delivery';
import { DeliveryBusyError, RateLimitedError, RetryableDeliveryError, sendDelivery, type TSendOptions, type TSendResult } from './send-delivery';

/*
 * `run deliver-due`: the deliveries due by `now`, sent in-process without Redis (cron-less setups, a
 * queue that is down, checking what would go out). The same `sendDelivery` as the worker, so it is safe
 * to run alongside workers: the claim on each row keeps them from sending one twice.
 */

/** Pending (or claimed and unfinished) deliveries due by `now`, oldest first, with their recipients. */
export function listDueDeliveries(db: TDb, options: { now: Date; workspaceId?: string }): TDeliveryWithRecipient[] {
  const due = listDeliverable(db, { dueBy: options.now, ...(options.workspaceId !== undefined ? { workspaceId: options.workspaceId } : {}) });
  return findDeliveriesWithRecipients(db, due.map((d) => d.id));
}

export type TDeliveryPreview = { delivery: TDeliveryWithRecipient } & ({ action: 'send'; text: string } | { action: 'skip'; reason: string });

/**
 * What each due delivery would say if sent at `now`, as plain text, or why it would be skipped. Reads only;
 * run inside a transaction that is rolled back all the same, so a renderer that writes cannot leave a trace.
 */
export function previewDueDeliveries(db: TDb, options: { now: Date; workspaceId?: string }): TDeliveryPreview[] {
  return rolledBack(db, (tx) =>
    listDueDeliveries(tx, options).map((delivery): TDeliveryPreview => {
      const row = findDeliveryById(tx, delivery.id)!;
      const composed = composeDelivery(tx, row, options.now);
      return composed.action === 'skip'
        ? { delivery, action: 'skip', reason: composed.reason }
        : { delivery, action: 'send', text: blocksToPlainText(composed.message.blocks) };
    }),
  );
}

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

/** Sends every delivery due by `now`, one at a time, waiting out Slack's Retry-After on a 429. */
export async function deliverDue(db: TDb, slack: TDeliveryPort, options: TDeliverDueOptions): Promise<{ delivery: TDeliveryWithRecipient; result: TDeliverDueOutcome }[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const results: { delivery: TDeliveryWithRecipient; result: TDeliverDueOutcome }[] = [];
  for (const delivery of listDueDeliveries(db, options)) {
    results.push({ delivery, result: await sendOne(db, slack, delivery.id, options, sleep) });
  }
  return results;
}

async function sendOne(db: TDb, slack: TDeliveryPort, deliveryId: number, options: TDeliverDueOptions, sleep: (ms: number) => Promise<void>): Promise<TDeliverDueOutcome> {
  for (let waits = 0; ; waits++) {
    try {
      return await sendDelivery(db, slack, deliveryId, options.now, options);
    } catch (error) {
      if (error instanceof RateLimitedError && waits < (options.maxRateLimitWaits ?? 5)) {
        options.onRateLimited?.(deliveryId, error.retryAfterMs);
        await sleep(error.retryAfterMs);
        continue;
      }
      if (error instanceof RateLimitedError || error instanceof RetryableDeliveryError || error instanceof DeliveryBusyError) {
        return { outcome: 'retry_later', deliveryId, error: error.message };
      }
      throw error;
    }
  }
}
