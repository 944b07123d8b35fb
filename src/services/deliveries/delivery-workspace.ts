import type { TDb } from '../../../db/client';
import { findDeliveryById } from '../../../db/repositories/deliveries';

/**
 * The workspace a delivery goes to, for pacing a `deliver` job queued before its payload carried the workspace
 * (jobs still in Redis from an older version). Null when the delivery no longer exists: the send reports it missing.
 */
export async function deliveryWorkspace(db: TDb, deliveryId: number): Promise<string | null> {
  return (await findDeliveryById(db, deliveryId))?.workspaceId ?? null;
}
