import type { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { countUnsolicitedAround } from '../../../db/repositories/planning-facts';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TTier } from '../../domain/coaching/tiers';
import { budgetWindow } from '../../domain/delivery-rules';
import { isAway, type TAwayStatus, type TPolicyPerson } from '../../domain/nudge-policy';
import { readPreferences } from '../../domain/preferences';
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

/** A people row as the policy sees it; `tier` from the latest tier snapshot (null before the first recompute). */
export function policyPersonOf(person: TPersonRow, tier: TTier | null): TPolicyPerson {
  return {
    name: person.name || person.slackUserId,
    tz: person.tz,
    tier,
    preferences: readPreferences(person.preferences),
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
export function briefHeldBack(manager: TPersonRow, at: DateTime): string | null {
  const person = policyPersonOf(manager, null);
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

/** The person's budgeted messages (nudges, agenda reminders; sent or still to send) in their local day and ISO week around `at`. */
export function unsolicitedCounts(db: TDb, personId: number, tz: string, at: DateTime): { today: number; thisWeek: number } {
  const day = budgetWindow(at, tz, 'day');
  const week = budgetWindow(at, tz, 'week');
  return countUnsolicitedAround(db, { recipientId: personId, dayStart: day.start.toMillis(), dayEnd: day.end.toMillis(), weekStart: week.start.toMillis(), weekEnd: week.end.toMillis() });
}
