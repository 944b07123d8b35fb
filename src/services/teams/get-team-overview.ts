import { DateTime } from 'luxon';
import { type TDb } from '../../../db/client';
import { findLastActivityAt, listRepActivities } from '../../../db/repositories/activities';
import { listReports, type TPersonRow } from '../../../db/repositories/people';
import { weekStarts } from '../../domain/periods';
import { sparkline } from '../../domain/sparkline';
import { canManageTeam } from './authorize';
import { TTeamOverview, notAManager } from './team-rules';

/** Each rep of the manager's team with this week's total and an 8-week trend (in the rep's zone). */
export async function getTeamOverview(db: TDb, manager: TPersonRow, now: Date, weeks = 8): Promise<TTeamOverview> {
  if (!canManageTeam(manager)) throw notAManager();
  // Activity rows are read up to `now` exclusive; what was logged at this very instant still counts (as in `/stats`).
  const asOf = new Date(now.getTime() + 1);
  const reps = await Promise.all(
    (await listReports(db, manager.id)).map(async (person) => {
      const starts = weekStarts(DateTime.fromJSDate(now, { zone: person.tz }), weeks).map((d) => d.toMillis());
      const totals = new Array<number>(weeks).fill(0);
      for (const a of await listRepActivities(db, person.id, new Date(starts[0]!), asOf)) {
        const t = a.occurredAt;
        let week = weeks - 1;
        while (week > 0 && t < starts[week]!) week--;
        totals[week]! += a.count;
      }
      return { person, weekTotal: totals[weeks - 1]!, trendSparkline: sparkline(totals), lastActivityAt: await findLastActivityAt(db, person.id, now) };
    }),
  );
  return { reps };
}
