import { DateTime, IANAZone } from 'luxon';
import { type TPersonRow } from '../../../db/repositories/people';
import { readPreferences } from '../../domain/preferences';
import { formatMeetingTime } from '../../domain/schedule';

/*
 * `/coach pause` and `/coach resume` (SPEC §2: nothing unsolicited "while they are paused").
 *
 * What a pause holds: everything Canopy sends on its own initiative — the weekly digest, check-ins, nudges
 * and 1:1 agenda reminders (the no-nagging policy checks `pausedUntil` for each of them).
 * What it does not hold: a manager's brief before a 1:1 they hold. The brief is not a coaching prompt but
 * the preparation for a meeting that is still on the calendar; a manager who pauses (say, to focus on a big
 * deal) still holds their 1:1s and needs it then. A 1:1 that will not happen is cancelled, and its brief
 * with it. The pause reply says so, so nobody is surprised by a brief while paused.
 * Replies to what the person asks for (/stats, /log, the Home tab, threads they reply in) always work.
 */

export type TPauseState = { until: Date; untilLabel: string };

export type TPauseResult = TPauseState & { days: number; tz: string; replaced: TPauseState | null };

export type TResumeResult = { wasPaused: TPauseState | null };

/** The person's pause in force at `now` (with its end in their own zone), or null. */
export function activePause(person: TPersonRow, now: Date): TPauseState | null {
  const { pausedUntil } = readPreferences(person.preferences);
  if (pausedUntil === null) return null;
  const until = new Date(pausedUntil);
  if (until.getTime() <= now.getTime()) return null;
  return { until, untilLabel: formatMeetingTime(DateTime.fromJSDate(until), zoneOf(person)) };
}

/** The person's zone, or UTC when Slack gave one luxon does not know (never a crash on a reply). */
export function zoneOf(person: TPersonRow): string {
  return IANAZone.isValidZone(person.tz) ? person.tz : 'UTC';
}
