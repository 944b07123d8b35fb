import { DateTime } from 'luxon';

/**
 * When something last happened, relative to `now` (never the clock): 'just now' within a minute (and for an
 * instant a hair after `now`, as a clock skew would give), else luxon's '5 minutes ago', '3 days ago'.
 */
export function sinceText(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < 60_000) return 'just now';
  return DateTime.fromJSDate(at).toRelative({ base: DateTime.fromJSDate(now), locale: 'en-US' }) ?? 'just now';
}

/**
 * The day something happened, as a rep says it, in `now`'s zone: 'Today', 'Yesterday', a weekday within the
 * last week ('Tue'), else the date ('3 Nov', with the year when it is not this year's).
 */
export function dayLabel(at: Date, now: DateTime): string {
  const day = DateTime.fromJSDate(at, { zone: now.zone }).startOf('day');
  const today = now.startOf('day');
  // Calendar days, not 24-hour blocks: a DST night is still one day.
  const daysAgo = Math.round(today.diff(day, 'days').days);
  if (daysAgo === 0) return 'Today';
  if (daysAgo === 1) return 'Yesterday';
  if (daysAgo > 1 && daysAgo < 7) return day.toFormat('ccc', { locale: 'en-US' });
  return day.toFormat(day.year === today.year ? 'd LLL' : 'd LLL yyyy', { locale: 'en-US' });
}
