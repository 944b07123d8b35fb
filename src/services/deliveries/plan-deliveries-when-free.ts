import { retryWhenBusy, type TDb } from '../../../db/client';
import { planDeliveries, type TPlanOptions, type TPlanResult } from './plan-deliveries';

/**
 * `planDeliveries`, retried with backoff while another process holds SQLite's write lock (a large CSV
 * import, the recompute job): the entry point of the `plan` job and `run plan`.
 */
export function planDeliveriesWhenFree(db: TDb, options: TPlanOptions): Promise<TPlanResult> {
  return retryWhenBusy(() => planDeliveries(db, options));
}
