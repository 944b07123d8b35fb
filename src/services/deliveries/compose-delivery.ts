import '../../domain/zone-offset-cache';
import type { TDb } from '../../../db/client';
import type { TDeliveryRow } from '../../../db/repositories/deliveries';
import { findPersonById } from '../../../db/repositories/people';
import { composeDigestDelivery } from './composers/digest-compose';
import { composeCheckin } from './composers/checkin-compose';
import { composeNudge } from './composers/nudge-compose';
import { composeOneOnOneDelivery } from './composers/one-on-one-compose';
import { composeReviewDm } from './composers/review-compose';
import type { TComposed, TComposer } from './types';

export type { TComposed } from './types';

/** Who writes each kind of delivery's message at send time. */
const COMPOSERS: Partial<Record<TDeliveryRow['kind'], TComposer>> = {
  brief: composeOneOnOneDelivery,
  agenda_reminder: composeOneOnOneDelivery,
  checkin: composeCheckin,
  nudge: composeNudge,
  digest: composeDigestDelivery,
  team_digest: composeDigestDelivery,
  review: composeReviewDm,
};

/** What a planned delivery says, built at send time from the data as it is now, or why it should not go out after all. */
export async function composeDelivery(db: TDb, row: TDeliveryRow, now: Date): Promise<TComposed> {
  const recipient = await findPersonById(db, row.recipientId);
  if (!recipient) return { action: 'skip', reason: 'skipped: the recipient no longer exists' };
  const composer = COMPOSERS[row.kind];
  if (!composer) return { action: 'skip', reason: `skipped: no sender for '${row.kind}' deliveries in this version` };
  return composer(db, row, recipient, now);
}
