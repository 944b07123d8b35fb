import { DateTime, IANAZone } from 'luxon';
import { ACTIVITY_TYPES, type TActivityType } from './types';
import { isWithinWorkingHours, type TWorkingHours } from './schedule';
import type { TNudgeKind } from './nudge-policy';

/*
 * When check-ins and nudges are considered (SPEC §2, §5): pure, a function of a person's settings and a window.
 *
 * Every instant is a local wall time on a working day, clamped into the person's working hours (no later than
 * 30 minutes before they stop), so a late-starting or early-finishing person still gets it while at work:
 * - check-in, daily: every working day at their check-in time (default 16:30); key `checkin:2026-11-24`;
 * - check-in, weekly: the last working day of the ISO week that is not a public holiday, at the same time;
 *   key `checkin:2026-W48`;
 * - action items due: 10:00 each working day (items due today or by the next working day);
 * - stalled deals: 10:30 each working day;
 * - behind pace, weekly expectations: 13:00 on the middle working day of the week (Wednesday for Mon–Fri),
 *   key `nudge:behind_pace:2026-W48:call`; daily expectations: 14:00 each working day, key
 *   `nudge:behind_pace:2026-11-24:call`; never on a day with a check-in (it carries the pace note instead:
 *   for a focused rep with daily check-ins, never).
 * Distinct times keep the kinds apart; when clamping makes two coincide, the planner picks one.
 */

export const NUDGE_TIMES = { action_item_due: '10:00', stalled_deal: '10:30', behind_pace_week: '13:00', behind_pace_day: '14:00' } as const;

/** The latest a planned message may be placed before the end of the working day. */
const END_MARGIN_MINUTES = 30;

export type TCheckinCadence = 'daily' | 'weekly';

/** One instant a check-in is due or a kind of nudge is evaluated; `period` is the local date, or the ISO week ('2026-W48'). */
export type TPlanInstant =
  | { kind: 'checkin'; cadence: TCheckinCadence; dueAt: DateTime; period: string }
  | { kind: 'behind_pace'; per: 'day' | 'week'; dueAt: DateTime; period: string }
  | { kind: 'stalled_deal'; dueAt: DateTime; period: string }
  /** `dueBy`: the next working date; items due from `period` to `dueBy` (both included) are near their date. */
  | { kind: 'action_item_due'; dueAt: DateTime; period: string; dueBy: string };

export type TPlanScheduleInput = {
  tz: string;
  hours: TWorkingHours;
  checkinTime: string;
  checkins: TCheckinCadence | 'off';
  /** Whether nudges are evaluated at all (not for a tier that gets none). With `checkins` set, none about pace on a check-in day. */
  nudges: boolean;
  /** The person's public holidays, by local date: a weekly check-in moves to the working day before. */
  isHoliday?: (localDate: string) => boolean;
};

/** Every check-in due and nudge evaluation in (from, to], by time. Throws a RangeError for an unknown zone. */
export function planInstantsBetween(input: TPlanScheduleInput, from: DateTime, to: DateTime): TPlanInstant[] {
  if (!IANAZone.isValidZone(input.tz)) throw new RangeError(`Unknown time zone: ${input.tz}`);
  const { hours } = input;
  const days = hours.days;
  const instants: TPlanInstant[] = [];
  const last = to.setZone(input.tz).startOf('day');
  for (let day = from.setZone(input.tz).startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    if (!days.includes(day.weekday)) continue;
    const at = (time: string) => wallTime(day, clampIntoHours(time, hours), input.tz);
    const date = day.toISODate()!;
    const week = isoWeek(day);
    const checkinDay = input.checkins === 'daily' || (input.checkins === 'weekly' && date === weeklyCheckinDate(day, days, input.isHoliday));
    if (checkinDay && input.checkins !== 'off') {
      const cadence = input.checkins;
      instants.push(cadence === 'daily' ? { kind: 'checkin', cadence, dueAt: at(input.checkinTime), period: date } : { kind: 'checkin', cadence, dueAt: at(input.checkinTime), period: week });
    }
    if (input.nudges) {
      instants.push({ kind: 'action_item_due', dueAt: at(NUDGE_TIMES.action_item_due), period: date, dueBy: nextWorkingDate(day, days) });
      instants.push({ kind: 'stalled_deal', dueAt: at(NUDGE_TIMES.stalled_deal), period: date });
      // The day's check-in carries the pace note: no separate behind-pace nudge that day.
      if (!checkinDay && day.weekday === middleWorkingDay(days)) instants.push({ kind: 'behind_pace', per: 'week', dueAt: at(NUDGE_TIMES.behind_pace_week), period: week });
      if (!checkinDay) instants.push({ kind: 'behind_pace', per: 'day', dueAt: at(NUDGE_TIMES.behind_pace_day), period: date });
    }
  }
  return instants.filter((i) => i.dueAt > from && i.dueAt <= to).sort((a, b) => a.dueAt.toMillis() - b.dueAt.toMillis());
}

/**
 * The scheduled messages that keep their place in the budget (SPEC §2): check-ins and the digest due at or
 * after `at` (the ones before it are counted as recorded), in the person's local day (check-ins only) and ISO week around `at`
 * (`digest`: 1 when the week's digest is among them). Nudges and
 * agenda reminders get what the budget has left after these and everything already recorded up to `at`.
 */
export function scheduledAhead(
  input: Omit<TPlanScheduleInput, 'nudges'> & { digest: { day: number; time: string } | null },
  at: DateTime,
): { today: number; thisWeek: number; digest: number } {
  const local = at.setZone(input.tz);
  if (!local.isValid) return { today: 0, thisWeek: 0, digest: 0 };
  const dayEnd = local.startOf('day').plus({ days: 1 });
  const weekEnd = local.startOf('week').plus({ weeks: 1 });
  const checkins = input.checkins === 'off' ? [] : planInstantsBetween({ ...input, nudges: false }, at.minus({ milliseconds: 1 }), weekEnd.minus({ milliseconds: 1 }));
  const today = checkins.filter((i) => i.dueAt < dayEnd).length;
  let digest = 0;
  if (input.digest) {
    const [hour, minute] = input.digest.time.split(':').map(Number);
    const due = local.startOf('week').plus({ days: input.digest.day - 1 }).set({ hour, minute });
    if (due >= at && due < weekEnd) digest = 1;
  }
  return { today, thisWeek: checkins.length + digest, digest };
}

/**
 * Whether a message due at `dueAt` is still worth sending at `now`: before it is due, or later the same local
 * day while the person is at work. "How did today go?" the next morning, or a nudge in the evening, is not.
 */
export function stillTimely(now: DateTime, dueAt: DateTime, tz: string, hours: TWorkingHours): boolean {
  if (now <= dueAt) return true;
  try {
    return now.setZone(tz).hasSame(dueAt.setZone(tz), 'day') && isWithinWorkingHours(now, tz, hours);
  } catch {
    return false;
  }
}

/** The ISO week of a local date, as in period keys: '2026-W48'. */
export function isoWeek(local: DateTime): string {
  return local.toFormat("kkkk-'W'WW");
}

/** The reason keys' subject of each nudge kind, read back from a delivery's period key. */
export type TNudgeKey =
  | { nudge: 'behind_pace'; per: 'day' | 'week'; period: string; type: TActivityType }
  | { nudge: 'stalled_deal'; dealId: number; stage: string }
  | { nudge: 'action_item_due'; itemId: number };

const KNOWN_TYPES = new Set<string>(ACTIVITY_TYPES);

/** Parses 'nudge:behind_pace:2026-W48:call', 'nudge:stalled_deal:42:demo' or 'nudge:action_item_due:7'; null for anything else. */
export function parseNudgeKey(periodKey: string): TNudgeKey | null {
  const [prefix, nudge, first, ...rest] = periodKey.split(':');
  if (prefix !== 'nudge' || first === undefined) return null;
  if (nudge === 'behind_pace') {
    const type = rest.join(':');
    if (!KNOWN_TYPES.has(type)) return null;
    if (/^\d{4}-W\d{2}$/.test(first)) return { nudge, per: 'week', period: first, type: type as TActivityType };
    if (/^\d{4}-\d{2}-\d{2}$/.test(first)) return { nudge, per: 'day', period: first, type: type as TActivityType };
    return null;
  }
  const id = /^\d+$/.test(first) ? Number(first) : NaN;
  if (!Number.isSafeInteger(id)) return null;
  if (nudge === 'stalled_deal' && rest.length > 0) return { nudge, dealId: id, stage: rest.join(':') };
  if (nudge === 'action_item_due' && rest.length === 0) return { nudge, itemId: id };
  return null;
}

/** The nudge kind a period key is about, or null when it is not a nudge key. */
export function nudgeKindOf(periodKey: string): TNudgeKind | null {
  return parseNudgeKey(periodKey)?.nudge ?? null;
}

/** 'HH:mm' moved into [start, end − 30 min] (just `start` when the working day is shorter than that). */
export function clampIntoHours(time: string, hours: Pick<TWorkingHours, 'start' | 'end'>): number {
  const start = minutesOf(hours.start);
  const latest = Math.max(start, minutesOf(hours.end) - END_MARGIN_MINUTES);
  return Math.min(Math.max(minutesOf(time), start), latest);
}

/** The middle of the working week (Wednesday for Mon–Fri, Tuesday for Mon–Thu): a weekly pace is judged there. */
export function middleWorkingDay(days: readonly number[]): number {
  return days[Math.floor((days.length - 1) / 2)] ?? 3;
}

function weeklyCheckinDate(day: DateTime, days: readonly number[], isHoliday?: (date: string) => boolean): string | null {
  const monday = day.startOf('week');
  for (let i = days.length - 1; i >= 0; i--) {
    const date = monday.plus({ days: days[i]! - 1 }).toISODate()!;
    if (!isHoliday?.(date)) return date;
  }
  return null;
}

function nextWorkingDate(day: DateTime, days: readonly number[]): string {
  for (let i = 1; i <= 7; i++) {
    const next = day.plus({ days: i });
    if (days.includes(next.weekday)) return next.toISODate()!;
  }
  return day.plus({ days: 1 }).toISODate()!;
}

/** The instant a local wall time falls on that day (luxon moves a time in a DST gap forward). */
function wallTime(day: DateTime, minutes: number, tz: string): DateTime {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone: tz });
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}
