import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import type { TMeetingNotesView } from '../../slack/blocks/view-models/one-on-ones';
import { meetingForManager, notesView } from './meeting-notes-rules';

/** What the notes modal shows: the meeting, its notes so far and its action items. */
export async function getMeetingNotes(db: TDb, viewer: TPersonRow, meetingId: number): Promise<TMeetingNotesView> {
  return notesView(db, await meetingForManager(db, viewer, meetingId), viewer);
}
