import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { countUnsolicited } from '../../../db/repositories/deliveries';
import { ensureMeeting, listActiveOneOnOnes, type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TTier } from '../../domain/coaching/tiers';
import { budgetWindow, decideAgendaReminder, decideBrief, deliveriesDueBetween, type TDecision, type TDeliveryTime, unsolicitedBudget } from '../../domain/delivery-rules';
import { readPreferences, workingHoursOf } from '../../domain/preferences';
import type { TPlanCandidate, TPlanSource } from './types';

type TOneOnOneCandidate = TDeliveryTime & { workspaceId: string; oneOnOne: TOneOnOneRow; manager: TPersonRow; rep: TPersonRow; repTier: TTier | null };

/** The key of a 1:1 occurrence's brief or reminder: the meeting instant and the 1:1 (a rep may have 1:1s with two people at one time). */
export function deliveryPeriodKey(meetingStart: Date, oneOnOneId: number): string {
  return `${meetingStart.toISOString()}/${oneOnOneId}`;
}

/**
 * Briefs (to the manager, before each meeting, within their working hours) and agenda reminders (to the
 * rep, the working day before) of every active 1:1 of the workspace.
 */
export const oneOnOneSource: TPlanSource = (db, { workspaceId, now, from, to, problems }) =>
  gatherCandidates(db, workspaceId, now, from, to, problems).map((c): TPlanCandidate => ({
    workspaceId,
    kind: c.kind,
    recipient: c.kind === 'brief' ? c.manager : c.rep,
    periodKey: deliveryPeriodKey(c.meetingStart.toJSDate(), c.oneOnOne.id),
    dueAt: c.dueAt,
    resolve: (tx, at) => ({ subjectId: ensureMeeting(tx, c.oneOnOne.id, c.meetingStart.toJSDate()).id, decision: decide(tx, c, at) }),
  }));

function gatherCandidates(db: TDb, workspaceId: string, nowDate: Date, from: DateTime, to: DateTime, problems: { subject: string; message: string }[]): TOneOnOneCandidate[] {
  const candidates: TOneOnOneCandidate[] = [];
  const tiers = new Map<number, TTier | null>();
  for (const oneOnOne of listActiveOneOnOnes(db, workspaceId)) {
    const manager = findPersonById(db, oneOnOne.managerId);
    const rep = findPersonById(db, oneOnOne.repId);
    if (!manager || !rep) continue;
    const managerPrefs = readPreferences(manager.preferences);
    const repPrefs = readPreferences(rep.preferences);
    let times: TDeliveryTime[];
    try {
      times = deliveriesDueBetween(
        {
          recurrence: oneOnOne,
          since: DateTime.fromJSDate(oneOnOne.createdAt, { zone: 'utc' }),
          manager: { tz: manager.tz, hours: workingHoursOf(managerPrefs), briefLeadMinutes: managerPrefs.briefLeadMinutes },
          rep: { tz: rep.tz, hours: workingHoursOf(repPrefs) },
        },
        from,
        to,
      );
    } catch (error) {
      problems.push({ subject: `1:1 #${oneOnOne.id}`, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const time of times) {
      if (time.kind === 'agenda_reminder' && !tiers.has(rep.id)) tiers.set(rep.id, findLatestTierSnapshot(db, rep.id, nowDate)?.tier ?? null);
      candidates.push({ ...time, workspaceId, oneOnOne, manager, rep, repTier: tiers.get(rep.id) ?? null });
    }
  }
  return candidates;
}

function decide(tx: TDb, c: TOneOnOneCandidate, now: DateTime): TDecision {
  const person = (p: TPersonRow) => ({ name: p.name || p.slackUserId, isBot: p.isBot, isDeleted: p.isDeleted });
  if (c.kind === 'brief') {
    return decideBrief({ now, dueAt: c.dueAt, meetingStart: c.meetingStart, manager: { ...person(c.manager), tz: c.manager.tz }, rep: person(c.rep) });
  }
  const budget = unsolicitedBudget(c.repTier);
  const window = budgetWindow(c.dueAt, c.rep.tz, budget.per);
  return decideAgendaReminder({
    now,
    dueAt: c.dueAt,
    meetingStart: c.meetingStart,
    rep: { ...person(c.rep), tz: c.rep.tz, hours: workingHoursOf(readPreferences(c.rep.preferences)), tier: c.repTier },
    manager: person(c.manager),
    unsolicitedSoFar: countUnsolicited(tx, c.rep.id, window.start.toJSDate(), window.end.toJSDate()),
  });
}
