import type { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { countUnsolicitedAround } from '../../../db/repositories/planning-facts';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TTier } from '../../domain/coaching/tiers';
import { budgetWindow } from '../../domain/delivery-rules';
import { scheduledAhead } from '../../domain/checkin-nudge-schedule';
import { checkinCadence, isAway, type TAwayStatus, type TPolicyPerson } from '../../domain/nudge-policy';
import { digestSlot, readPreferences, type TPreferences, workingHoursOf } from '../../domain/preferences';
import { holidayOn } from '../settings/holidays';

/*
 * The facts the no-nagging policy (src/domain/nudge-policy.ts) needs about a person, read from the database
 * the same way by every planner source (agenda reminders, digests, check-ins, nudges).
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
export function policyPersonOf(person: TPersonRow, tier: TTier | null, defaults: Partial<TPreferences>): TPolicyPerson {
  return {
    name: person.name || person.slackUserId,
    tz: person.tz,
    tier,
    preferences: readPreferences(person.preferences, defaults),
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
export function briefHeldBack(manager: TPersonRow, at: DateTime, defaults: Partial<TPreferences>): string | null {
  const person = policyPersonOf(manager, null, defaults);
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

/**
 * The person's budget used around `at` (SPEC §2, every unsolicited kind): what is recorded in their local day and
 * ISO week (nudges and agenda reminders, check-ins and the digest before `at`), plus the check-ins and digest
 * scheduled from `at` on, which keep their places.
 */
export function unsolicitedCounts(db: TDb, personId: number, person: TPolicyPerson, at: DateTime): { today: number; thisWeek: number } {
  const day = budgetWindow(at, person.tz, 'day');
  const week = budgetWindow(at, person.tz, 'week');
  const recorded = countUnsolicitedAround(db, { recipientId: personId, dayStart: day.start.toMillis(), dayEnd: day.end.toMillis(), weekStart: week.start.toMillis(), weekEnd: week.end.toMillis(), at: at.toMillis() });
  return addCounts(recorded, scheduledAheadOf(person, at));
}

/**
 * Per person object and instant: a planner run asks the same question for a person's nudge options when it picks
 * them and again when it records them, and each answer walks the rest of their week through luxon.
 */
const aheadByPerson = new WeakMap<TPolicyPerson, Map<number, { today: number; thisWeek: number }>>();

/** The check-ins and digest scheduled for the person from `at` on in their day and week (`scheduledAhead`); none for an unknown zone. */
export function scheduledAheadOf(person: TPolicyPerson, at: DateTime): { today: number; thisWeek: number } {
  let known = aheadByPerson.get(person);
  if (!known) aheadByPerson.set(person, (known = new Map()));
  const atMs = at.toMillis();
  let counts = known.get(atMs);
  if (!counts) known.set(atMs, (counts = computeScheduledAhead(person, at)));
  return { ...counts };
}

function computeScheduledAhead(person: TPolicyPerson, at: DateTime): { today: number; thisWeek: number } {
  const prefs = person.preferences;
  const isHoliday = (date: string) => holidayOn(prefs.holidayCountry, prefs.holidayRegion, date) !== null;
  try {
    return scheduledAhead({ tz: person.tz, hours: workingHoursOf(prefs), checkinTime: prefs.checkinTime, checkins: checkinCadence(person.tier, prefs), isHoliday, digest: digestSlot(prefs) }, at);
  } catch {
    return { today: 0, thisWeek: 0 };
  }
}

export function addCounts(a: { today: number; thisWeek: number }, b: { today: number; thisWeek: number }): { today: number; thisWeek: number } {
  return { today: a.today + b.today, thisWeek: a.thisWeek + b.thisWeek };
}
