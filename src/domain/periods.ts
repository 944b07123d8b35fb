import type { DateTime } from 'luxon';

/** The reporting periods of SPEC §3 (`/stats [period]`). */
export const PERIOD_NAMES = [
  'today',
  'yesterday',
  'week',
  'last week',
  'month',
  'last month',
  'quarter',
  'last quarter',
  'ytd',
  '7d',
  '30d',
  '90d',
] as const;
export type TPeriodName = (typeof PERIOD_NAMES)[number];

/**
 * A resolved period: `start` inclusive, `end` exclusive. Periods in progress end at `now`; closed ones
 * (yesterday, last week, last month, last quarter) end at a local midnight before it.
 */
export type TPeriod = { name: TPeriodName; label: string; start: DateTime; end: DateTime; rangeText: string; inProgress: boolean };

/** The periods that end before `now`: nothing more can be logged in them, and no pace applies. */
const CLOSED: ReadonlySet<TPeriodName> = new Set(['yesterday', 'last week', 'last month', 'last quarter']);

// Keys are compacted (lower case, no spaces, hyphens or underscores) so 'Last-Week' and 'last week' meet.
const ALIASES: Readonly<Record<string, TPeriodName>> = {
  today: 'today', day: 'today', td: 'today', thisday: 'today',
  yesterday: 'yesterday', yday: 'yesterday', yd: 'yesterday', yest: 'yesterday', prevday: 'yesterday',
  previousday: 'yesterday', lastday: 'yesterday',
  week: 'week', thisweek: 'week', wk: 'week', w: 'week', wtd: 'week', currentweek: 'week', thiswk: 'week',
  lastweek: 'last week', lastwk: 'last week', lw: 'last week', prevweek: 'last week', previousweek: 'last week',
  pastweek: 'last week',
  month: 'month', thismonth: 'month', mtd: 'month', mo: 'month', mth: 'month', currentmonth: 'month',
  lastmonth: 'last month', lastmo: 'last month', lastmth: 'last month', lm: 'last month', prevmonth: 'last month',
  previousmonth: 'last month', prevmo: 'last month', pastmonth: 'last month',
  quarter: 'quarter', thisquarter: 'quarter', qtd: 'quarter', q: 'quarter', qtr: 'quarter',
  thisqtr: 'quarter', currentquarter: 'quarter',
  lastquarter: 'last quarter', lastq: 'last quarter', lastqtr: 'last quarter', lq: 'last quarter',
  prevquarter: 'last quarter', prevq: 'last quarter', prevqtr: 'last quarter', previousquarter: 'last quarter',
  pastquarter: 'last quarter',
  ytd: 'ytd', year: 'ytd', thisyear: 'ytd', yeartodate: 'ytd', currentyear: 'ytd', yr: 'ytd', thisyr: 'ytd',
};

// 'week' is this calendar week; seven days back from today is '7d' ('7 days', 'last 7 days').
const TRAILING_DAYS: Readonly<Record<string, TPeriodName>> = { '7': '7d', '30': '30d', '90': '90d' };

const LABELS: Readonly<Record<TPeriodName, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'This week',
  'last week': 'Last week',
  month: 'This month',
  'last month': 'Last month',
  quarter: 'This quarter',
  'last quarter': 'Last quarter',
  ytd: 'This year',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};

/** Accepts period names and forgiving aliases, case-insensitive; undefined if the text is not a period. */
export function parsePeriodName(text: string): TPeriodName | undefined {
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (key === '') return undefined;
  const alias = ALIASES[key];
  if (alias) return alias;
  // '7d', '30d', 'd30', '30', '30days', 'last30days', 'past30d', 'trailing90'…
  const trailing = /^(?:last|past|trailing)?(?:d(\d+)|(\d+)(?:d|days?)?)$/.exec(key);
  if (!trailing) return undefined;
  return TRAILING_DAYS[trailing[1] ?? trailing[2] ?? ''];
}

/**
 * Resolves a period in the zone of `now`. Weeks start Monday; quarters are calendar quarters; the year is the
 * calendar year; 7d/30d/90d are the trailing 7/30/90 calendar days, today included, ending now. Closed periods
 * run from one local midnight to another, so they are a day (a week, a month) of wall-clock time across DST.
 */
export function resolvePeriod(name: TPeriodName, now: DateTime): TPeriod {
  const nowMs = now.toMillis();
  const key = `${name}|${now.zoneName}`;
  const cached = periodCache.get(key);
  // Zone arithmetic is the costly part of `/stats`; within one local day a period's start and its
  // range text do not change, only an in-progress period's end (= now).
  if (cached && nowMs >= cached.validFrom && nowMs < cached.validUntil) {
    return cached.endsNow ? { ...cached.period, end: now } : cached.period;
  }
  const { start, end } = bounds(name, now);
  const period = { name, label: LABELS[name], start, end, rangeText: rangeText(start, end), inProgress: !CLOSED.has(name) };
  const day = now.startOf('day');
  // In-progress periods end at now; a closed one ends at a midnight even when `now` is that midnight.
  remember(periodCache, key, { period, endsNow: period.inProgress, validFrom: day.toMillis(), validUntil: day.plus({ days: 1 }).toMillis() });
  return period;
}

type TCachedPeriod = { period: TPeriod; endsNow: boolean; validFrom: number; validUntil: number };
type TCachedWeeks = { starts: DateTime[]; validFrom: number; validUntil: number };
const periodCache = new Map<string, TCachedPeriod>();
const weeksCache = new Map<string, TCachedWeeks>();
const CACHE_LIMIT = 2000;

/** A small bounded memo: one entry per (period or week count, zone); cleared whole when it fills. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

function bounds(name: TPeriodName, now: DateTime): { start: DateTime; end: DateTime } {
  switch (name) {
    case 'today':
      return { start: now.startOf('day'), end: now };
    case 'yesterday': {
      // Calendar arithmetic, then snap: a 23- or 25-hour day still starts at local midnight.
      const end = now.startOf('day');
      return { start: end.minus({ days: 1 }).startOf('day'), end };
    }
    case 'week':
      return { start: now.startOf('week'), end: now };
    case 'last week': {
      const end = now.startOf('week');
      return { start: end.minus({ weeks: 1 }).startOf('week'), end };
    }
    case 'month':
      return { start: now.startOf('month'), end: now };
    case 'last month': {
      const end = now.startOf('month');
      return { start: end.minus({ months: 1 }).startOf('month'), end };
    }
    case 'quarter':
      return { start: now.startOf('quarter'), end: now };
    case 'last quarter': {
      const end = now.startOf('quarter');
      return { start: end.minus({ quarters: 1 }).startOf('quarter'), end };
    }
    case 'ytd':
      return { start: now.startOf('year'), end: now };
    case '7d':
      return { start: now.minus({ days: 6 }).startOf('day'), end: now };
    case '30d':
      return { start: now.minus({ days: 29 }).startOf('day'), end: now };
    case '90d':
      return { start: now.minus({ days: 89 }).startOf('day'), end: now };
  }
}

/** The starts of the last `count` weeks (Monday 00:00 local), oldest first, the last being the current week. */
export function weekStarts(now: DateTime, count: number): DateTime[] {
  if (count <= 0) return [];
  const nowMs = now.toMillis();
  const key = `${count}|${now.zoneName}`;
  const cached = weeksCache.get(key);
  if (cached && nowMs >= cached.validFrom && nowMs < cached.validUntil) return [...cached.starts];
  const starts: DateTime[] = [];
  // Subtract calendar weeks first, then snap: stays on local midnight across DST changes.
  for (let back = count - 1; back >= 0; back -= 1) starts.push(now.minus({ weeks: back }).startOf('week'));
  const current = starts[starts.length - 1]!;
  remember(weeksCache, key, { starts, validFrom: current.toMillis(), validUntil: current.plus({ weeks: 1 }).toMillis() });
  return [...starts];
}

// en-US: 'Sep' rather than en-GB's 'Sept'; the day-first order is ours.
const DAY_FORMAT = 'ccc d LLL';
const FORMAT_OPTIONS = { locale: 'en-US' } as const;

function rangeText(start: DateTime, end: DateTime): string {
  // `end` is exclusive: the last day shown is the one holding the last instant of the period.
  const last = end > start ? end.minus({ milliseconds: 1 }) : start;
  const withYear = start.year !== last.year;
  const format = withYear ? `${DAY_FORMAT} yyyy` : DAY_FORMAT;
  const from = start.toFormat(format, FORMAT_OPTIONS);
  if (start.hasSame(last, 'day')) return from;
  return `${from} – ${last.toFormat(format, FORMAT_OPTIONS)}`;
}
