import type { DateTime } from 'luxon';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TTier } from '../../domain/coaching/tiers';
import { scheduledAhead } from '../../domain/checkin-nudge-schedule';
import { checkinCadence, isAway, type TAhead, type TAwayStatus, type TPolicyPerson } from '../../domain/nudge-policy';
import { digestSlot, readPreferences, type TPreferences, workingHoursOf } from '../../domain/preferences';
import { holidayOn } from '../settings/holidays';

/*
 * The facts the no-nagging policy (src/domain/nudge-policy.ts) needs about a person, read from the database
 * the same way by every planner source (agenda reminders, digests, check-ins, nudges, call-review DMs).
 */

/** The person's Slack status, or null when they have none. */
export function awayStatusOf(person: Pick<TPersonRow, 'statusEmoji' | 'statusText' | 'statusExpiresAt'>): TAwayStatus | null {
  if (person.statusEmoji === '' && person.statusText === '') return null;
  return { emoji: person.statusEmoji, text: person.statusText, expiresAt: person.statusExpiresAt?.getTime() ?? null };
}

/**
 * A people row as the policy sees it; `tier` from the latest tier snapshot (null before the first recompute);
 * `defaults`: the workspace's working week and holidays for what the person never set (`getCoachingSettings`).
 */
export function policyPersonOf(
  person: TPersonRow,
  tier: TTier | null,
  defaults: Partial<TPreferences>,
  // The planner passes the settings it has parsed already (once per distinct JSON): parsing is a zod run each.
  preferences: TPreferences = readPreferences(person.preferences, defaults),
): TPolicyPerson {
  return {
    name: person.name || person.slackUserId,
    tz: person.tz,
    tier,
    preferences,
    status: awayStatusOf(person),
    isBot: person.isBot,
    isDeleted: person.isDeleted,
  };
}

/** The person's public holiday on the local date of `at` in their zone, or null (no country set, unknown zone or country). */
/**
 * Why a manager's brief should not go out at `at`, or null: not while their Slack status says they are away, not
 * on their public holiday (the meeting is hardly on). A pause does not hold it: the 1:1 is on their calendar,
 * and cancelling it is how to stop its briefs.
 */
export function briefHeldBack(manager: TPersonRow, at: DateTime, defaults: Partial<TPreferences>, preferences?: TPreferences): string | null {
  const person = policyPersonOf(manager, null, defaults, preferences);
  const status = awayStatusOf(manager);
  if (status && isAway(status, at)) return `held back: ${person.name}'s Slack status says they are away (${status.emoji} ${status.text})`.replace(/\s+\)/, ')');
  const holiday = holidayAt(person, at);
  if (holiday) return `held back: ${at.setZone(person.tz).toFormat('ccc d LLL', { locale: 'en-US' })} is ${holiday}, a public holiday for ${person.name}`;
  return null;
}

export function holidayAt(person: TPolicyPerson, at: DateTime): string | null {
  const local = at.setZone(person.tz);
  if (!local.isValid) return null;
  return holidayOn(person.preferences.holidayCountry, person.preferences.holidayRegion, local.toFormat('yyyy-MM-dd'));
}

/*
 * A planner run asks this for thousands of people, twice for a nudge option (when it is picked and when it is
 * recorded), and each answer walks the rest of a week through luxon. The answer depends only on the schedule
 * (zone, hours, check-in time and cadence, holidays, digest slot) and the instant, which thousands share:
 * memoised on those, bounded (dropped whole when full).
 */
const aheadBySchedule = new Map<string, TAhead>();
const AHEAD_MAX = 50_000;

/** The check-ins and digest scheduled for the person from `at` on in their day and week (`scheduledAhead`); none for an unknown zone. */
export function scheduledAheadOf(person: TPolicyPerson, at: DateTime): TAhead {
  const prefs = person.preferences;
  const digest = digestSlot(prefs);
  const key = [
    person.tz, prefs.workingDays.join(','), prefs.workStart, prefs.workEnd, prefs.checkinTime, checkinCadence(person.tier, prefs),
    prefs.holidayCountry, prefs.holidayRegion, digest.day, digest.time, at.toMillis(),
  ].join('|');
  let counts = aheadBySchedule.get(key);
  if (!counts) {
    counts = computeScheduledAhead(person, at);
    if (aheadBySchedule.size >= AHEAD_MAX) aheadBySchedule.clear();
    aheadBySchedule.set(key, counts);
  }
  return { ...counts };
}

function computeScheduledAhead(person: TPolicyPerson, at: DateTime): TAhead {
  const prefs = person.preferences;
  const isHoliday = (date: string) => holidayOn(prefs.holidayCountry, prefs.holidayRegion, date) !== null;
  try {
    return scheduledAhead({ tz: person.tz, hours: workingHoursOf(prefs), checkinTime: prefs.checkinTime, checkins: checkinCadence(person.tier, prefs), isHoliday, digest: digestSlot(prefs) }, at);
  } catch {
    return { today: 0, thisWeek: 0, digest: 0 };
  }
}

/** The budget used: `recorded` plus the check-ins and digest scheduled `ahead`, which is kept apart for the policy's wording. */
export function budgetCounts(recorded: { today: number; thisWeek: number }, ahead: TAhead): { today: number; thisWeek: number; ahead: TAhead } {
  return { ...addCounts(recorded, ahead), ahead };
}

export function addCounts(a: { today: number; thisWeek: number }, b: { today: number; thisWeek: number }): { today: number; thisWeek: number } {
  return { today: a.today + b.today, thisWeek: a.thisWeek + b.thisWeek };
}
