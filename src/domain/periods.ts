import type { DateTime } from 'luxon';

/** The reporting periods of SPEC §3 (`/stats [period]`). */
export const PERIOD_NAMES = ['today', 'week', 'last week', 'month', 'quarter', '30d', '90d'] as const;
export type TPeriodName = (typeof PERIOD_NAMES)[number];

/** A resolved period: `start` inclusive, `end` exclusive (periods in progress end at `now`). */
export type TPeriod = { name: TPeriodName; label: string; start: DateTime; end: DateTime; rangeText: string };

// Keys are compacted (lower case, no spaces, hyphens or underscores) so 'Last-Week' and 'last week' meet.
const ALIASES: Readonly<Record<string, TPeriodName>> = {
  today: 'today', day: 'today', td: 'today', thisday: 'today',
  week: 'week', thisweek: 'week', wk: 'week', w: 'week', wtd: 'week', currentweek: 'week', thiswk: 'week',
  lastweek: 'last week', lastwk: 'last week', lw: 'last week', prevweek: 'last week', previousweek: 'last week',
  pastweek: 'last week',
  month: 'month', thismonth: 'month', mtd: 'month', mo: 'month', mth: 'month', currentmonth: 'month',
  quarter: 'quarter', thisquarter: 'quarter', qtd: 'quarter', q: 'quarter', qtr: 'quarter',
  thisqtr: 'quarter', currentquarter: 'quarter',
};

const TRAILING_DAYS: Readonly<Record<string, TPeriodName>> = { '30': '30d', '90': '90d' };

const LABELS: Readonly<Record<TPeriodName, string>> = {
  today: 'Today',
  week: 'This week',
  'last week': 'Last week',
  month: 'This month',
  quarter: 'This quarter',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};

/** Accepts period names and forgiving aliases, case-insensitive; undefined if the text is not a period. */
export function parsePeriodName(text: string): TPeriodName | undefined {
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (key === '') return undefined;
  const alias = ALIASES[key];
  if (alias) return alias;
  // '30d', 'd30', '30', '30days', 'last30days', 'past30d', 'trailing90'…
  const trailing = /^(?:last|past|trailing)?(?:d(\d+)|(\d+)(?:d|days?)?)$/.exec(key);
  if (!trailing) return undefined;
  return TRAILING_DAYS[trailing[1] ?? trailing[2] ?? ''];
}

/** Resolves a period in the zone of `now`. Weeks start Monday; quarters are calendar quarters; 30d/90d are the trailing 30/90 calendar days, today included, ending now. */
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
  const period = { name, label: LABELS[name], start, end, rangeText: rangeText(start, end) };
  const day = now.startOf('day');
  remember(periodCache, key, { period, endsNow: end.toMillis() === nowMs, validFrom: day.toMillis(), validUntil: day.plus({ days: 1 }).toMillis() });
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
    case 'week':
      return { start: now.startOf('week'), end: now };
    case 'last week': {
      const end = now.startOf('week');
      return { start: end.minus({ weeks: 1 }).startOf('week'), end };
    }
    case 'month':
      return { start: now.startOf('month'), end: now };
    case 'quarter':
      return { start: now.startOf('quarter'), end: now };
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
