import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { MAX_PAUSE_DAYS } from '../../domain/command-text';
import { AppError } from '../../domain/errors';
import { mergePreferences } from '../../domain/preferences';
import { formatMeetingTime } from '../../domain/schedule';
import { TPauseResult, activePause, zoneOf } from './pause-state';

/**
 * Pauses everything unsolicited for `days` days from `now` (same wall-clock time in the person's zone, so a
 * week is a week across a DST change). A new pause replaces the one in force, longer or shorter.
 */
export async function pauseMessages(db: TDb, person: TPersonRow, days: number, now: Date): Promise<TPauseResult> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_PAUSE_DAYS) {
    throw new AppError('bad_input', `A pause is 1 to ${MAX_PAUSE_DAYS} days — nothing was changed.`);
  }
  const tz = zoneOf(person);
  const until = DateTime.fromJSDate(now, { zone: tz }).plus({ days });
  const replaced = activePause(person, now);
  await setPreferences(db, person.id, mergePreferences(person.preferences, { pausedUntil: until.toUTC().toISO() }));
  return { until: until.toJSDate(), untilLabel: formatMeetingTime(until, tz), days, tz, replaced };
}
