import { type TDb, writeTransaction } from '../../../db/client';
import {
  attachAgendaItems,
  insertActionItems,
  listActionItemsOfMeeting,
  saveMeetingNotes as saveNotesRow,
} from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { ACTION_ITEM_TEXT_MAX, NOTES_MAX } from '../../domain/limits';
import { TNewActionItem, meetingForManager, notesView } from './meeting-notes-rules';

/**
 * Saves the manager's private notes and the shared action items of one meeting, and files the agenda
 * items that were up for it under it. Submitting the modal again adds only items not already there.
 */
export async function saveMeetingNotes(db: TDb, viewer: TPersonRow, meetingId: number, input: { notes: string; items: readonly TNewActionItem[] }, now: Date) {
  const context = await meetingForManager(db, viewer, meetingId);
  const { meeting, oneOnOne, rep, manager } = context;
  const created = await writeTransaction(db, async (tx) => {
    await saveNotesRow(tx, meeting.id, input.notes.trim() === '' ? null : input.notes.trim().slice(0, NOTES_MAX), now);
    // Topics added after the meeting started are for the next one, however late the notes are logged.
    await attachAgendaItems(tx, oneOnOne.id, meeting.id, new Date(Math.min(now.getTime(), meeting.startsAt.getTime())));
    const existing = new Set((await listActionItemsOfMeeting(tx, meeting.id)).map((item) => `${item.ownerId}\u0000${item.text}`));
    const fresh = input.items
      .map((item) => ({ ownerId: item.owner === 'rep' ? rep.id : manager.id, text: item.text.trim().slice(0, ACTION_ITEM_TEXT_MAX), dueDate: item.dueDate }))
      .filter((item) => item.text !== '' && !existing.has(`${item.ownerId}\u0000${item.text}`));
    return insertActionItems(tx, meeting.id, fresh, now);
  });
  const view = await notesView(db, context, viewer);
  const createdIds = new Set(created.map((item) => item.id));
  return { view, created: view.actionItems.filter((item) => createdIds.has(item.id)), rep, manager };
}
