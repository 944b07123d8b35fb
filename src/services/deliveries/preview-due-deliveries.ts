import { rolledBack, type TDb } from '../../../db/client';
import { findDeliveryById } from '../../../db/repositories/deliveries';
import { blocksToPlainText } from '../../slack/blocks/plain-text';
import { composeDelivery } from './compose-delivery';
import { listDueDeliveries, TDeliveryPreview } from './due-deliveries';

/**
 * What each due delivery would say if sent at `now`, as plain text, or why it would be skipped. Reads only;
 * run inside a transaction that is rolled back all the same, so a renderer that writes cannot leave a trace.
 */
export function previewDueDeliveries(db: TDb, options: { now: Date; workspaceId?: string }): Promise<TDeliveryPreview[]> {
  return rolledBack(db, async (tx) => {
    const previews: TDeliveryPreview[] = [];
    for (const delivery of await listDueDeliveries(tx, options)) {
      const row = (await findDeliveryById(tx, delivery.id))!;
      const composed = await composeDelivery(tx, row, options.now);
      previews.push(
        composed.action === 'skip'
          ? { delivery, action: 'skip', reason: composed.reason }
          : { delivery, action: 'send', text: blocksToPlainText(composed.message.blocks) },
      );
    }
    return previews;
  });
}
