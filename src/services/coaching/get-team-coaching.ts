import type { TDb } from '../../../db/client';
import { listTeamReps } from '../../../db/repositories/coaching-snapshots';
import { TIER_ORDER } from '../../domain/coaching/tiers';
import { TTeamCoachingRow, TIER_RANK } from './coaching-rows';
import { getRepCoaching } from './get-rep-coaching';

/** Every rep of a manager's team with their latest snapshot (null when none yet), by tier then name. */
export async function getTeamCoaching(db: TDb, managerId: number, now: Date): Promise<TTeamCoachingRow[]> {
  const rows = await Promise.all((await listTeamReps(db, managerId)).map(async (rep) => ({
    personId: rep.id,
    slackUserId: rep.slackUserId,
    name: rep.name,
    coaching: await getRepCoaching(db, rep.id, now),
  })));
  // Tiers in their canonical order (autonomous, guided, focused, ramping), reps not yet computed last.
  const rank = (row: TTeamCoachingRow) => (row.coaching ? TIER_RANK.get(row.coaching.tier.tier)! : TIER_ORDER.length);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en') || a.personId - b.personId);
}
