import type { TDb } from '../../../db/client';
import { insertAgendaItem } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { AGENDA_TEXT_MAX } from '../../domain/limits';
import type { TAgendaView } from '../../slack/blocks/view-models/one-on-ones';
import { findAuthorsOneOnOne, agendaView } from './agenda-rules';

/**
 * Adds a topic to the next 1:1. A rep adds to the 1:1 with their manager; a manager names the rep
 * (`/coach agenda @rep …`). The item stays on the agenda until that meeting has started.
 */
export async function addAgendaItem(db: TDb, author: TPersonRow, input: { withSlackUserId?: string; oneOnOneId?: number; text: string }, now: Date): Promise<TAgendaView> {
  const text = input.text.trim();
  if (text === '') throw new AppError('bad_input', 'What would you like to talk about? `/coach agenda pricing for the Acme renewal`');
  if (text.length > AGENDA_TEXT_MAX) {
    throw new AppError('bad_input', `That's ${text.length.toLocaleString('en-US')} characters — keep an agenda item under ${AGENDA_TEXT_MAX.toLocaleString('en-US')} and put the detail in the meeting.`);
  }
  const row = await findAuthorsOneOnOne(db, author, input);
  await insertAgendaItem(db, { oneOnOneId: row.id, authorId: author.id, text }, now);
  return agendaView(db, row, author, now);
}
