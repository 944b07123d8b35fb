import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { ensureMeeting, findMeetingAt, findOneOnOne } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { nextOccurrence, previousOccurrence } from '../../domain/schedule';
import { isAdmin } from '../teams/authorize';
import { type TBriefMeeting } from './build-manager-brief';

/** A meeting that started less than this long ago is still "the" meeting: its notes can be logged from the brief. */
export const JUST_STARTED_MS = 3 * 60 * 60 * 1000;

/** How long after a meeting without notes `/brief` still offers to log them for it. */
export const NOTES_PENDING_MS = 30 * 60 * 60 * 1000;

// The same words for the rep themself, a peer and a stranger (and as `/brief` answers for an unknown user):
// a refusal must not say whether the person exists.
export const NOT_ALLOWED = 'Briefs are for the rep’s manager and admins. `/brief @rep` works for the reps on your team.';

/** `/brief @rep`: the rep's manager or an admin only — never the rep themself, a peer or another manager. */
export function canBrief(viewer: TPersonRow, rep: TPersonRow): boolean {
  if (viewer.workspaceId !== rep.workspaceId || viewer.id === rep.id) return false;
  return rep.managerId === viewer.id || isAdmin(viewer);
}

/**
 * The occurrence a brief on demand is about: of the viewer's own 1:1 with the rep, else the rep's manager's;
 * one that started within the last 3 hours (so notes can be logged right after), else the next one. Creates
 * the occurrence's row so the brief can offer "Log notes". Null when the rep has no 1:1.
 */
export async function findBriefMeeting(db: TDb, viewerId: number | null, rep: TPersonRow, now: Date): Promise<TBriefMeeting | null> {
  const own = viewerId !== null ? await findOneOnOne(db, viewerId, rep.id) : undefined;
  const row = own ?? (rep.managerId !== null ? await findOneOnOne(db, rep.managerId, rep.id) : undefined);
  if (!row) return null;
  const at = DateTime.fromJSDate(now, { zone: row.tz });
  const previous = previousOccurrence(row, at);
  const justStarted = previous !== null && at.toMillis() - previous.toMillis() <= JUST_STARTED_MS;
  // Later the same day or the next, a meeting whose notes aren't logged yet is still the one to log them for.
  const notesPending = previous !== null && at.toMillis() - previous.toMillis() <= NOTES_PENDING_MS && !(await findMeetingAt(db, row.id, previous.toJSDate()))?.notesLoggedAt;
  const start = justStarted || notesPending ? previous : nextOccurrence(row, at);
  const meeting = await ensureMeeting(db, row.id, start.toJSDate());
  return { oneOnOneId: row.id, meetingId: meeting.id, startsAt: meeting.startsAt };
}
