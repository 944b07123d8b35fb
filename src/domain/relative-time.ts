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
