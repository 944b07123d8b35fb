import { type TDb, rolledBack } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { getRepStats, type TRepStatsResult } from './get-rep-stats';

/**
 * `preview stats`: the person's own `/stats` (this week) as they would get it at `now`. Building it only
 * reads; the rollback keeps a preview at a far-off `now` from leaving any trace all the same.
 */
export function previewStats(db: TDb, person: TPersonRow, now: Date): TRepStatsResult {
  return rolledBack(db, (tx) => getRepStats(tx, person, 'week', now));
}
