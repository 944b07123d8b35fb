import type { TDb } from '../../../db/client';
import { findOneOnOneById } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { buildManagerBrief } from './build-manager-brief';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { NOT_ALLOWED, canBrief, findBriefMeeting } from './brief-meeting';

/** The pre-1:1 brief on demand (`/brief @rep`), for the rep's manager or an admin. */
export async function getBriefOnDemand(db: TDb, viewer: TPersonRow, rep: TPersonRow, now: Date): Promise<TBriefView> {
  if (!canBrief(viewer, rep)) throw new AppError('not_allowed', NOT_ALLOWED);
  const meeting = await findBriefMeeting(db, viewer.id, rep, now);
  // "Log notes" only for the manager who holds the 1:1: the notes are private to them, even from admins.
  const holdsIt = meeting !== null && (await findOneOnOneById(db, meeting.oneOnOneId))?.managerId === viewer.id;
  return buildManagerBrief(db, { rep, manager: viewer, now, meeting: meeting && !holdsIt ? { ...meeting, meetingId: null } : meeting });
}
