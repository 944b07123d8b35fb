import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findLastHeldMeeting, findOneOnOne, findOneOnOneById, listAgendaFor, listOneOnOnesOf, type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { findPersonById, findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { previousOccurrence } from '../../domain/schedule';
import type { TAgendaView } from '../../slack/blocks/view-models/one-on-ones';
import { summarize } from './one-on-one-summary';

export const NO_ONE_ON_ONE = "You don't have a 1:1 scheduled yet. Your manager can set one up with `/coach 1on1 @you weekly tue 10:00`.";

export async function findAuthorsOneOnOne(db: TDb, person: TPersonRow, input: { withSlackUserId?: string; oneOnOneId?: number }): Promise<TOneOnOneRow> {
  if (input.oneOnOneId !== undefined) {
    const row = await findOneOnOneById(db, input.oneOnOneId);
    if (!row || row.cancelledAt || (row.managerId !== person.id && row.repId !== person.id)) {
      throw new AppError('not_found', "That 1:1 isn't scheduled any more — `/coach agenda` shows your current one.");
    }
    return row;
  }
  if (input.withSlackUserId) {
    const other = await findPersonBySlackId(db, person.workspaceId, input.withSlackUserId);
    const row = other && ((await findOneOnOne(db, person.id, other.id)) ?? (await findOneOnOne(db, other.id, person.id)));
    if (!row) throw new AppError('not_found', "You don't have a 1:1 with them yet. A manager schedules one with `/coach 1on1 @rep weekly tue 10:00`.");
    return row;
  }
  const mine = await listOneOnOnesOf(db, person.id);
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
export async function agendaSince(db: TDb, row: TOneOnOneRow, at: DateTime): Promise<Date | null> {
  const previous = previousOccurrence(row, at);
  if (previous) return previous.toJSDate();
  return (await findLastHeldMeeting(db, row.id, at.toJSDate()))?.startsAt ?? null;
}

export async function agendaView(db: TDb, row: TOneOnOneRow, viewer: TPersonRow, now: Date): Promise<TAgendaView> {
  const role = row.managerId === viewer.id ? 'manager' : 'rep';
  const other = await findPersonById(db, role === 'manager' ? row.repId : row.managerId);
  if (!other) throw new AppError('not_found', NO_ONE_ON_ONE);
  const since = await agendaSince(db, row, DateTime.fromJSDate(now, { zone: row.tz }));
  const names = new Map<number, string>([
    [viewer.id, viewer.name],
    [other.id, other.name],
  ]);
  const items = await Promise.all(
    (await listAgendaFor(db, row.id, { since })).map(async (item) => ({
      id: item.id,
      text: item.text,
      authorName: names.get(item.authorId) ?? (await findPersonById(db, item.authorId))?.name ?? 'someone',
      mine: item.authorId === viewer.id,
    })),
  );
  return { oneOnOne: summarize(row, role, other, viewer.tz, now), items };
}
