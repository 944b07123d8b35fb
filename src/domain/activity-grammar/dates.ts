import type { DateTime } from 'luxon';
import { readCount } from './counts';
import type { TDayRange } from './reading';
import { removeTokens } from './tokens';
import type { TWhen } from './types';

/** How far back a rep may log by "N days ago": a month. Older activity is entered some other way. */
export const MAX_DAYS_AGO = 31;

/**
 * A date phrase read from a piece: the day it means (undefined = today) or why it cannot be used. A day
 * range ("mon-wed") has `range` too, and `when` is its last day.
 */
export type TDateRead = { when: TWhen | undefined; problem?: string; range?: TDayRange };

type TWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const WEEKDAYS: ReadonlyMap<string, TWeekday> = new Map([
  ['monday', 1], ['mon', 1], ['tuesday', 2], ['tue', 2], ['tues', 2], ['wednesday', 3], ['wed', 3], ['weds', 3],
  ['thursday', 4], ['thu', 4], ['thur', 4], ['thurs', 4], ['friday', 5], ['fri', 5], ['saturday', 6], ['sat', 6],
  ['sunday', 7], ['sun', 7],
]);

const TODAY: TDateRead = { when: undefined };
const YESTERDAY: TDateRead = { when: Object.freeze({ daysAgo: 1 }) };
const TWO_DAYS_AGO: TDateRead = { when: Object.freeze({ daysAgo: 2 }) };
const FUTURE: TDateRead = { when: undefined, problem: "that hasn't happened yet, so I can't log it" };
const LAST_WEEK: TDateRead = { when: undefined, problem: 'which day last week? e.g. `last fri: 10 calls`' };
const WEEKDAY_READS: ReadonlyMap<TWeekday, TDateRead> = new Map(
  ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => [weekday, { when: Object.freeze({ weekday }) }]),
);

const SINGLE: ReadonlyMap<string, TDateRead> = new Map([
  ['today', TODAY], ['tonight', TODAY], ['tdy', TODAY], ['yesterday', YESTERDAY], ['yday', YESTERDAY],
  ['yest', YESTERDAY], ['ytd', YESTERDAY], ['tomorrow', FUTURE], ['tmrw', FUTURE], ['tmr', FUTURE],
]);
// Words that only matter before a weekday ("on mon", "last friday") or as the start of a longer phrase.
const WEEKDAY_LEADS: ReadonlySet<string> = new Set(['on', 'last', 'this', 'past']);
const PARTS_OF_DAY: ReadonlySet<string> = new Set(['morning', 'afternoon', 'evening', 'am', 'pm']);

type TDateMatch = { read: TDateRead; length: number };

// "mon to wed", "mon thru fri"; "mon-wed" is one token.
const RANGE_JOINS: ReadonlySet<string> = new Set(['to', 'through', 'thru', 'till', 'until', '-', '–', '—']);
const WEEKDAY_NAMES = ['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function rangeRead(from: TWeekday, to: TWeekday): TDateRead {
  if (from === to) return WEEKDAY_READS.get(to) as TDateRead;
  if (to < from) {
    const said = `${WEEKDAY_NAMES[from]}-${WEEKDAY_NAMES[to]}`;
    return { when: undefined, problem: `"${said}" runs backwards; give the days in order, like "mon-wed", or each day on its own` };
  }
  // A week at most, since both ends are weekdays of the week that ends today.
  return { when: { weekday: to }, range: { weekday: to, days: to - from + 1 } };
}

/** True when a key may be a dashed day range ("mon-wed", "monday-friday"): cheap, to skip most words. */
function mayBeDashedRange(key: string): boolean {
  if (key.length < 7) return false;
  const c = key.charCodeAt(0);
  return (c === 109 || c === 116 || c === 119 || c === 102 || c === 115) && key.indexOf('-') > 2;
}

/** A day range starting at `keys[i]`: "mon-wed" (one token), "mon to wed", "monday through friday". */
function rangeAt(keys: readonly string[], i: number): TDateMatch | undefined {
  const key = keys[i] ?? '';
  const from = WEEKDAYS.get(key);
  if (from !== undefined) {
    const to = RANGE_JOINS.has(keys[i + 1] ?? '') ? WEEKDAYS.get(keys[i + 2] ?? '') : undefined;
    return to === undefined ? undefined : { read: rangeRead(from, to), length: 3 };
  }
  if (!mayBeDashedRange(key)) return undefined;
  let dash = key.indexOf('-');
  let a = WEEKDAYS.get(key.slice(0, dash));
  let b = WEEKDAYS.get(key.slice(dash + 1));
  if (a === undefined || b === undefined) {
    dash = key.search(/[–—]/);
    if (dash < 0) return undefined;
    a = WEEKDAYS.get(key.slice(0, dash));
    b = WEEKDAYS.get(key.slice(dash + 1));
  }
  return a === undefined || b === undefined ? undefined : { read: rangeRead(a, b), length: 1 };
}

function weekdayAt(key: string | undefined): TDateRead | undefined {
  const weekday = key === undefined ? undefined : WEEKDAYS.get(key);
  return weekday === undefined ? undefined : WEEKDAY_READS.get(weekday);
}

function daysAgo(keys: readonly string[], i: number): TDateMatch | undefined {
  const count = readCount(keys, i);
  if (!count || count.vague) return undefined;
  const unit = keys[count.next];
  if ((unit !== 'day' && unit !== 'days') || keys[count.next + 1] !== 'ago') return undefined;
  const length = count.next + 2 - i;
  const n = count.value;
  if (!Number.isInteger(n) || n < 0) {
    return { read: { when: undefined, problem: `"${n} days ago" isn't a day I can use` }, length };
  }
  if (n > MAX_DAYS_AGO) {
    return { read: { when: undefined, problem: `I can log up to ${MAX_DAYS_AGO} days back, not ${n}` }, length };
  }
  return { read: n === 0 ? TODAY : { when: { daysAgo: n } }, length };
}

// Cheap filters: most pieces have no date, and these say so without reading counts.
const STARTS: ReadonlySet<string> = new Set([
  ...SINGLE.keys(), ...WEEKDAYS.keys(), ...WEEKDAY_LEADS, 'earlier', 'day', 'the',
]);
const ENDS: ReadonlySet<string> = new Set([
  ...SINGLE.keys(), ...WEEKDAYS.keys(), ...PARTS_OF_DAY, 'ago', 'night', 'yesterday', 'week', 'wk',
]);

function hasAgo(keys: readonly string[], from: number): boolean {
  const last = Math.min(keys.length, from + 6);
  for (let i = from + 1; i < last; i++) if (keys[i] === 'ago') return true;
  return false;
}

/** Reads a date phrase starting at `keys[i]`, if there is one. */
function dateAt(keys: readonly string[], i: number): TDateMatch | undefined {
  const key = keys[i] ?? '';
  const single = SINGLE.get(key);
  if (single) return { read: single, length: 1 };
  const weekday = weekdayAt(key);
  if (weekday) return (RANGE_JOINS.has(keys[i + 1] ?? '') ? rangeAt(keys, i) : undefined) ?? { read: weekday, length: 1 };
  if (mayBeDashedRange(key)) return rangeAt(keys, i);
  if (WEEKDAY_LEADS.has(key)) {
    const next = keys[i + 1];
    const weekday = weekdayAt(next);
    if (weekday) return { read: weekday, length: 2 };
    if (key === 'this' && next !== undefined && PARTS_OF_DAY.has(next)) return { read: TODAY, length: 2 };
    if (key === 'last' && next === 'night') return { read: YESTERDAY, length: 2 };
    // "last week 10 calls" names no day: logging it today would be wrong.
    if ((key === 'last' || key === 'past') && (next === 'week' || next === 'wk')) return { read: LAST_WEEK, length: 2 };
    return undefined;
  }
  if (key === 'earlier' && keys[i + 1] === 'today') return { read: TODAY, length: 2 };
  if (key === 'day' && keys[i + 1] === 'before' && keys[i + 2] === 'yesterday') return { read: TWO_DAYS_AGO, length: 3 };
  if (key === 'the' && keys[i + 1] === 'day') {
    const inner = dateAt(keys, i + 1);
    return inner ? { read: inner.read, length: inner.length + 1 } : undefined;
  }
  return daysAgo(keys, i);
}

/** Every word a date phrase may start with (see `takeDate`). */
export const DATE_STARTS: ReadonlySet<string> = STARTS;

/**
 * Finds a date phrase at the start of the piece, or else at its end, and removes its tokens from `words`
 * and `keys` (in place). "yesterday: 5 calls", "3 calls on mon", "2 days ago 4 dials". `startsDate` says
 * whether the first key is in DATE_STARTS, when the caller has looked it up already.
 */
export function takeDate(words: string[], keys: string[], startsDate = STARTS.has(keys[0] ?? '')): TDateRead | undefined {
  const first = keys[0] ?? '';
  const lead = startsDate || hasAgo(keys, 0) || mayBeDashedRange(first) ? dateAt(keys, 0) : undefined;
  if (lead) {
    removeTokens(words, keys, 0, lead.length);
    return lead.read;
  }
  const last = keys[keys.length - 1] ?? '';
  if (!ENDS.has(last) && !mayBeDashedRange(last)) return undefined;
  // The longest phrase is 4 tokens ("the day before yesterday"): only the last few can end one.
  for (let start = Math.max(1, keys.length - 4); start < keys.length; start++) {
    const tail = dateAt(keys, start);
    if (tail && start + tail.length === keys.length) {
      words.length = start;
      keys.length = start;
      return tail.read;
    }
  }
  return undefined;
}

/** Said of an activity that is planned, not done: it is logged once it has happened. */
export const PLANNED_PROBLEM = 'that sounds planned — log it once it has happened';

// What a word may say about a plan, by one lookup (most words say nothing).
const UPCOMING = 0;
const TOMORROW = 1;
const NEXT = 2;
const BOOKING = 3;
const FOR = 4;
const PLAN_WORDS: ReadonlyMap<string, number> = new Map([
  ['upcoming', UPCOMING],
  ...['tomorrow', 'tmrw', 'tmr'].map((w): [string, number] => [w, TOMORROW]),
  ['next', NEXT],
  ...['booked', 'scheduled', 'set', 'setup', 'arranged', 'planned', 'lined'].map((w): [string, number] => [w, BOOKING]),
  ['for', FOR],
]);
function isDigitKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** "next tue", "next week": a day or period ahead. */
const NEXT_UNITS: ReadonlySet<string> = new Set([...WEEKDAYS.keys(), 'week', 'wk', 'month']);
/** "booked … for thu", "scheduled … for next week", "set up a call for tomorrow". */
const FOR_DAYS: ReadonlySet<string> = new Set([
  ...WEEKDAYS.keys(), 'next', 'tomorrow', 'tmrw', 'tmr', 'today', 'tonight', 'later', 'this', 'the', 'monday',
]);
/** "pushed to next month" moves a close date; it is no plan of an activity. */
const TARGETS: ReadonlySet<string> = new Set(['to', 'into', 'until', 'till', 'til']);
/** "demo for Acme tomorrow went great": the piece says how it went, so it happened. */
const HAPPENED: ReadonlySet<string> = new Set(['went', 'was', 'were']);

/**
 * Why the piece reads as planned rather than done, or undefined: "next <weekday|week|month>", "booked …
 * for <day>", "scheduled … for <day>", "upcoming", "tomorrow" inside the piece (at its start or end the date
 * reader says it has not happened yet). A count of bookings ("2 convos 1 booked for thu") is detail of today's
 * calls: its "for <day>" is the meeting's day, not the log's, and is dropped from `words` and `keys`.
 */
export function plannedProblem(words: string[], keys: string[]): string | undefined {
  const n = keys.length;
  let booking = false;
  let counted = false;
  for (let i = 0; i < n; i++) {
    const mark = PLAN_WORDS.get(keys[i] ?? '');
    if (mark === undefined) continue;
    switch (mark) {
      case UPCOMING:
        return PLANNED_PROBLEM;
      case TOMORROW:
        if (i > 0 && i < n - 1 && !HAPPENED.has(keys[i + 1] ?? '')) return PLANNED_PROBLEM;
        break;
      case NEXT:
        if (NEXT_UNITS.has(keys[i + 1] ?? '') && !TARGETS.has(keys[i - 1] ?? '')) return PLANNED_PROBLEM;
        break;
      case BOOKING:
        booking = true;
        counted = i > 0 && isDigitKey(keys[i - 1] ?? '');
        break;
      default:
        if (!booking || !FOR_DAYS.has(keys[i + 1] ?? '')) break;
        if (!counted) return PLANNED_PROBLEM;
        words.length = i;
        keys.length = i;
        return undefined;
    }
  }
  return undefined;
}

/** See `resolveOccurredAt` in activity-grammar.ts. */
export function occurredAt(when: TWhen | undefined, now: DateTime): DateTime {
  if (when === undefined) return now;
  // Calendar arithmetic in the person's zone, so a DST change in between does not shift the day.
  const back = 'daysAgo' in when ? when.daysAgo : (now.weekday - when.weekday + 7) % 7 + (when.daysBefore ?? 0);
  const noon = now.minus({ days: back }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  // "today" or "mon" said on a Monday morning must not land in the future.
  return noon > now ? now : noon;
}
