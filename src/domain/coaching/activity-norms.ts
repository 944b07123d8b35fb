import { ACTIVITY_TYPES, type TActivityType } from '../types';
import { DAY_MS, quantileSorted, WEEK_MS, type TWeeklyActivity } from './inputs';

/** One activity type's weekly counts across a team's active rep-weeks, and its total in the window. */
export type TTypeNorm = { low: number; median: number; high: number; weeks: number; total: number };
/** What a team's reps actually do, per activity type, over the trailing window. */
export type TActivityNorms = { byType: Record<TActivityType, TTypeNorm>; activeRepWeeks: number };

const TYPE_INDEX = new Map<TActivityType, number>(ACTIVITY_TYPES.map((type, i) => [type, i]));
const memo = new WeakMap<readonly TWeeklyActivity[], Map<string, TActivityNorms>>();

// Parsed week starts: a team has a few dozen distinct weeks but tens of thousands of rows.
const parsed = new Map<string, number>();

/** Week start (UTC midnight of the ISO date) in epoch ms; NaN for a malformed date. */
export function weekStartMs(weekStart: string): number {
  let ms = parsed.get(weekStart);
  if (ms === undefined) {
    if (parsed.size > 10_000) parsed.clear();
    ms = Date.parse(`${weekStart.slice(0, 10)}T00:00:00Z`);
    parsed.set(weekStart, ms);
  }
  return ms;
}

/** True for a week inside the trailing window; `complete` also asks that it has ended by `now`. */
export function inWindow(weekStart: string, now: number, windowDays: number, complete: boolean): boolean {
  const start = weekStartMs(weekStart);
  if (!(start >= now - windowDays * DAY_MS)) return false;
  return complete ? start + WEEK_MS <= now : start <= now;
}

/**
 * Percentiles (`low`, `high`) and median of weekly per-type counts over the team's active rep-weeks
 * (a week where the rep logged anything: a quiet type counts 0, a holiday week is left out), from
 * complete weeks of the window; `total` sums every week of the window. Memoized per rows array.
 */
export function computeActivityNorms(teamActivity: readonly TWeeklyActivity[], now: number, windowDays: number, percentiles: readonly [number, number]): TActivityNorms {
  const key = `${now}|${windowDays}|${percentiles[0]}|${percentiles[1]}`;
  const cached = memo.get(teamActivity)?.get(key);
  if (cached) return cached;

  // Per distinct week: 0 outside the window, 1 in it but still running, 2 complete.
  const weekState = new Map<string, number>();
  const repWeeks = new Map<number, Map<string, number[]>>();
  const weeks: number[][] = [];
  const totals = new Array<number>(ACTIVITY_TYPES.length).fill(0);
  for (const row of teamActivity) {
    const index = TYPE_INDEX.get(row.type);
    if (index === undefined || !(row.count > 0)) continue;
    let state = weekState.get(row.weekStart);
    if (state === undefined) {
      state = inWindow(row.weekStart, now, windowDays, true) ? 2 : inWindow(row.weekStart, now, windowDays, false) ? 1 : 0;
      weekState.set(row.weekStart, state);
    }
    if (state === 0) continue;
    totals[index]! += row.count;
    if (state === 1) continue;
    let byWeek = repWeeks.get(row.repId);
    if (!byWeek) repWeeks.set(row.repId, (byWeek = new Map()));
    let counts = byWeek.get(row.weekStart);
    if (!counts) {
      byWeek.set(row.weekStart, (counts = new Array<number>(ACTIVITY_TYPES.length).fill(0)));
      weeks.push(counts);
    }
    counts[index]! += row.count;
  }
  const byType = {} as Record<TActivityType, TTypeNorm>;
  ACTIVITY_TYPES.forEach((type, i) => {
    const sorted = Float64Array.from(weeks, (counts) => counts[i]!).sort();
    byType[type] = {
      low: quantileSorted(sorted, percentiles[0]) ?? 0,
      median: quantileSorted(sorted, 0.5) ?? 0,
      high: quantileSorted(sorted, percentiles[1]) ?? 0,
      weeks: sorted.length,
      total: totals[i]!,
    };
  });
  const norms = { byType, activeRepWeeks: weeks.length };
  if (!memo.has(teamActivity)) memo.set(teamActivity, new Map());
  memo.get(teamActivity)!.set(key, norms);
  return norms;
}

/** A rep's totals per type over the window (all weeks, the current one included). */
export function totalsByType(activity: readonly TWeeklyActivity[], repId: number, now: number, windowDays: number): Record<TActivityType, number> {
  const totals = Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])) as Record<TActivityType, number>;
  for (const row of activity) {
    if (row.repId !== repId || row.count <= 0 || !TYPE_INDEX.has(row.type) || !inWindow(row.weekStart, now, windowDays, false)) continue;
    totals[row.type] += row.count;
  }
  return totals;
}
