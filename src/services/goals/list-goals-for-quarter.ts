import { DateTime } from 'luxon';
import { type TDb } from '../../../db/client';
import { listLiveGoals } from '../../../db/repositories/goals';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { quarterOf } from '../../domain/goal-text';
import { latestPerMetric, summarize } from './goal-rules';

/** A person's live goals for their current quarter: agreed ones and pending proposals. */
export async function listGoalsForQuarter(db: TDb, person: TPersonRow, now: Date) {
  const quarter = quarterOf(DateTime.fromJSDate(now, { zone: person.tz }));
  const goals = await Promise.all(latestPerMetric(await listLiveGoals(db, [person.id], quarter)).map((g) => summarize(db, g)));
  const manager = person.managerId === null ? null : ((await findPersonById(db, person.managerId)) ?? null);
  return { quarter, goals, managerName: manager?.name ?? null };
}
