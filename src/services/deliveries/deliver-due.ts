import { type TDb } from '../../../db/client';
import { type TDeliveryWithRecipient } from '../../../db/repositories/deliveries';
import type { TDeliveryPort, TWorkspaceSenders } from './port';
import { DeliveryBusyError, RateLimitedError, RetryableDeliveryError, sendDelivery } from './send-delivery';
import { listDueDeliveries, TDeliverDueOutcome, TDeliverDueOptions } from './due-deliveries';

/** Sends every delivery due by `now`, one at a time, waiting out Slack's Retry-After on a 429. */
export async function deliverDue(db: TDb, slack: TDeliveryPort | TWorkspaceSenders, options: TDeliverDueOptions): Promise<{ delivery: TDeliveryWithRecipient; result: TDeliverDueOutcome }[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const results: { delivery: TDeliveryWithRecipient; result: TDeliverDueOutcome }[] = [];
  for (const delivery of await listDueDeliveries(db, options)) {
    results.push({ delivery, result: await sendOne(db, slack, delivery.id, options, sleep) });
  }
  return results;
}

async function sendOne(db: TDb, slack: TDeliveryPort | TWorkspaceSenders, deliveryId: number, options: TDeliverDueOptions, sleep: (ms: number) => Promise<void>): Promise<TDeliverDueOutcome> {
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
