import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findOneOnOne, upsertOneOnOne } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { anchorDateFor, type TOneOnOneSpec, weekOfMonthOf } from '../../domain/schedule';
import { assertMayScheduleWith, TScheduleResult, summarize } from './one-on-one-summary';

/**
 * Creates or replaces the manager's recurring 1:1 with a rep, in the manager's current Slack zone; the first
 * meeting is the next matching day and time after `now` (biweekly counts from it). A monthly 1:1 given without
 * its week of the month (the Home tab's form) keeps the week it had on the same weekday, else the first.
 */
export async function scheduleOneOnOne(db: TDb, manager: TPersonRow, rep: TPersonRow, spec: TOneOnOneSpec, now: Date): Promise<TScheduleResult> {
  assertMayScheduleWith(manager, rep);
  const tz = manager.tz;
  const { weekOfMonth, ...rest } = spec;
  const current = await findOneOnOne(db, manager.id, rep.id);
  const kept = current?.cadence === 'monthly' && current.weekday === spec.weekday ? weekOfMonthOf(current.anchorDate) : undefined;
  const week = spec.cadence === 'monthly' ? { weekOfMonth: weekOfMonth ?? kept ?? 1 } : {};
  const anchorDate = anchorDateFor({ ...rest, ...week }, tz, DateTime.fromJSDate(now, { zone: tz }));
  const values = { workspaceId: manager.workspaceId, managerId: manager.id, repId: rep.id, ...rest, tz, anchorDate };
  const { row, previous } = await upsertOneOnOne(db, values, now);
  return {
    summary: summarize(row, 'manager', rep, manager.tz, now),
    repSummary: summarize(row, 'rep', manager, rep.tz, now),
    changed: previous !== undefined,
    rep,
  };
}
