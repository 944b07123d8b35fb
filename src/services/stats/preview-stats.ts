import { type TDb, rolledBack } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TPeriodName } from '../../domain/periods';
import type { TRepDealsView } from '../../slack/blocks/view-models/deals';
import { getRepDeals } from './get-rep-deals';
import { getRepStats, type TRepStatsResult } from './get-rep-stats';

/**
 * `preview stats`: the person's own `/stats` (this week) as they would get it at `now`. Building it only
 * reads; the rollback keeps a preview at a far-off `now` from leaving any trace all the same.
 */
export async function previewStats(db: TDb, person: TPersonRow, now: Date, period: TPeriodName = 'week'): Promise<TRepStatsResult> {
  return rolledBack(db, (tx) => getRepStats(tx, person, period, now));
}

/** `preview stats <user> deals`: the person's own `/stats deals` at `now`, written nowhere. */
export async function previewDeals(db: TDb, person: TPersonRow, now: Date, period?: TPeriodName): Promise<TRepDealsView> {
  return rolledBack(db, (tx) => getRepDeals(tx, person, now, { viewerIsRep: true, ...(period ? { period } : {}) }));
}
