import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { listLatestTiers } from '../../../../db/repositories/coaching-snapshots';
import { ensureMeeting, listActiveOneOnOnes, type TOneOnOneRow } from '../../../../db/repositories/one-on-ones';
import type { TPersonRow } from '../../../../db/repositories/people';
import type { TTier } from '../../../domain/coaching/tiers';
import { decideAgendaReminder, decideBrief, deliveriesDueBetween, type TDecision, type TDeliveryTime, type TOneOnOneTimingSteps } from '../../../domain/delivery-rules';
import { agendaReminderDueAt, briefDueAt, occurrencesBetween, type TWorkingHours } from '../../../domain/schedule';
import { readPreferences, type TPreferences, workingHoursOf } from '../../../domain/preferences';
import { canViewRep } from '../../teams/authorize';
import { budgetCounts, briefHeldBack, holidayAt, policyPersonOf, scheduledAheadOf } from '../policy-person';
import { budgetWindowsAt } from './checkin-nudge-reps';
import { countUnsolicitedAround } from '../../../../db/repositories/planning-facts';
import type { TPlanCandidate, TPlanMemo, TPlanSource, TPlanSourceContext } from '../types';
import { workspacePeople, workspaceSettings } from './workspace-facts';

const EPOCH = DateTime.fromMillis(0, { zone: 'utc' });

type TOneOnOneCandidate = TDeliveryTime & {
  workspaceId: string;
  oneOnOne: TOneOnOneRow;
  manager: TPersonRow;
  rep: TPersonRow;
  repTier: TTier | null;
  defaults: Partial<TPreferences>;
  managerPrefs: TPreferences;
  repPrefs: TPreferences;
};

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
export const oneOnOneSource: TPlanSource = async (db, context) =>
  (await gatherCandidates(db, context)).map((c): TPlanCandidate => ({
    workspaceId: context.workspaceId,
    kind: c.kind,
    recipient: c.kind === 'brief' ? c.manager : c.rep,
    periodKey: deliveryPeriodKey(c.meetingStart.toJSDate(), c.oneOnOne),
    dueAt: c.dueAt,
    meeting: { oneOnOneId: c.oneOnOne.id, startsAt: c.meetingStart.toJSDate() },
    resolve: async (tx, at, meetingId) => ({ subjectId: meetingId ?? (await ensureMeeting(tx, c.oneOnOne.id, c.meetingStart.toJSDate())).id, decision: await decide(tx, c, at) }),
  }));

async function gatherCandidates(db: TDb, context: TPlanSourceContext): Promise<TOneOnOneCandidate[]> {
  const { workspaceId, now: nowDate, from, to, problems, memo } = context;
  const candidates: TOneOnOneCandidate[] = [];
  const remindedReps = new Set<number>();
  // Every 5 minutes over thousands of 1:1s: people are read once, each distinct settings JSON is parsed once,
  // and the zone arithmetic runs once per distinct schedule (same day, time, zones, hours and lead) in the whole
  // run: the key holds nothing of the workspace, so a hundred workspaces share their schedules' answers.
  const people = new Map((await workspacePeople(db, context)).map((p) => [p.id, p]));
  const preferencesByJson = new Map<string, TPreferences>();
  // The workspace's working week and holidays for what people never set (`/coach setup`).
  const defaults = (await workspaceSettings(db, context)).preferenceDefaults;
  // A person is in many 1:1s (a manager in nineteen): their settings, and their part of the schedule key (zone
  // and working hours), are worked out once.
  const byPerson = new Map<number, { preferences: TPreferences; hoursKey: string }>();
  const settingsOf = (p: TPersonRow) => {
    let known = byPerson.get(p.id);
    if (known) return known;
    const json = JSON.stringify(p.preferences ?? {});
    let preferences = preferencesByJson.get(json);
    if (!preferences) preferencesByJson.set(json, (preferences = readPreferences(p.preferences, defaults)));
    const hours = workingHoursOf(preferences);
    byPerson.set(p.id, (known = { preferences, hoursKey: `${p.tz}|${hours.days.join(',')}|${hours.start}|${hours.end}` }));
    return known;
  };
  for (const oneOnOne of await listActiveOneOnOnes(db, workspaceId)) {
    const manager = people.get(oneOnOne.managerId);
    const rep = people.get(oneOnOne.repId);
    // A manager who no longer manages the rep (moved to another team, lost admin) gets no more briefs about them.
    if (!manager || !rep || !canViewRep(manager, rep)) continue;
    const managerSettings = settingsOf(manager);
    const repSettings = settingsOf(rep);
    const managerPrefs = managerSettings.preferences;
    const repPrefs = repSettings.preferences;
    // The schedule: the 1:1's recurrence, the manager's zone, hours and lead, the rep's zone and hours.
    const key = `1:1|${oneOnOne.cadence}|${oneOnOne.weekday}|${oneOnOne.localTime}|${oneOnOne.tz}|${oneOnOne.anchorDate}|${managerSettings.hoursKey}|${managerPrefs.briefLeadMinutes}|${repSettings.hoursKey}`;
    const times = memo(key, (): TDeliveryTime[] | Error => {
      const managerHours = workingHoursOf(managerPrefs);
      const repHours = workingHoursOf(repPrefs);
      try {
        const timing = { recurrence: oneOnOne, since: EPOCH, manager: { tz: manager.tz, hours: managerHours, briefLeadMinutes: managerPrefs.briefLeadMinutes }, rep: { tz: rep.tz, hours: repHours } };
        return deliveriesDueBetween(timing, from, to, timingSteps(memo));
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    if (times instanceof Error) {
      problems.push({ subject: `1:1 #${oneOnOne.id}`, message: times.message });
      continue;
    }
    // Never a meeting from before the schedule was made (or last changed).
    const since = oneOnOne.createdAt.getTime();
    for (const time of times) {
      if (time.meetingStart.toMillis() < since) continue;
      if (time.kind === 'agenda_reminder') remindedReps.add(rep.id);
      candidates.push({ ...time, workspaceId, oneOnOne, manager, rep, repTier: null, defaults, managerPrefs, repPrefs });
    }
  }
  // The tiers of the reps with a reminder (the policy's budget depends on it), in one statement for all of them.
  const tiers = await listLatestTiers(db, [...remindedReps], nowDate);
  for (const c of candidates) c.repTier = tiers.get(c.rep.id) ?? null;
  return candidates;
}

const hoursKey = (hours: TWorkingHours) => `${hours.days.join(',')}|${hours.start}|${hours.end}`;

/**
 * The schedule arithmetic of `deliveriesDueBetween`, memoised for the run: thousands of distinct (1:1, manager
 * zone, rep zone) schedules share a few hundred recurrences, and their briefs a few hundred (meeting, manager
 * hours) pairs. Each step depends only on its arguments (the meeting's instant, not its zone), so reuse is exact.
 */
function timingSteps(memo: TPlanMemo): TOneOnOneTimingSteps {
  return memo('1:1 timing steps', () => ({
    occurrencesBetween: (rec, from, to) =>
      memo(`occurrences|${rec.cadence}|${rec.weekday}|${rec.localTime}|${rec.tz}|${rec.anchorDate}|${from.toMillis()}|${to.toMillis()}`, () => occurrencesBetween(rec, from, to)),
    briefDueAt: (start, lead, tz, hours) => memo(`brief|${start.toMillis()}|${lead}|${tz}|${hoursKey(hours)}`, () => briefDueAt(start, lead, tz, hours)),
    agendaReminderDueAt: (start, tz, hours) => memo(`reminder|${start.toMillis()}|${tz}|${hoursKey(hours)}`, () => agendaReminderDueAt(start, tz, hours)),
  }));
}

async function decide(tx: TDb, c: TOneOnOneCandidate, now: DateTime): Promise<TDecision> {
  const person = (p: TPersonRow) => ({ name: p.name || p.slackUserId, isBot: p.isBot, isDeleted: p.isDeleted });
  if (c.kind === 'brief') {
    const decision = decideBrief({ now, dueAt: c.dueAt, meetingStart: c.meetingStart, manager: { ...person(c.manager), tz: c.manager.tz }, rep: person(c.rep) });
    const held = decision.status === 'pending' ? briefHeldBack(c.manager, DateTime.max(now, c.dueAt), c.defaults, c.managerPrefs) : null;
    return held ? { status: 'suppressed', reason: held } : decision;
  }
  const rep = policyPersonOf(c.rep, c.repTier, c.defaults, c.repPrefs);
  // Judged at the instant it would go out: its due time, or now for a late run catching up.
  const at = DateTime.max(now, c.dueAt);
  return decideAgendaReminder({
    now,
    dueAt: c.dueAt,
    meetingStart: c.meetingStart,
    rep: { ...person(c.rep), tz: c.rep.tz, hours: workingHoursOf(rep.preferences), tier: c.repTier, preferences: rep.preferences, status: rep.status },
    manager: person(c.manager),
    holidayName: holidayAt(rep, at),
    // The budget used around `at` (every unsolicited kind), recorded plus scheduled ahead; the windows memoised per zone and instant.
    counts: budgetCounts(await countUnsolicitedAround(tx, budgetWindowsAt(c.rep.id, c.rep.tz, at)), scheduledAheadOf(rep, at)),
  });
}
