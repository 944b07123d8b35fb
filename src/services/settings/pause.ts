import { DateTime, IANAZone } from 'luxon';
import type { TDb } from '../../../db/client';
import { setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { MAX_PAUSE_DAYS } from '../../domain/command-text';
import { AppError } from '../../domain/errors';
import { mergePreferences, readPreferences } from '../../domain/preferences';
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

/**
 * Pauses everything unsolicited for `days` days from `now` (same wall-clock time in the person's zone, so a
 * week is a week across a DST change). A new pause replaces the one in force, longer or shorter.
 */
export function pauseMessages(db: TDb, person: TPersonRow, days: number, now: Date): TPauseResult {
  if (!Number.isInteger(days) || days < 1 || days > MAX_PAUSE_DAYS) {
    throw new AppError('bad_input', `A pause is 1 to ${MAX_PAUSE_DAYS} days — nothing was changed.`);
  }
  const tz = zoneOf(person);
  const until = DateTime.fromJSDate(now, { zone: tz }).plus({ days });
  const replaced = activePause(person, now);
  setPreferences(db, person.id, mergePreferences(person.preferences, { pausedUntil: until.toUTC().toISO() }));
  return { until: until.toJSDate(), untilLabel: formatMeetingTime(until, tz), days, tz, replaced };
}

/** Ends the person's pause now; says which pause it ended (null when there was none in force). */
export function resumeMessages(db: TDb, person: TPersonRow, now: Date): TResumeResult {
  const wasPaused = activePause(person, now);
  // An expired pause is cleared too, so the stored value never lingers.
  if (readPreferences(person.preferences).pausedUntil !== null) {
    setPreferences(db, person.id, mergePreferences(person.preferences, { pausedUntil: null }));
  }
  return { wasPaused };
}

/** The person's zone, or UTC when Slack gave one luxon does not know (never a crash on a reply). */
function zoneOf(person: TPersonRow): string {
  return IANAZone.isValidZone(person.tz) ? person.tz : 'UTC';
}
