import { DateTime } from 'luxon';
import { listPlanningReps, type TBudgetWindows, type TPlanningRep } from '../../../../db/repositories/planning-facts';
import type { TDb } from '../../../../db/client';
import { planInstantsBetween, stillTimely, type TPlanInstant } from '../../../domain/checkin-nudge-schedule';
import { budgetWindow, type TDecision } from '../../../domain/delivery-rules';
import { checkinCadence, decideUnsolicited, tierAllowsNudges, type TPolicyDecision, type TPolicyInput, type TPolicyPerson, type TUnsolicited } from '../../../domain/nudge-policy';
import { readPreferences, type TPreferences, workingHoursOf } from '../../../domain/preferences';
import { holidayOn } from '../../settings/holidays';
import { awayStatusOf } from '../policy-person';
import type { TPlanSourceContext } from '../types';
import { workspacePeople, workspaceSettings } from './workspace-facts';

/*
 * What the check-in and nudge sources share: the workspace's reps read once (two statements), their settings
 * parsed once per distinct JSON, and the schedule computed once per distinct (zone, hours, check-in time,
 * cadence, holidays) in the run, whichever workspace asks: a team of thousands has a handful of distinct schedules.
 */

export type TScheduledRep = TPlanningRep & { policy: TPolicyPerson; instants: TPlanInstant[] };

export const TOO_LATE = "too late: outside the rep's working hours";

/** The workspace's reps with the instants in the window at which check-ins (`checkins`) or nudges (`nudges`) fall due. */
export async function scheduledReps(db: TDb, context: TPlanSourceContext, what: 'checkins' | 'nudges'): Promise<TScheduledRep[]> {
  const out: TScheduledRep[] = [];
  for (const rep of await loadedReps(db, context)) {
    const prefs = rep.policy.preferences;
    // For nudges the cadence is passed too: a check-in day has no behind-pace nudge (the check-in carries the pace note).
    const cadence = checkinCadence(rep.tier, prefs);
    // Autonomous reps get no nudges (SPEC §2): nothing to evaluate, nothing recorded.
    const nudges = what === 'nudges' && tierAllowsNudges(rep.tier);
    if (what === 'checkins' ? cadence === 'off' : !nudges) continue;
    const hours = workingHoursOf(prefs);
    const holidays = cadence === 'weekly' ? `${prefs.holidayCountry}/${prefs.holidayRegion}` : '';
    const key = ['schedule', what, rep.person.tz, hours.days.join(','), hours.start, hours.end, prefs.checkinTime, cadence, nudges, holidays].join('|');
    const instants = context.memo(key, (): TPlanInstant[] | Error => {
      try {
        const isHoliday = (date: string) => holidayOn(prefs.holidayCountry, prefs.holidayRegion, date) !== null;
        return planInstantsBetween({ tz: rep.person.tz, hours, checkinTime: prefs.checkinTime, checkins: cadence, nudges, isHoliday }, context.from, context.to);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    if (instants instanceof Error) {
      context.problems.push({ subject: `${what === 'checkins' ? 'check-ins' : 'nudges'} for ${rep.policy.name}`, message: instants.message });
      continue;
    }
    // Each source keeps its own kinds: the nudge schedule knows the check-ins only to keep pace nudges off their days.
    const mine = instants.filter((i) => (i.kind === 'checkin') === (what === 'checkins'));
    if (mine.length > 0) out.push({ ...rep, instants: mine });
  }
  return out;
}

export type TLoadedRep = TPlanningRep & { policy: TPolicyPerson };

/** The workspace's active reps as the policy sees them, read once per planner run (the check-in, nudge and review sources share them); settings parsed once per distinct JSON. */
export function loadedReps(db: TDb, context: TPlanSourceContext): Promise<TLoadedRep[]> {
  return context.memo(`checkin-nudge-reps|${context.workspaceId}`, () => readReps(db, context));
}

async function readReps(db: TDb, context: TPlanSourceContext): Promise<TLoadedRep[]> {
  const preferences = new Map<string, TPreferences>();
  const defaults = (await workspaceSettings(db, context)).preferenceDefaults;
  const reps = await listPlanningReps(db, context.workspaceId, context.now.getTime(), await workspacePeople(db, context));
  return reps.map((rep): TLoadedRep => {
    const json = JSON.stringify(rep.person.preferences ?? {});
    let prefs = preferences.get(json);
    if (!prefs) preferences.set(json, (prefs = readPreferences(rep.person.preferences, defaults)));
    const policy: TPolicyPerson = {
      name: rep.person.name || rep.person.slackUserId,
      tz: rep.person.tz,
      tier: rep.tier,
      preferences: prefs,
      status: awayStatusOf(rep.person),
      isBot: rep.person.isBot,
      isDeleted: rep.person.isDeleted,
    };
    return { ...rep, policy };
  });
}

/**
 * The planner's decision on one check-in or nudge: skipped when the run is too late for it to be useful (the
 * working day it was due on is over), else what the no-nagging policy says at the instant it would go out.
 */
export async function decidePlanned(
  policy: TPolicyPerson,
  message: TUnsolicited,
  dueAt: DateTime,
  now: DateTime,
  counts: (at: DateTime) => TPolicyInput['counts'] | Promise<TPolicyInput['counts']>,
): Promise<TDecision> {
  if (!timely(now, dueAt, policy)) return { status: 'skipped', reason: TOO_LATE };
  // A late run sends as soon as it can, so that is the instant to judge.
  const at = DateTime.max(now, dueAt);
  const decision = askPolicy(policy, message, at, await counts(at));
  return decision.send ? { status: 'pending', reason: decision.reason } : { status: 'suppressed', reason: decision.reason };
}

/** The no-nagging policy's answer at `at`, with the person's holiday looked up. */
export function askPolicy(policy: TPolicyPerson, message: TUnsolicited, at: DateTime, counts: TPolicyInput['counts']): TPolicyDecision {
  const { holidayCountry, holidayRegion } = policy.preferences;
  const holidayName = holidayOn(holidayCountry, holidayRegion, localDateAt(policy.tz, at));
  // Each reason has its own period key, recorded once: the planner never asks twice.
  return decideUnsolicited({ person: policy, message, at, holidayName, counts, alreadySentForReason: false });
}

/** Check-ins are not held by the budget: they keep their place in it (counted ahead, `scheduledAhead`), and nudges and reminders get what is left. */
export const NO_COUNTS = () => ({ today: 0, thisWeek: 0 });

/*
 * Zone arithmetic is most of the cost of planning thousands of people (luxon asks Intl for each offset), and a
 * run asks the same questions for everyone sharing a zone and an instant: answered once, kept in a bounded memo.
 */
const memo = new Map<string, unknown>();

function memoized<T>(key: string, make: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  if (memo.size >= 50_000) memo.clear();
  const value = make();
  memo.set(key, value);
  return value;
}

/** The person's local day and ISO week around `at`, for the budget (as `budgetWindow`), epoch ms. */
export function budgetWindowsAt(recipientId: number, tz: string, at: DateTime): TBudgetWindows {
  const windows = memoized(`w|${tz}|${at.toMillis()}`, () => {
    const day = budgetWindow(at, tz, 'day');
    const week = budgetWindow(at, tz, 'week');
    return { dayStart: day.start.toMillis(), dayEnd: day.end.toMillis(), weekStart: week.start.toMillis(), weekEnd: week.end.toMillis() };
  });
  return { recipientId, ...windows, at: at.toMillis() };
}

/** The local date (yyyy-MM-dd) of `at` in the zone, for holidays; '' for a zone luxon does not know. */
function localDateAt(tz: string, at: DateTime): string {
  return memoized(`d|${tz}|${at.toMillis()}`, () => {
    const local = at.setZone(tz);
    return local.isValid ? local.toFormat('yyyy-MM-dd') : '';
  });
}

/** `stillTimely` for the person, memoised: thousands of people share a zone, hours and instant. */
export function timely(now: DateTime, dueAt: DateTime, policy: TPolicyPerson): boolean {
  const hours = workingHoursOf(policy.preferences);
  const key = `t|${policy.tz}|${now.toMillis()}|${dueAt.toMillis()}|${hours.days.join(',')}|${hours.start}|${hours.end}`;
  return memoized(key, () => stillTimely(now, dueAt, policy.tz, hours));
}
