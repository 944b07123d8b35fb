import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { upsertOneOnOne } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { firstOccurrenceDate, type TOneOnOneSpec } from '../../domain/schedule';
import { assertMayScheduleWith, TScheduleResult, summarize } from './one-on-one-summary';

/**
 * Creates or replaces the manager's recurring 1:1 with a rep, in the manager's current Slack zone; the first
 * meeting is the next matching day and time after `now` (biweekly counts from it).
 */
export function scheduleOneOnOne(db: TDb, manager: TPersonRow, rep: TPersonRow, spec: TOneOnOneSpec, now: Date): TScheduleResult {
  assertMayScheduleWith(manager, rep);
  const tz = manager.tz;
  const anchorDate = firstOccurrenceDate(spec, tz, DateTime.fromJSDate(now, { zone: tz }));
  const values = { workspaceId: manager.workspaceId, managerId: manager.id, repId: rep.id, ...spec, tz, anchorDate };
  const { row, previous } = upsertOneOnOne(db, values, now);
  return {
    summary: summarize(row, 'manager', rep, manager.tz, now),
    repSummary: summarize(row, 'rep', manager, rep.tz, now),
    changed: previous !== undefined,
    rep,
  };
}
