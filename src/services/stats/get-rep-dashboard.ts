import type { TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TRepDashboard } from '../../slack/blocks/view-models/home';
import { getFocus } from '../coaching/get-focus';
import { getRepDeals } from './get-rep-deals';
import { getRepFunnelHistory } from './get-rep-funnel';
import { getRepStats } from './get-rep-stats';
import { repConversion } from './rep-conversion';
import { listGoalsForQuarter } from '../goals/list-goals-for-quarter';

/** Everything on a rep's own dashboard, as of `now`, in the rep's zone. */
export async function getRepDashboard(db: TDb, rep: TPersonRow, now: Date): Promise<TRepDashboard> {
  const { stats, stages, coaching } = await getRepStats(db, rep, 'week', now);
  const { quarter, goals, managerName } = await listGoalsForQuarter(db, rep, now);
  // The funnel and the focus show the same conversion: read it once.
  const conversion = await repConversion(db, rep, stages, now);
  return {
    stats,
    stages,
    coaching,
    funnel: await getRepFunnelHistory(db, rep, stages, now, conversion),
    deals: await getRepDeals(db, rep, now, { viewerIsRep: true }),
    focus: await getFocus(db, rep, rep, now, conversion),
    goals: { quarterLabel: quarter.label, goals, managerName },
  };
}
