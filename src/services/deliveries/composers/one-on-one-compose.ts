import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { findLatestTierSnapshot } from '../../../../db/repositories/coaching-snapshots';
import type { TDeliveryRow } from '../../../../db/repositories/deliveries';
import { findMeetingById, findOneOnOneById, listAgendaFor, type TMeetingRow, type TOneOnOneRow } from '../../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../../db/repositories/people';
import { decideAgendaReminderAtSend, decideBrief, type TDecision, unsolicitedBudget } from '../../../domain/delivery-rules';
import { readPreferences, workingHoursOf } from '../../../domain/preferences';
import { formatMeetingTime, isWithinWorkingHours, occurrencesBetween } from '../../../domain/schedule';
import { agendaSince } from '../../one-on-ones/agenda-rules';
import { canViewRep } from '../../teams/authorize';
import { awayStatusOf, briefHeldBack, holidayAt, policyPersonOf } from '../policy-person';
import { getCoachingSettings } from '../../setup/coaching-settings';
import { renderAgendaReminder } from '../../../slack/blocks/agenda-reminder';
import { renderBrief } from '../../../slack/blocks/brief';
import { withBriefDeliveryNote } from '../../../slack/blocks/delivery-notes';
import { buildManagerBrief } from '../../briefs/build-manager-brief';
import type { TComposed, TComposer } from '../types';

const LATE_GRACE_MS = 30 * 60_000;

type TSubject = { meeting: TMeetingRow; oneOnOne: TOneOnOneRow; manager: TPersonRow; rep: TPersonRow };

/**
 * A brief or an agenda reminder, built at send time from the data as it is now (the agenda may have grown
 * since it was planned), or why it should not go out after all: the meeting started, the 1:1 was cancelled
 * or moved, someone left.
 */
export const composeOneOnOneDelivery: TComposer = async (db, row, recipient, now) => {
  const subject = await findSubject(db, row);
  if (typeof subject === 'string') return { action: 'skip', reason: subject };
  const facts = { now: DateTime.fromJSDate(now, { zone: 'utc' }), dueAt: DateTime.fromJSDate(row.dueAt ?? now, { zone: 'utc' }), meetingStart: DateTime.fromJSDate(subject.meeting.startsAt, { zone: 'utc' }) };
  const person = (p: TPersonRow) => ({ name: p.name || p.slackUserId, isBot: p.isBot, isDeleted: p.isDeleted });
  const { manager, rep, oneOnOne, meeting } = subject;
  const defaults = (await getCoachingSettings(db, manager.workspaceId)).preferenceDefaults;

  if (row.kind === 'brief') {
    const decision = decideBrief({ ...facts, manager: { ...person(manager), tz: manager.tz }, rep: person(rep) });
    if (decision.status !== 'pending') return skip(decision);
    const held = briefHeldBack(manager, facts.now, defaults);
    if (held) return { action: 'skip', reason: held };
    // A brief held up (an outage, a backlog) is not worth a message at night: its time was within working hours.
    const late = facts.now.toMillis() - facts.dueAt.toMillis() > LATE_GRACE_MS;
    if (late && !isWithinWorkingHours(facts.now, manager.tz, workingHoursOf(readPreferences(manager.preferences, defaults)))) {
      return { action: 'skip', reason: `skipped: too late, and outside ${manager.name || 'the manager'}'s working hours` };
    }
    const view = await buildManagerBrief(db, { rep, manager, now, meeting: { oneOnOneId: oneOnOne.id, meetingId: meeting.id, startsAt: meeting.startsAt } });
    const message = withBriefDeliveryNote(renderBrief(view), { repName: rep.name || rep.slackUserId, leadMinutes: readPreferences(manager.preferences).briefLeadMinutes });
    return { action: 'send', recipient, message };
  }
  if (row.kind === 'agenda_reminder') {
    const tier = (await findLatestTierSnapshot(db, rep.id, now))?.tier ?? null;
    const hours = workingHoursOf(readPreferences(rep.preferences, defaults));
    // Asked again at send time: a pause or an away status set since planning holds it (the budget was spent at planning).
    const policyRep = policyPersonOf(rep, tier, defaults);
    const decision = decideAgendaReminderAtSend({
      ...facts,
      rep: { ...person(rep), tz: rep.tz, hours, tier, preferences: policyRep.preferences, status: awayStatusOf(rep) },
      manager: person(manager),
      holidayName: holidayAt(policyRep, DateTime.max(facts.now, facts.dueAt)),
    });
    if (decision.status !== 'pending') return skip(decision);
    const start = DateTime.fromJSDate(meeting.startsAt, { zone: oneOnOne.tz });
    const since = await agendaSince(db, oneOnOne, start);
    const names = new Map([[rep.id, 'you'], [manager.id, manager.name]]);
    const agenda = await listAgendaFor(db, oneOnOne.id, { meetingId: meeting.id, since });
    const items = await Promise.all(
      agenda.map(async (item) => ({
        text: item.text,
        authorName: names.get(item.authorId) ?? (await findPersonById(db, item.authorId))?.name ?? 'someone',
        mine: item.authorId === rep.id,
      })),
    );
    const message = renderAgendaReminder({
      oneOnOneId: oneOnOne.id,
      manager: { slackUserId: manager.slackUserId, name: manager.name || manager.slackUserId },
      meetingText: formatMeetingTime(start, rep.tz),
      items,
      budget: unsolicitedBudget(tier),
    });
    return { action: 'send', recipient, message };
  }
  return { action: 'skip', reason: `skipped: '${row.kind}' is not a 1:1 delivery` };
};

/** The meeting a brief or reminder is about, if it is still on: not cancelled, not moved by a reschedule. */
async function findSubject(db: TDb, row: TDeliveryRow): Promise<TSubject | string> {
  const meeting = row.subjectId !== null ? await findMeetingById(db, row.subjectId) : undefined;
  const oneOnOne = meeting ? await findOneOnOneById(db, meeting.oneOnOneId) : undefined;
  if (!meeting || !oneOnOne) return 'skipped: the meeting no longer exists';
  if (oneOnOne.cancelledAt) return 'skipped: the 1:1 was cancelled';
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: oneOnOne.tz });
  const stillScheduled = meeting.startsAt >= oneOnOne.createdAt && occurrencesBetween(oneOnOne, start, start.plus({ milliseconds: 1 })).length === 1;
  if (!stillScheduled) return 'skipped: the 1:1 was rescheduled';
  const manager = await findPersonById(db, oneOnOne.managerId);
  const rep = await findPersonById(db, oneOnOne.repId);
  if (!manager || !rep) return 'skipped: the meeting no longer exists';
  if (!canViewRep(manager, rep)) return `skipped: ${manager.name || 'the manager'} no longer manages ${rep.name || 'the rep'}`;
  return { meeting, oneOnOne, manager, rep };
}

function skip(decision: TDecision): TComposed {
  return { action: 'skip', reason: decision.reason };
}
