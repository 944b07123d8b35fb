import { DateTime, IANAZone } from 'luxon';

/**
 * Recurring one-on-ones, computed on local calendar dates so DST never drifts them.
 *
 * DST rules, in the schedule's own zone:
 * - A meeting keeps its local wall time: a 10:00 meeting is at 10:00 local before and after a DST change,
 *   so its UTC instant moves by the change.
 * - A local time that does not exist (spring-forward gap) moves forward by the gap: 02:30 → 03:30.
 * - A local time that happens twice (fall-back overlap) is the earlier instant (still on summer time).
 * - Biweekly parity counts whole calendar days from the anchor date, never milliseconds, because a
 *   week containing a DST change is 167 or 169 hours long.
 * - Monthly meetings are the n-th (1st–4th) or last given weekday of each calendar month. Which one is read
 *   from the anchor date's day of the month: 1–7 the first, 8–14 the second, 15–21 the third, 22–28 the
 *   fourth, 29–31 the last (a fifth such weekday is always the month's last), so no extra column is needed.
 */

export type TCadence = 'weekly' | 'biweekly' | 'monthly';
/** Which of a month's weekdays a monthly 1:1 is on. */
export type TWeekOfMonth = 1 | 2 | 3 | 4 | 'last';
/**
 * anchorDate: yyyy-MM-dd local date of one occurrence; none exist before it. Biweekly counts even weeks from
 * it; monthly reads its week of the month from it (see above).
 */
export type TRecurrence = { cadence: TCadence; weekday: number; localTime: string; tz: string; anchorDate: string };
/** Working days (1 = Monday … 7 = Sunday) and a local [start, end) window, 'HH:mm'. */
export type TWorkingHours = { days: number[]; start: string; end: string };
export const DEFAULT_WORKING_HOURS: TWorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
/** weekOfMonth: monthly only; the command always gives one (default the first), a form may leave it to the current schedule. */
export type TOneOnOneSpec = { cadence: TCadence; weekday: number; localTime: string; weekOfMonth?: TWeekOfMonth };

type TParsed = { ok: true; spec: TOneOnOneSpec } | { ok: false; message: string };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EXAMPLE = 'Example: `/coach 1on1 @rep weekly tue 10:00`';
const CADENCES: Readonly<Record<string, TCadence>> = {
  weekly: 'weekly', biweekly: 'biweekly', 'bi-weekly': 'biweekly', fortnightly: 'biweekly', 'every-other-week': 'biweekly',
  monthly: 'monthly',
};
const ORDINALS: Readonly<Record<string, TWeekOfMonth>> = {
  '1st': 1, first: 1, '2nd': 2, second: 2, '3rd': 3, third: 3, '4th': 4, fourth: 4, last: 'last',
};
const ORDINAL_NAMES: Readonly<Record<string, string>> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', last: 'last' };
const DAY_WORDS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, weds: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4,
  thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};
const TIME_WORD = /^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/;
const MERIDIEM = /^(am|pm|a\.m\.|p\.m\.)$/;

/** Parses the words after the @mention of `/coach 1on1 @rep weekly tue 10:00`, in any order. */
export function parseOneOnOneSpec(words: readonly string[]): TParsed {
  const tokens = words.flatMap((w) => w.split(/\s+/)).filter((w) => w !== '');
  let cadence: TCadence | undefined;
  let weekday: number | undefined;
  let localTime: string | undefined;
  let weekOfMonth: TWeekOfMonth | undefined;
  for (let i = 0; i < tokens.length; i++) {
    let raw = tokens[i] ?? '';
    const word = raw.toLowerCase().replace(/[,;]+$/, '');
    // hasOwn: words like 'constructor' must not find Object.prototype's members.
    const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
    const dayWord = own(DAY_WORDS, word) ?? (word.endsWith('s') ? own(DAY_WORDS, word.slice(0, -1)) : undefined);
    const cadenceWord = own(CADENCES, word);
    const ordinal = own(ORDINALS, word);
    if (cadenceWord) {
      if (cadence && cadence !== cadenceWord) return fail('Pick one cadence: weekly, biweekly or monthly.');
      cadence = cadenceWord;
    } else if (ordinal) {
      if (weekOfMonth && weekOfMonth !== ordinal) return fail('Pick one week of the month: 1st, 2nd, 3rd, 4th or last.');
      weekOfMonth = ordinal;
    } else if (/^(5th|fifth)$/.test(word)) {
      return fail('Not every month has a fifth one — say last for the last one of the month.');
    } else if (dayWord) {
      if (weekday && weekday !== dayWord) return fail('Pick one day of the week.');
      weekday = dayWord;
    } else {
      // '10 am' arrives as two words.
      const next = tokens[i + 1]?.toLowerCase() ?? '';
      const spaced = MERIDIEM.test(next) && /^\d{1,2}(:\d{2})?$/.test(word);
      if (spaced) raw = `${raw} ${tokens[++i]}`;
      const time = readTime(spaced ? word + next : word);
      if (time === undefined) return fail(`I didn't understand "${echo(raw)}". Give a cadence, a day and a time.`);
      if (time === null) return fail(`"${echo(raw)}" isn't a time of day. Use 10:00, 14:30, 9am or 2:30pm.`);
      if (localTime && localTime !== time) return fail('Pick one time.');
      localTime = time;
    }
  }
  // "2nd tue 10:00" can only mean a monthly meeting.
  if (weekOfMonth && !cadence) cadence = 'monthly';
  if (weekOfMonth && cadence !== 'monthly') return fail(`"${ORDINAL_NAMES[weekOfMonth]}" goes with monthly, e.g. monthly 2nd tue 10:00.`);
  if (cadence && weekday && localTime) {
    return { ok: true, spec: cadence === 'monthly' ? { cadence, weekday, localTime, weekOfMonth: weekOfMonth ?? 1 } : { cadence, weekday, localTime } };
  }
  const missing = [
    cadence ? '' : 'how often (weekly, biweekly or monthly)',
    weekday ? '' : 'which day (e.g. tue)',
    localTime ? '' : 'what time (e.g. 10:00)',
  ].filter((m) => m !== '');
  return fail(`Tell me ${missing.join(' and ')}.`);
}

/** The local date (yyyy-MM-dd, in tz) of the first occurrence of spec strictly after `from`. */
export function firstOccurrenceDate(spec: TOneOnOneSpec, tz: string, from: DateTime): string {
  const minutes = minutesOf(spec.localTime);
  assertWeekday(spec.weekday);
  if (spec.cadence === 'monthly') {
    const week = spec.weekOfMonth ?? 1;
    for (let month = monthIndexOf(localDay(from, tz)) - 1; ; month++) {
      const day = monthlyDay(month, spec.weekday, week);
      if (wallInstant(day, minutes, tz) > from) return isoDate(day);
    }
  }
  for (let day = localDay(from, tz) - 1; ; day++) {
    if (weekdayOf(day) === spec.weekday && wallInstant(day, minutes, tz) > from) return isoDate(day);
  }
}

/**
 * The anchor date to store for a new schedule: its first occurrence after `from`. A monthly `last` schedule
 * whose first meeting is also its month's fourth is anchored instead on the latest earlier month where the
 * last is a fifth (day 29–31), so the anchor still reads as "last"; occurrences before `from` are never planned.
 */
export function anchorDateFor(spec: TOneOnOneSpec, tz: string, from: DateTime): string {
  const first = firstOccurrenceDate(spec, tz, from);
  if (spec.cadence !== 'monthly' || spec.weekOfMonth !== 'last') return first;
  // Every weekday falls five times in at least four months of any year: twelve steps back always find one.
  for (let month = monthIndexOf(dayNumber(first)); ; month--) {
    const day = monthlyDay(month, spec.weekday, 'last');
    if (dayOfMonth(day) >= 29) return isoDate(day);
  }
}

/** Which week of the month a monthly schedule anchored on this date is on. */
export function weekOfMonthOf(anchorDate: string): TWeekOfMonth {
  const week = Math.ceil(dayOfMonth(dayNumber(anchorDate)) / 7);
  return week >= 5 ? 'last' : (week as 1 | 2 | 3 | 4);
}

/** Meeting starts in [from, to), ascending, as DateTimes in rec.tz. */
export function occurrencesBetween(rec: TRecurrence, from: DateTime, to: DateTime): DateTime[] {
  const s = seriesOf(rec);
  const starts: DateTime[] = [];
  for (let n = Math.max(0, indexOnOrBefore(s, localDay(from, s.tz) - 1)); ; n++) {
    const start = startOf(s, n);
    if (start >= to) return starts;
    if (start >= from) starts.push(start);
  }
}

/** The first start >= at. */
export function nextOccurrence(rec: TRecurrence, at: DateTime): DateTime {
  const s = seriesOf(rec);
  // A start lies within a day of its own date's midnight, so a day of slack finds the right one.
  let n = Math.max(0, indexOnOrBefore(s, localDay(at, s.tz) - 1));
  while (startOf(s, n) < at) n++;
  return startOf(s, n);
}

/** The last start < at, or null if none on/after anchorDate. Occurrences before anchorDate do not exist. */
export function previousOccurrence(rec: TRecurrence, at: DateTime): DateTime | null {
  const s = seriesOf(rec);
  let n = indexOnOrBefore(s, localDay(at, s.tz) + 1);
  while (n >= 0 && startOf(s, n) >= at) n--;
  return n >= 0 ? startOf(s, n) : null;
}

/** True when `at` is on a working day within [start, end) in tz. */
export function isWithinWorkingHours(at: DateTime, tz: string, hours: TWorkingHours): boolean {
  const local = at.setZone(zoneOf(tz));
  if (!hours.days.includes(local.weekday)) return false;
  const minute = local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / MINUTE_MS;
  return minute >= minutesOf(hours.start) && minute < minutesOf(hours.end);
}

/**
 * When the manager's brief is due: meetingStart minus leadMinutes (negative leads count as 0) if that is
 * within working hours and before the meeting; else the start of working hours on the meeting's local day
 * when that is after the ideal time and at least 30 minutes before the meeting; else 30 minutes before the
 * end of the last working window ending at or before the ideal time (a window under 30 minutes: its start),
 * looking back 14 days; else, with no working window at all, the ideal time. Result in tz.
 */
export function briefDueAt(meetingStart: DateTime, leadMinutes: number, tz: string, hours: TWorkingHours): DateTime {
  const meeting = meetingStart.setZone(zoneOf(tz));
  const ideal = meeting.minus({ minutes: Math.max(0, leadMinutes) });
  if (ideal < meeting && isWithinWorkingHours(ideal, tz, hours)) return ideal;
  const morning = workingWindow(localDay(meeting, tz), tz, hours)?.start;
  if (morning && morning > ideal && morning <= meeting.minus({ minutes: 30 })) return morning;
  const idealDay = localDay(ideal, tz);
  for (let day = idealDay; day >= idealDay - 14; day--) {
    const window = workingWindow(day, tz, hours);
    if (!window || window.end > ideal) continue;
    const evening = window.end.minus({ minutes: 30 });
    return evening < window.start ? window.start : evening;
  }
  return ideal;
}

/**
 * When the rep's "add your agenda items" reminder is due: on the rep's last working day strictly before the
 * meeting's local date in repTz, at 15:00 local clamped into [start, end - 30 min] (or start, if that is
 * empty). Null when no working day falls in the 7 days before, or the result is not before meetingStart.
 */
export function agendaReminderDueAt(meetingStart: DateTime, repTz: string, repHours: TWorkingHours): DateTime | null {
  const meetingDay = localDay(meetingStart, repTz);
  const earliest = minutesOf(repHours.start);
  const latest = minutesOf(repHours.end) - 30;
  const minutes = latest < earliest ? earliest : Math.min(Math.max(15 * 60, earliest), latest);
  for (let day = meetingDay - 1; day >= meetingDay - 7; day--) {
    if (!repHours.days.includes(weekdayOf(day))) continue;
    const due = wallInstant(day, minutes, repTz);
    return due < meetingStart ? due : null;
  }
  return null;
}

/** 'Tuesday' etc. */
export function weekdayName(weekday: number): string {
  assertWeekday(weekday);
  return WEEKDAYS[weekday - 1] ?? '';
}

/**
 * Human description in the schedule's own zone, e.g. 'every Tuesday at 10:00', 'every other Tuesday at 10:00',
 * 'the first Tuesday of each month at 10:00' (the week of the month from `weekOfMonth`, else the anchor date).
 */
export function describeRecurrence(rec: Pick<TRecurrence, 'cadence' | 'weekday' | 'localTime'> & { anchorDate?: string; weekOfMonth?: TWeekOfMonth }): string {
  if (rec.cadence === 'monthly') {
    const week = rec.weekOfMonth ?? (rec.anchorDate ? weekOfMonthOf(rec.anchorDate) : 1);
    return `the ${ORDINAL_NAMES[week]} ${weekdayName(rec.weekday)} of each month at ${rec.localTime}`;
  }
  return `every ${rec.cadence === 'biweekly' ? 'other ' : ''}${weekdayName(rec.weekday)} at ${rec.localTime}`;
}

/** One occurrence as a viewer in another zone sees it, e.g. 'Tue 1 Dec, 19:00' (en-GB style, 24 h) in viewerTz. */
export function formatMeetingTime(start: DateTime, viewerTz: string): string {
  // en-US names with en-GB order: en-GB's short September is 'Sep' or 'Sept' depending on the ICU version.
  return start.setZone(zoneOf(viewerTz)).toFormat('ccc d LLL, HH:mm', { locale: 'en-US' });
}

// --- parsing helpers --------------------------------------------------------------------------------

function fail(reason: string): TParsed {
  return { ok: false, message: `${reason} ${EXAMPLE}` };
}

/** User text made safe to quote back: no Slack markup or code fences, at most 40 characters. */
function echo(text: string): string {
  const chars = Array.from(text.replace(/[`<>&]/g, ''));
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}

/** 'HH:mm' for a time word; null when it is shaped like a time but isn't one; undefined when not a time. */
function readTime(word: string): string | null | undefined {
  if (word === 'noon') return '12:00';
  if (word === 'midnight') return '00:00';
  const m = TIME_WORD.exec(word);
  if (!m) return undefined;
  const [, h = '', min, suffix] = m;
  // A bare '10' could be morning or evening; asking beats guessing.
  if (min === undefined && suffix === undefined) return null;
  const hour = Number(h);
  const minute = Number(min ?? '0');
  if (minute > 59) return null;
  if (suffix === undefined) return hour > 23 ? null : clock(hour * 60 + minute);
  if (hour < 1 || hour > 12) return null;
  return clock((hour % 12) * 60 + (suffix.startsWith('p') ? 720 : 0) + minute);
}

// --- calendar helpers: whole days since 1970-01-01, immune to DST ------------------------------------

/** Occurrence n ≥ 0 falls on local day `dayOf(n)`, strictly increasing; `indexOnOrBefore(day)` is the last n on or before it. */
type TSeries = { dayOf: (n: number) => number; indexOnOrBefore: (day: number) => number; minutes: number; tz: string };

/**
 * Weekly and biweekly: the first matching weekday on or after the anchor, then every 7 or 14 days. Monthly:
 * the anchor's week of the month in each month, from the first such day on or after the anchor.
 */
function seriesOf(rec: TRecurrence): TSeries {
  assertWeekday(rec.weekday);
  const anchor = dayNumber(rec.anchorDate);
  const base = { minutes: minutesOf(rec.localTime), tz: rec.tz };
  if (rec.cadence === 'monthly') {
    const week = weekOfMonthOf(rec.anchorDate);
    let firstMonth = monthIndexOf(anchor);
    // An anchor off the weekday (a hand-made row) still has nothing before it.
    if (monthlyDay(firstMonth, rec.weekday, week) < anchor) firstMonth++;
    const dayOf = (n: number) => monthlyDay(firstMonth + n, rec.weekday, week);
    const indexOnOrBefore = (day: number) => {
      const n = monthIndexOf(day) - firstMonth;
      return dayOf(n) <= day ? n : n - 1;
    };
    return { ...base, dayOf, indexOnOrBefore };
  }
  const first = anchor + ((rec.weekday - weekdayOf(anchor) + 7) % 7);
  const step = rec.cadence === 'biweekly' ? 14 : 7;
  return { ...base, dayOf: (n) => first + n * step, indexOnOrBefore: (day) => Math.floor((day - first) / step) };
}

const indexOnOrBefore = (s: TSeries, day: number) => s.indexOnOrBefore(day);
const startOf = (s: TSeries, n: number) => wallInstant(s.dayOf(n), s.minutes, s.tz);

/** Months since January 1970 of a day number. */
function monthIndexOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth() - 1970 * 12;
}

const dayOfMonth = (day: number) => new Date(day * DAY_MS).getUTCDate();

/** The day number of the n-th (or last) `weekday` of month `month` (months since January 1970). */
function monthlyDay(month: number, weekday: number, week: TWeekOfMonth): number {
  const year = 1970 + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  if (week === 'last') {
    const lastDay = Date.UTC(year, m + 1, 0) / DAY_MS;
    return lastDay - ((weekdayOf(lastDay) - weekday + 7) % 7);
  }
  const firstDay = Date.UTC(year, m, 1) / DAY_MS;
  return firstDay + ((weekday - weekdayOf(firstDay) + 7) % 7) + 7 * (week - 1);
}

function workingWindow(day: number, tz: string, hours: TWorkingHours): { start: DateTime; end: DateTime } | null {
  if (!hours.days.includes(weekdayOf(day))) return null;
  const start = wallInstant(day, minutesOf(hours.start), tz);
  const end = wallInstant(day, minutesOf(hours.end), tz);
  return start < end ? { start, end } : null;
}

/**
 * The instant the wall clock in tz reads `minutes` past midnight on `day`: in a gap, shifted forward by
 * the gap; in an overlap, the earlier instant. Resolved here because luxon picks the offset of an
 * ambiguous time by guessing from the current clock, so its answer would change with the season we run in.
 */
function wallInstant(day: number, minutes: number, tz: string): DateTime {
  const zone = zoneOf(tz);
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  // Real offsets are within ±14 h, so the offsets a day either side bracket any single transition.
  const before = zone.offset(wall - DAY_MS);
  const offsets = [before, zone.offset(wall + DAY_MS)];
  const fits = offsets.map((o) => wall - o * MINUTE_MS).filter((ts, i) => zone.offset(ts) === offsets[i]);
  return DateTime.fromMillis(fits.length > 0 ? Math.min(...fits) : wall - before * MINUTE_MS, { zone });
}

function zoneOf(tz: string): IANAZone {
  const zone = IANAZone.create(tz);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${tz}`);
  return zone;
}

function dayNumber(isoDate: string): number {
  const date = DateTime.fromFormat(isoDate, 'yyyy-MM-dd', { zone: 'utc' });
  if (!date.isValid) throw new RangeError(`Not a yyyy-MM-dd date: ${isoDate}`);
  return Math.round(date.toMillis() / DAY_MS);
}

function localDay(at: DateTime, tz: string): number {
  const local = at.setZone(zoneOf(tz));
  if (!local.isValid) throw new RangeError(`Invalid DateTime: ${at.invalidReason}`);
  return Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
}
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
// 1970-01-01 was a Thursday (4).
const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Not an HH:mm time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function assertWeekday(weekday: number): void {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`Not a weekday 1–7: ${weekday}`);
}
