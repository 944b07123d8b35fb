import { DateTime } from 'luxon';
import { type TDb } from '../../../db/client';
import { listLiveGoals } from '../../../db/repositories/goals';
import { listReports, type TPersonRow } from '../../../db/repositories/people';
import { quarterOf } from '../../domain/goal-text';
import { canManageTeam } from '../teams/authorize';
import { TGoalSummary, latestPerMetric, summarize } from './goal-rules';

/** Each of a manager's reps with their live goals for the rep's current quarter; empty for a rep. */
export async function listTeamGoals(db: TDb, manager: TPersonRow, now: Date): Promise<{ rep: TPersonRow; goals: TGoalSummary[] }[]> {
  if (!canManageTeam(manager)) return [];
  return Promise.all(
    (await listReports(db, manager.id))
      .filter((rep) => !rep.isDeleted && !rep.isBot)
      .map(async (rep) => {
        const quarter = quarterOf(DateTime.fromJSDate(now, { zone: rep.tz }));
        return { rep, goals: await Promise.all(latestPerMetric(await listLiveGoals(db, [rep.id], quarter)).map((g) => summarize(db, g))) };
      }),
  );
}
