import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findLastHeldMeeting, findOneOnOne, findOneOnOneById, insertAgendaItem, listAgendaFor, listOneOnOnesOf, type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { findPersonById, findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { AGENDA_TEXT_MAX } from '../../domain/limits';
import { previousOccurrence } from '../../domain/schedule';
import type { TAgendaView } from '../../slack/blocks/view-models/one-on-ones';
import { summarize } from './manage-one-on-ones';

const NO_ONE_ON_ONE = "You don't have a 1:1 scheduled yet. Your manager can set one up with `/coach 1on1 @you weekly tue 10:00`.";

/**
 * Adds a topic to the next 1:1. A rep adds to the 1:1 with their manager; a manager names the rep
 * (`/coach agenda @rep …`). The item stays on the agenda until that meeting has started.
 */
export function addAgendaItem(db: TDb, author: TPersonRow, input: { withSlackUserId?: string; oneOnOneId?: number; text: string }, now: Date): TAgendaView {
  const text = input.text.trim();
  if (text === '') throw new AppError('bad_input', 'What would you like to talk about? `/coach agenda pricing for the Acme renewal`');
  if (text.length > AGENDA_TEXT_MAX) {
    throw new AppError('bad_input', `That's ${text.length.toLocaleString('en-US')} characters — keep an agenda item under ${AGENDA_TEXT_MAX.toLocaleString('en-US')} and put the detail in the meeting.`);
  }
  const row = findAuthorsOneOnOne(db, author, input);
  insertAgendaItem(db, { oneOnOneId: row.id, authorId: author.id, text }, now);
  return agendaView(db, row, author, now);
}

/** The agenda of the person's next 1:1 (the one named, or with the person mentioned, or the rep's with their manager). */
export function getAgenda(db: TDb, viewer: TPersonRow, input: { withSlackUserId?: string; oneOnOneId?: number }, now: Date): TAgendaView {
  return agendaView(db, findAuthorsOneOnOne(db, viewer, input), viewer, now);
}

function findAuthorsOneOnOne(db: TDb, person: TPersonRow, input: { withSlackUserId?: string; oneOnOneId?: number }): TOneOnOneRow {
  if (input.oneOnOneId !== undefined) {
    const row = findOneOnOneById(db, input.oneOnOneId);
    if (!row || row.cancelledAt || (row.managerId !== person.id && row.repId !== person.id)) {
      throw new AppError('not_found', "That 1:1 isn't scheduled any more — `/coach agenda` shows your current one.");
    }
    return row;
  }
  if (input.withSlackUserId) {
    const other = findPersonBySlackId(db, person.workspaceId, input.withSlackUserId);
    const row = other && (findOneOnOne(db, person.id, other.id) ?? findOneOnOne(db, other.id, person.id));
    if (!row) throw new AppError('not_found', "You don't have a 1:1 with them yet. A manager schedules one with `/coach 1on1 @rep weekly tue 10:00`.");
    return row;
  }
  const mine = listOneOnOnesOf(db, person.id);
  const asRep = mine.filter((row) => row.repId === person.id);
  const withManager = asRep.find((row) => row.managerId === person.managerId) ?? asRep[0];
  if (withManager) return withManager;
  if (mine.length > 0) throw new AppError('bad_input', 'Whose 1:1 is it for? Mention them: `/coach agenda @rep pipeline review`.');
  throw new AppError('not_found', NO_ONE_ON_ONE);
}

/**
 * Where the agenda of the meeting at or after `at` starts: the previous occurrence, or — when the schedule was
 * just made or changed and has none yet — the last meeting held under it, so older topics don't come back.
 */
export function agendaSince(db: TDb, row: TOneOnOneRow, at: DateTime): Date | null {
  const previous = previousOccurrence(row, at);
  if (previous) return previous.toJSDate();
  return findLastHeldMeeting(db, row.id, at.toJSDate())?.startsAt ?? null;
}

function agendaView(db: TDb, row: TOneOnOneRow, viewer: TPersonRow, now: Date): TAgendaView {
  const role = row.managerId === viewer.id ? 'manager' : 'rep';
  const other = findPersonById(db, role === 'manager' ? row.repId : row.managerId);
  if (!other) throw new AppError('not_found', NO_ONE_ON_ONE);
  const since = agendaSince(db, row, DateTime.fromJSDate(now, { zone: row.tz }));
  const names = new Map<number, string>([
    [viewer.id, viewer.name],
    [other.id, other.name],
  ]);
  const items = listAgendaFor(db, row.id, { since }).map((item) => ({
    id: item.id,
    text: item.text,
    authorName: names.get(item.authorId) ?? findPersonById(db, item.authorId)?.name ?? 'someone',
    mine: item.authorId === viewer.id,
  }));
  return { oneOnOne: summarize(row, role, other, viewer.tz, now), items };
}
