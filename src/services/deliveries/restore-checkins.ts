import { retryWhenBusy, type TDb } from '../../../db/client';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { type TPersonRow } from '../../../db/repositories/people';
import { checkinCadence } from '../../domain/nudge-policy';
import { readPreferences } from '../../domain/preferences';
import { TCheckinSetting, TCheckinFeedback, deliveryFor, save, cadenceOf } from './tuning-rules';

/** Undo of Fewer check-ins: the setting as it was. */
export function restoreCheckins(db: TDb, clicker: TPersonRow, deliveryId: number, restore: TCheckinSetting, now: Date): Promise<TCheckinFeedback> {
  return retryWhenBusy(() => restoreCheckinsNow(db, clicker, deliveryId, restore, now));
}

async function restoreCheckinsNow(db: TDb, clicker: TPersonRow, deliveryId: number, restore: TCheckinSetting, now: Date): Promise<TCheckinFeedback> {
  const row = await deliveryFor(db, clicker, deliveryId, 'checkin');
  const prefs = readPreferences(clicker.preferences);
  await save(db, clicker, { checkins: restore });
  const tier = (await findLatestTierSnapshot(db, clicker.id, now))?.tier ?? null;
  return { cadence: cadenceOf(row), restore: prefs.checkins, now: checkinCadence(tier, { ...prefs, checkins: restore }) };
}
