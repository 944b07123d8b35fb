import type { DateTime } from 'luxon';
import type { TPeriod } from './periods';
import { weekStarts } from './periods';
import { sparkline } from './sparkline';
import { ACTIVITY_TYPES, type TActivityType, type TStage } from './types';

export type TActivityRow = { type: TActivityType; count: number; occurredAt: number /* epoch ms */ };
export type TDealRow = {
  name: string;
  stage: string;
  outcome: 'open' | 'won' | 'lost';
  amountCents: number | null;
  closedAt: number | null;
};
export type TStatsInput = {
  /** Covering at least min(period.start, first trend week) .. now. */
  activities: readonly TActivityRow[];
  /** The rep's deals. */
  deals: readonly TDealRow[];
  stages: readonly TStage[];
  period: TPeriod;
  now: DateTime;
  /** Default 8. */
  trendWeeks?: number;
};
export type TPipelineRow = { stage: string; name: string; deals: number; amountCents: number };
export type TRepStats = {
  period: { label: string; rangeText: string };
  /** Only types with count > 0, in ACTIVITY_TYPES order. */
  byType: { type: TActivityType; count: number }[];
  total: number;
  /** Open deals by current stage, selling-system order; non-terminal stages with 0 deals included. */
  pipeline: TPipelineRow[];
  /** By closedAt within the period. */
  closedInPeriod: { won: number; wonAmountCents: number; lost: number };
  trend: {
    weekStarts: string[];
    totals: number[];
    sparkline: string;
    /** Types with any activity in the trend window. */
    byType: { type: TActivityType; counts: number[]; sparkline: string }[];
  };
};

const DEFAULT_TREND_WEEKS = 8;
const TYPE_INDEX = new Map<TActivityType, number>(ACTIVITY_TYPES.map((type, index) => [type, index]));

/** Aggregates a rep's activity and deals for a period plus a weekly trend, in the zone of `now`. */
export function computeRepStats(input: TStatsInput): TRepStats {
  const { period, now } = input;
  const weeks = weekStarts(now, Math.max(1, Math.floor(input.trendWeeks ?? DEFAULT_TREND_WEEKS)));
  const activity = aggregateActivities(input.activities, period, weeks, now.toMillis());

  const byType = ACTIVITY_TYPES.flatMap((type, index) => {
    const count = activity.periodCounts[index] ?? 0;
    return count > 0 ? [{ type, count }] : [];
  });
  const trendByType = ACTIVITY_TYPES.flatMap((type, index) => {
    const counts = activity.weekCounts.map((week) => week[index] ?? 0);
    return counts.some((count) => count > 0) ? [{ type, counts, sparkline: sparkline(counts) }] : [];
  });
  const totals = activity.weekCounts.map((week) => week.reduce((sum, count) => sum + count, 0));

  return {
    period: { label: period.label, rangeText: period.rangeText },
    byType,
    total: byType.reduce((sum, row) => sum + row.count, 0),
    pipeline: pipelineByStage(input.deals, input.stages),
    closedInPeriod: closedIn(input.deals, period.start.toMillis(), period.end.toMillis()),
    trend: {
      weekStarts: weeks.map((week) => week.toISODate() ?? ''),
      totals,
      sparkline: sparkline(totals),
      byType: trendByType,
    },
  };
}

/** One pass over the rows: epoch ms compared against precomputed boundaries, no DateTime per row. */
function aggregateActivities(
  rows: readonly TActivityRow[],
  period: TPeriod,
  weeks: readonly DateTime[],
  nowMs: number,
): { periodCounts: number[]; weekCounts: number[][] } {
  const periodStart = period.start.toMillis();
  const periodEnd = period.end.toMillis();
  const bounds = weeks.map((week) => week.toMillis());
  const firstWeek = bounds[0] ?? nowMs;
  const periodCounts = ACTIVITY_TYPES.map(() => 0);
  const weekCounts = bounds.map(() => ACTIVITY_TYPES.map(() => 0));

  for (const row of rows) {
    const typeIndex = TYPE_INDEX.get(row.type);
    if (typeIndex === undefined || !(row.count > 0)) continue;
    const at = row.occurredAt;
    if (at >= periodStart && at < periodEnd) periodCounts[typeIndex]! += row.count;
    if (at < firstWeek || at >= nowMs) continue;
    // A handful of weeks: scanning back from the newest beats a binary search here.
    let week = bounds.length - 1;
    while (week > 0 && at < bounds[week]!) week -= 1;
    weekCounts[week]![typeIndex]! += row.count;
  }
  return { periodCounts, weekCounts };
}

function pipelineByStage(deals: readonly TDealRow[], stages: readonly TStage[]): TPipelineRow[] {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const rows: TPipelineRow[] = ordered
    .filter((stage) => stage.outcome === null)
    .map((stage) => ({ stage: stage.key, name: stage.name, deals: 0, amountCents: 0 }));
  const byKey = new Map<string, TPipelineRow>(rows.map((row) => [row.stage, row]));
  // Deal rows may carry a stage key or a stage name; match either, case-insensitively.
  const lookup = new Map<string, TStage>();
  for (const stage of ordered) {
    lookup.set(stage.key.toLowerCase(), stage);
    if (!lookup.has(stage.name.toLowerCase())) lookup.set(stage.name.toLowerCase(), stage);
  }

  for (const deal of deals) {
    if (deal.outcome !== 'open') continue;
    const stage = lookup.get(deal.stage.toLowerCase());
    const key = stage?.key ?? deal.stage;
    let row = byKey.get(key);
    if (!row) {
      // An open deal in a stage we do not know (or a terminal one): shown after the known stages, not lost.
      row = { stage: key, name: stage?.name ?? deal.stage, deals: 0, amountCents: 0 };
      byKey.set(key, row);
      rows.push(row);
    }
    row.deals += 1;
    row.amountCents += deal.amountCents ?? 0;
  }
  return rows;
}

function closedIn(deals: readonly TDealRow[], startMs: number, endMs: number): TRepStats['closedInPeriod'] {
  const closed = { won: 0, wonAmountCents: 0, lost: 0 };
  for (const deal of deals) {
    if (deal.closedAt === null || deal.closedAt < startMs || deal.closedAt >= endMs) continue;
    if (deal.outcome === 'won') {
      closed.won += 1;
      closed.wonAmountCents += deal.amountCents ?? 0;
    }
    if (deal.outcome === 'lost') closed.lost += 1;
  }
  return closed;
}
