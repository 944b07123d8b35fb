// Each answer makes zoned DateTimes for its period and weeks: luxon's zone offsets memoised (see the module).
import '../../domain/zone-offset-cache';
import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listRepActivities } from '../../../db/repositories/activities';
import { listRepDeals } from '../../../db/repositories/deals';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { resolvePeriod, type TPeriodName } from '../../domain/periods';
import { computeRepStats, statsReadStart, type TRepStats } from '../../domain/stats';
import type { TStage } from '../../domain/types';
import type { TCoachingView } from '../../slack/blocks/view-models/coaching';
import { getCoachingProgress } from '../coaching/get-coaching-progress';

export const TREND_WEEKS = 8;

export type TRepStatsResult = { stats: TRepStats; stages: TStage[]; coaching: TCoachingView | null };

/**
 * A rep's activity (by type and by stage), pipeline, trend and coaching progress for a period, in the rep's own
 * time zone. For a closed period the trend ends with it; the coaching (pace, targets) is always as of now.
 */
export async function getRepStats(db: TDb, rep: TPersonRow, periodName: TPeriodName, now: Date): Promise<TRepStatsResult> {
  // Periods end before `now` (exclusive); what was logged at this very instant still counts.
  const asOf = new Date(now.getTime() + 1);
  const local = DateTime.fromJSDate(asOf, { zone: rep.tz });
  const period = resolvePeriod(periodName, local);
  const from = statsReadStart(period, local, TREND_WEEKS);
  // Read through now whatever the period: the coaching's pace counts this week and today.
  // Independent reads, issued together: on PostgreSQL they run on several pooled connections at once instead of
  // waiting for each other's round trip; on SQLite it is the same work in the same order.
  const [activities, deals, { stages, activityStages }] = await Promise.all([
    listRepActivities(db, rep.id, from.toJSDate(), asOf),
    listRepDeals(db, rep.id, period.start.toJSDate()),
    getSellingSystem(db, rep.workspaceId),
  ]);
  const stats = computeRepStats({ activities, deals, stages, activityStages, period, now: local, trendWeeks: TREND_WEEKS });
  return { stats, stages, coaching: await getCoachingProgress(db, rep, activities, stages, now) };
}

/** The same, for a rep known by id (the stats thread gets ids, never rows); undefined if they are gone. */
export async function getRepStatsById(db: TDb, repId: number, periodName: TPeriodName, now: Date): Promise<(TRepStatsResult & { rep: TPersonRow }) | undefined> {
  const rep = await findPersonById(db, repId);
  return rep && { ...(await getRepStats(db, rep, periodName, now)), rep };
}
