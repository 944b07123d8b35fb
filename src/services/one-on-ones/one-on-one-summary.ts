import { DateTime } from 'luxon';
import { type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { describeRecurrence, formatMeetingTime, nextOccurrence } from '../../domain/schedule';
import type { TOneOnOneSummary } from '../../slack/blocks/view-models/one-on-ones';
import { isAdmin } from '../teams/authorize';

export const NOT_YOURS = "You can schedule 1:1s with the reps on your team. An admin can add them with `/coach team add @rep`.";

/** Only the rep's manager (or an admin) may schedule, change or cancel their 1:1; nobody holds one with themselves. */
export function assertMayScheduleWith(manager: TPersonRow, rep: TPersonRow): void {
  if (manager.workspaceId !== rep.workspaceId) throw new AppError('not_allowed', NOT_YOURS);
  if (manager.id === rep.id) throw new AppError('bad_input', 'A 1:1 takes two people — mention one of your reps.');
  if (rep.isBot || rep.isDeleted) throw new AppError('bad_input', `${rep.name || 'That account'} can't take part in a 1:1 (a bot or a deactivated account).`);
  if (rep.managerId !== manager.id && !isAdmin(manager)) throw new AppError('not_allowed', NOT_YOURS);
}

export type TScheduleResult = { summary: TOneOnOneSummary; repSummary: TOneOnOneSummary; changed: boolean; rep: TPersonRow };

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
