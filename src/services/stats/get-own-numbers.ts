import type { TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { getRepStats } from './get-rep-stats';

/** A manager's own week in one line (only when they log activity themselves): total and trend. */
export async function getOwnNumbers(db: TDb, person: TPersonRow, now: Date): Promise<{ weekTotal: number; trendSparkline: string } | undefined> {
  const { stats } = await getRepStats(db, person, 'week', now);
  if (!stats.trend.totals.some((total) => total > 0)) return undefined;
  return { weekTotal: stats.total, trendSparkline: stats.trend.sparkline };
}
