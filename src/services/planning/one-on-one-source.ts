import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { ensureMeeting, listActiveOneOnOnes, type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TTier } from '../../domain/coaching/tiers';
import { decideAgendaReminder, decideBrief, deliveriesDueBetween, type TDecision, type TDeliveryTime } from '../../domain/delivery-rules';
import { readPreferences, workingHoursOf } from '../../domain/preferences';
import { canViewRep } from '../authorize';
import { holidayAt, policyPersonOf, unsolicitedCounts } from '../policy-person';
import type { TPlanCandidate, TPlanSource } from './types';

type TOneOnOneCandidate = TDeliveryTime & { workspaceId: string; oneOnOne: TOneOnOneRow; manager: TPersonRow; rep: TPersonRow; repTier: TTier | null };

/**
 * The key of a 1:1 occurrence's brief or reminder: the meeting instant and the 1:1 (a rep may have 1:1s with
 * two people at one time), plus the schedule's version, so a slot that was cancelled or moved away and comes
 * back is planned afresh rather than found already skipped.
 */
export function deliveryPeriodKey(meetingStart: Date, oneOnOne: Pick<TOneOnOneRow, 'id' | 'createdAt'>): string {
  return `${meetingStart.toISOString()}/${oneOnOne.id}.${oneOnOne.createdAt.getTime()}`;
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
    periodKey: deliveryPeriodKey(c.meetingStart.toJSDate(), c.oneOnOne),
    dueAt: c.dueAt,
    resolve: (tx, at) => ({ subjectId: ensureMeeting(tx, c.oneOnOne.id, c.meetingStart.toJSDate()).id, decision: decide(tx, c, at) }),
  }));

function gatherCandidates(db: TDb, workspaceId: string, nowDate: Date, from: DateTime, to: DateTime, problems: { subject: string; message: string }[]): TOneOnOneCandidate[] {
  const candidates: TOneOnOneCandidate[] = [];
  const tiers = new Map<number, TTier | null>();
  for (const oneOnOne of listActiveOneOnOnes(db, workspaceId)) {
    const manager = findPersonById(db, oneOnOne.managerId);
    const rep = findPersonById(db, oneOnOne.repId);
    // A manager who no longer manages the rep (moved to another team, lost admin) gets no more briefs about them.
    if (!manager || !rep || !canViewRep(manager, rep)) continue;
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
  const rep = policyPersonOf(c.rep, c.repTier);
  // Judged at the instant it would go out: its due time, or now for a late run catching up.
  const at = DateTime.max(now, c.dueAt);
  return decideAgendaReminder({
    now,
    dueAt: c.dueAt,
    meetingStart: c.meetingStart,
    rep: { ...person(c.rep), tz: c.rep.tz, hours: workingHoursOf(rep.preferences), tier: c.repTier, preferences: rep.preferences, status: rep.status },
    manager: person(c.manager),
    holidayName: holidayAt(rep, at),
    counts: unsolicitedCounts(tx, c.rep.id, c.rep.tz, at),
  });
}
