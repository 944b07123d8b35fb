import { retryWhenBusy, type TDb } from '../../../db/client';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { type TPersonRow } from '../../../db/repositories/people';
import { checkinCadence } from '../../domain/nudge-policy';
import { readPreferences } from '../../domain/preferences';
import { TCheckinFeedback, deliveryFor, save, cadenceOf } from './tuning-rules';

/** Fewer check-ins: daily becomes weekly, weekly becomes none. Twice in a row is harmless. */
export function fewerCheckins(db: TDb, clicker: TPersonRow, deliveryId: number, now: Date): Promise<TCheckinFeedback> {
  return retryWhenBusy(() => fewerCheckinsNow(db, clicker, deliveryId, now));
}

async function fewerCheckinsNow(db: TDb, clicker: TPersonRow, deliveryId: number, now: Date): Promise<TCheckinFeedback> {
  const row = await deliveryFor(db, clicker, deliveryId, 'checkin');
  const prefs = readPreferences(clicker.preferences);
  const tier = (await findLatestTierSnapshot(db, clicker.id, now))?.tier ?? null;
  const current = checkinCadence(tier, prefs);
  const next = current === 'daily' ? 'weekly' : 'off';
  if (current !== 'off') await save(db, clicker, { checkins: next });
  return { cadence: cadenceOf(row), restore: prefs.checkins, now: current === 'off' ? 'off' : next };
}
