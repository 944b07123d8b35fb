import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listWonDealsOf } from '../../../db/repositories/deals';
import { listReports, type TPersonRow } from '../../../db/repositories/people';
import { quarterOf } from '../../domain/goal-text';
import type { THomeTeamWins } from '../../slack/blocks/view-models/home';
import { getCoachingSettings } from '../setup/coaching-settings';

/**
 * SPEC §2 Privacy: with the leaderboard on in setup, the deals the viewer's team won this quarter (in the viewer's
 * zone), by name with the first name of who won each — no amounts, no ranks, no counts per rep. A manager's team
 * is their reps; a rep's team is everyone reporting to their manager (themselves included). Null when the
 * leaderboard is off or the viewer has no team: then nothing of anyone else's is read.
 */
export async function getTeamWins(db: TDb, viewer: TPersonRow, now: Date): Promise<THomeTeamWins | null> {
  if (!(await getCoachingSettings(db, viewer.workspaceId)).leaderboard) return null;
  const own = await listReports(db, viewer.id);
  const team = own.length > 0 ? own : viewer.managerId !== null ? await listReports(db, viewer.managerId) : [];
  if (team.length === 0) return null;
  const local = DateTime.fromJSDate(now, { zone: viewer.tz });
  const quarter = quarterOf(local);
  const from = local.startOf('quarter').toJSDate();
  const until = local.endOf('quarter').plus({ milliseconds: 1 }).toJSDate();
  const names = new Map(team.map((p) => [p.id, p.name.trim().split(/\s+/)[0] || 'a teammate']));
  const wins = (await listWonDealsOf(db, [...names.keys()], from, until)).map((d) => ({ dealName: d.name, repFirstName: names.get(d.repId)! }));
  return { quarterLabel: quarter.label, wins };
}
