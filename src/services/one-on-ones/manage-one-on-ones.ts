import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { cancelOneOnOne, findOneOnOne, listOneOnOnesOf, type TOneOnOneRow, upsertOneOnOne } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { describeRecurrence, firstOccurrenceDate, formatMeetingTime, nextOccurrence, type TOneOnOneSpec } from '../../domain/schedule';
import type { TOneOnOneSummary } from '../../slack/blocks/view-models/one-on-ones';
import { isAdmin } from '../teams/authorize';

const NOT_YOURS = "You can schedule 1:1s with the reps on your team. An admin can add them with `/coach team add @rep`.";

/** Only the rep's manager (or an admin) may schedule, change or cancel their 1:1; nobody holds one with themselves. */
function assertMayScheduleWith(manager: TPersonRow, rep: TPersonRow): void {
  if (manager.workspaceId !== rep.workspaceId) throw new AppError('not_allowed', NOT_YOURS);
  if (manager.id === rep.id) throw new AppError('bad_input', 'A 1:1 takes two people — mention one of your reps.');
  if (rep.isBot || rep.isDeleted) throw new AppError('bad_input', `${rep.name || 'That account'} can't take part in a 1:1 (a bot or a deactivated account).`);
  if (rep.managerId !== manager.id && !isAdmin(manager)) throw new AppError('not_allowed', NOT_YOURS);
}

export type TScheduleResult = { summary: TOneOnOneSummary; repSummary: TOneOnOneSummary; changed: boolean; rep: TPersonRow };

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

/** Cancels the 1:1 with a rep; undefined when there was none. */
export function cancelOneOnOneWith(db: TDb, manager: TPersonRow, rep: TPersonRow, now: Date): TOneOnOneSummary | undefined {
  const row = findOneOnOne(db, manager.id, rep.id);
  // Whoever holds a 1:1 may always end it, even after the rep moved to another team.
  if (!row) {
    assertMayScheduleWith(manager, rep);
    return undefined;
  }
  cancelOneOnOne(db, row.id, now);
  return summarize(row, 'manager', rep, manager.tz, now);
}

/** Every active 1:1 the person takes part in, soonest first, as they see it. */
export function listMyOneOnOnes(db: TDb, person: TPersonRow, now: Date): TOneOnOneSummary[] {
  return listOneOnOnesOf(db, person.id)
    .flatMap((row) => {
      const role = row.managerId === person.id ? 'manager' : 'rep';
      const other = findPersonById(db, role === 'manager' ? row.repId : row.managerId);
      return other && !other.isDeleted ? [summarize(row, role, other, person.tz, now)] : [];
    })
    .sort((a, b) => a.nextStart.getTime() - b.nextStart.getTime());
}

export function summarize(row: TOneOnOneRow, role: 'manager' | 'rep', other: TPersonRow, viewerTz: string, now: Date): TOneOnOneSummary {
  const next = nextOccurrence(row, DateTime.fromJSDate(now, { zone: row.tz }));
  return {
    id: row.id,
    role,
    other: { slackUserId: other.slackUserId, name: other.name },
    scheduleText: `${describeRecurrence(row)} (${row.tz})`,
    managerTz: row.tz,
    nextStart: next.toJSDate(),
    nextText: formatMeetingTime(next, viewerTz),
  };
}
