import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import {
  attachAgendaItems,
  findMeetingById,
  findOneOnOneById,
  insertActionItems,
  listActionItemsOfMeeting,
  saveMeetingNotes as saveNotesRow,
  type TMeetingRow,
  type TOneOnOneRow,
} from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { ACTION_ITEM_TEXT_MAX, NOTES_MAX } from '../../domain/limits';
import { formatMeetingTime } from '../../domain/schedule';
import type { TActionItemView, TMeetingNotesView } from '../../slack/blocks/view-models/one-on-ones';

export type TNewActionItem = { text: string; owner: 'rep' | 'manager'; dueDate: string | null };

type TMeetingContext = { meeting: TMeetingRow; oneOnOne: TOneOnOneRow; rep: TPersonRow; manager: TPersonRow };

const GONE = "That meeting isn't in Canopy any more (its 1:1 was removed).";

/** The meeting behind a "Log notes" button, for its manager (or an admin) only: notes are private to the manager. */
function meetingForManager(db: TDb, viewer: TPersonRow, meetingId: number): TMeetingContext {
  const context = meetingContext(db, meetingId);
  // Not even an admin: the notes are the manager's own.
  if (context.manager.id !== viewer.id) throw new AppError('not_allowed', 'Only the manager who holds this 1:1 can log its notes.');
  return context;
}

export function meetingContext(db: TDb, meetingId: number): TMeetingContext {
  const meeting = findMeetingById(db, meetingId);
  const oneOnOne = meeting && findOneOnOneById(db, meeting.oneOnOneId);
  const rep = oneOnOne && findPersonById(db, oneOnOne.repId);
  const manager = oneOnOne && findPersonById(db, oneOnOne.managerId);
  if (!meeting || !oneOnOne || !rep || !manager) throw new AppError('not_found', GONE);
  return { meeting, oneOnOne, rep, manager };
}

/** What the notes modal shows: the meeting, its notes so far and its action items. */
export function getMeetingNotes(db: TDb, viewer: TPersonRow, meetingId: number): TMeetingNotesView {
  return notesView(db, meetingForManager(db, viewer, meetingId), viewer);
}

/**
 * Saves the manager's private notes and the shared action items of one meeting, and files the agenda
 * items that were up for it under it. Submitting the modal again adds only items not already there.
 */
export function saveMeetingNotes(db: TDb, viewer: TPersonRow, meetingId: number, input: { notes: string; items: readonly TNewActionItem[] }, now: Date) {
  const context = meetingForManager(db, viewer, meetingId);
  const { meeting, oneOnOne, rep, manager } = context;
  const created = writeTransaction(db, (tx) => {
    saveNotesRow(tx, meeting.id, input.notes.trim() === '' ? null : input.notes.trim().slice(0, NOTES_MAX), now);
    // Topics added after the meeting started are for the next one, however late the notes are logged.
    attachAgendaItems(tx, oneOnOne.id, meeting.id, new Date(Math.min(now.getTime(), meeting.startsAt.getTime())));
    const existing = new Set(listActionItemsOfMeeting(tx, meeting.id).map((item) => `${item.ownerId}\u0000${item.text}`));
    const fresh = input.items
      .map((item) => ({ ownerId: item.owner === 'rep' ? rep.id : manager.id, text: item.text.trim().slice(0, ACTION_ITEM_TEXT_MAX), dueDate: item.dueDate }))
      .filter((item) => item.text !== '' && !existing.has(`${item.ownerId}\u0000${item.text}`));
    return insertActionItems(tx, meeting.id, fresh, now);
  });
  const view = notesView(db, context, viewer);
  const createdIds = new Set(created.map((item) => item.id));
  return { view, created: view.actionItems.filter((item) => createdIds.has(item.id)), rep, manager };
}

function notesView(db: TDb, { meeting, rep, manager }: TMeetingContext, viewer: TPersonRow): TMeetingNotesView {
  return {
    meetingId: meeting.id,
    startsText: formatMeetingTime(DateTime.fromJSDate(meeting.startsAt), viewer.tz),
    rep: { slackUserId: rep.slackUserId, name: rep.name },
    manager: { slackUserId: manager.slackUserId, name: manager.name },
    notes: meeting.notes ?? '',
    actionItems: listActionItemsOfMeeting(db, meeting.id).map((item) => actionItemView(item, rep, manager)),
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
