import { DateTime } from 'luxon';
import { type TDb } from '../../../db/client';
import {
  findMeetingById,
  findOneOnOneById,
  listActionItemsOfMeeting,
  type TMeetingRow,
  type TOneOnOneRow,
} from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { formatMeetingTime } from '../../domain/schedule';
import type { TActionItemView, TMeetingNotesView } from '../../slack/blocks/view-models/one-on-ones';

export type TNewActionItem = { text: string; owner: 'rep' | 'manager'; dueDate: string | null };

export type TMeetingContext = { meeting: TMeetingRow; oneOnOne: TOneOnOneRow; rep: TPersonRow; manager: TPersonRow };

export const GONE = "That meeting isn't in Canopy any more (its 1:1 was removed).";

/** The meeting behind a "Log notes" button, for its manager (or an admin) only: notes are private to the manager. */
export async function meetingForManager(db: TDb, viewer: TPersonRow, meetingId: number): Promise<TMeetingContext> {
  const context = await meetingContext(db, meetingId);
  // Not even an admin: the notes are the manager's own.
  if (context.manager.id !== viewer.id) throw new AppError('not_allowed', 'Only the manager who holds this 1:1 can log its notes.');
  return context;
}

export async function meetingContext(db: TDb, meetingId: number): Promise<TMeetingContext> {
  const meeting = await findMeetingById(db, meetingId);
  const oneOnOne = meeting && (await findOneOnOneById(db, meeting.oneOnOneId));
  const rep = oneOnOne && (await findPersonById(db, oneOnOne.repId));
  const manager = oneOnOne && (await findPersonById(db, oneOnOne.managerId));
  if (!meeting || !oneOnOne || !rep || !manager) throw new AppError('not_found', GONE);
  return { meeting, oneOnOne, rep, manager };
}

export async function notesView(db: TDb, { meeting, rep, manager }: TMeetingContext, viewer: TPersonRow): Promise<TMeetingNotesView> {
  return {
    meetingId: meeting.id,
    startsText: formatMeetingTime(DateTime.fromJSDate(meeting.startsAt), viewer.tz),
    rep: { slackUserId: rep.slackUserId, name: rep.name },
    manager: { slackUserId: manager.slackUserId, name: manager.name },
    notes: meeting.notes ?? '',
    actionItems: (await listActionItemsOfMeeting(db, meeting.id)).map((item) => actionItemView(item, rep, manager)),
  };
}

export function actionItemView(item: { id: number; ownerId: number; text: string; dueDate: string | null; doneAt: Date | null }, rep: TPersonRow, manager: TPersonRow): TActionItemView {
  const owner = item.ownerId === rep.id ? rep : manager;
  return {
    id: item.id,
    text: item.text,
    owner: owner === rep ? 'rep' : 'manager',
    ownerName: owner.name,
    ownerSlackUserId: owner.slackUserId,
    dueDate: item.dueDate,
    done: item.doneAt !== null,
  };
}
