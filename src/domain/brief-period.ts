import { DateTime } from 'luxon';

/** Without a previous 1:1 the brief looks back this many days. */
export const BRIEF_DEFAULT_DAYS = 7;
/** Never more than this: a brief after a holiday gap should describe the recent past, not a month. */
export const BRIEF_MAX_DAYS = 14;

const DAY_MS = 86_400_000;

/** What a brief reports on: `since_meeting` from the previous 1:1, else the default or the capped window. */
export type TBriefPeriod = { from: DateTime; to: DateTime; basis: 'since_meeting' | 'default' | 'capped'; days: number };

/** The stretch a brief covers: since the previous 1:1 (or the last 7 days), ending at `now`, at most 14 days. */
export function briefPeriod(previousStart: DateTime | null, now: DateTime): TBriefPeriod {
  const cap = now.minus({ days: BRIEF_MAX_DAYS });
  let from = now.minus({ days: BRIEF_DEFAULT_DAYS });
  let basis: TBriefPeriod['basis'] = 'default';
  // A previous start at or after `now` cannot open a period (a meeting asked about ahead of its series).
  if (previousStart && previousStart < now) {
    from = previousStart < cap ? cap : previousStart;
    basis = previousStart < cap ? 'capped' : 'since_meeting';
  }
  return { from, to: now, basis, days: (now.toMillis() - from.toMillis()) / DAY_MS };
}

/**
 * Working days in [from, to) in `tz`, fractional: each working day counts by the share of it inside the
 * period, so "Tuesday 10:00 to next Tuesday 09:00" is about five days, not six. With `hours` (the person's
 * working hours, "HH:mm"), a day counts by the share of its working hours inside the period, so a period
 * ending at 22:30 has had the whole of that day's working hours, and one ending at 08:00 none of them.
 */
export function workingDaysBetween(from: DateTime, to: DateTime, tz: string, workingDays: readonly number[], hours?: { workStart: string; workEnd: string }): number {
  let total = 0;
  for (let day = from.setZone(tz).startOf('day'); day < to; day = day.plus({ days: 1 })) {
    if (!workingDays.includes(day.weekday)) continue;
    // Days are 23 or 25 hours long across DST changes: the share is of that day's own (working) length.
    const start = hours ? day.set(clock(hours.workStart)) : day;
    const end = hours ? day.set(clock(hours.workEnd)) : day.plus({ days: 1 });
    if (end <= start) continue;
    const inside = Math.min(end.toMillis(), to.toMillis()) - Math.max(start.toMillis(), from.toMillis());
    if (inside > 0) total += inside / (end.toMillis() - start.toMillis());
  }
  return total;
}

const clock = (time: string) => ({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)), second: 0, millisecond: 0 });

/** 'in 45 min', 'in 2 h 30 min', 'in 3 days', 'now', 'started 20 min ago' — a meeting start relative to `now`. */
export function relativeToNow(start: DateTime, now: DateTime): string {
  const minutes = Math.round((start.toMillis() - now.toMillis()) / 60_000);
  if (minutes === 0) return 'starting now';
  const span = duration(Math.abs(minutes));
  return minutes > 0 ? `in ${span}` : `started ${span} ago`;
}

function duration(minutes: number): string {
  // '60 min' rather than '1 h': a brief's lead time is set in minutes.
  if (minutes <= 90) return `${minutes} min`;
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return `${Math.round(minutes / (24 * 60))} days`;
}
