import type { DateTime } from 'luxon';
import { activityByStage, type TActivityByStage, type TStagedActivity } from './activity-by-stage';
import type { TActivityStageMap } from './activity-stage-map';
import type { TPeriod } from './periods';
import { weekStarts } from './periods';
import { sparkline } from './sparkline';
import { ACTIVITY_TYPES, type TActivityType, type TStage } from './types';

/** `stage`: the stage the row was logged on (its own, else its deal's then); null or absent falls back to the type's. */
export type TActivityRow = { type: TActivityType; count: number; occurredAt: number /* epoch ms */; stage?: string | null };
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
  /** The workspace's activity type → stage map: where activity with no stage of its own is counted. */
  activityStages: TActivityStageMap;
  period: TPeriod;
  now: DateTime;
  /** Default 8. */
  trendWeeks?: number;
};
export type TPipelineRow = { stage: string; name: string; deals: number; amountCents: number };
export type TRepStats = {
  /** `inProgress` false: the period ended before now (yesterday, last week …), and the trend ends with it. */
  period: { label: string; rangeText: string; inProgress: boolean };
  /** Only types with count > 0, in ACTIVITY_TYPES order. */
  byType: { type: TActivityType; count: number }[];
  total: number;
  /** The period's activity by the stage of the selling system it fed (`activityByStage`). */
  byStage: TActivityByStage;
  /** Open deals by current stage, selling-system order; non-terminal stages with 0 deals included. */
  pipeline: TPipelineRow[];
  /** By closedAt within the period. */
  closedInPeriod: { won: number; wonAmountCents: number; lost: number };
  trend: {
    weekStarts: string[];
    /** The trend's last day (ISO date): today for a period in progress, else the period's last day. */
    through: string;
    totals: number[];
    sparkline: string;
    /** Types with any activity in the trend window. */
    byType: { type: TActivityType; counts: number[]; sparkline: string }[];
  };
};

const DEFAULT_TREND_WEEKS = 8;
const TYPE_INDEX = new Map<TActivityType, number>(ACTIVITY_TYPES.map((type, index) => [type, index]));

/**
 * The instant the trend ends (exclusive): `now` for a period in progress; for a closed one (last month …) the end
 * of the week holding its last day (never after `now`), so the weeks shown lead up to the period asked about, and
 * its last week is a whole one rather than a stub that reads as a drop.
 */
export function trendEnd(period: TPeriod, now: DateTime): DateTime {
  if (period.inProgress || period.end >= now) return now;
  const weekEnd = period.end.minus({ milliseconds: 1 }).startOf('week').plus({ weeks: 1 });
  return weekEnd < now ? weekEnd : now;
}

/** The first instant `computeRepStats` needs activity from: the period's start or the first trend week's, whichever is earlier. */
export function statsReadStart(period: TPeriod, now: DateTime, trendWeeks = DEFAULT_TREND_WEEKS): DateTime {
  const first = weekStarts(lastInstant(trendEnd(period, now), now), Math.max(1, Math.floor(trendWeeks)))[0]!;
  return period.start < first ? period.start : first;
}

/** The trend's last instant: `now` itself while a period runs (as before), else the instant before its end. */
function lastInstant(end: DateTime, now: DateTime): DateTime {
  return end === now ? now : end.minus({ milliseconds: 1 });
}

/** Aggregates a rep's activity and deals for a period plus a weekly trend, in the zone of `now`. */
export function computeRepStats(input: TStatsInput): TRepStats {
  const { period, now } = input;
  const end = trendEnd(period, now);
  const last = lastInstant(end, now);
  const weeks = weekStarts(last, Math.max(1, Math.floor(input.trendWeeks ?? DEFAULT_TREND_WEEKS)));
  const activity = aggregateActivities(input.activities, period, weeks, end.toMillis());

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
    period: { label: period.label, rangeText: period.rangeText, inProgress: period.inProgress },
    byType,
    total: byType.reduce((sum, row) => sum + row.count, 0),
    byStage: activityByStage(activity.periodRows, input.stages, input.activityStages),
    pipeline: pipelineByStage(input.deals, input.stages),
    closedInPeriod: closedIn(input.deals, period.start.toMillis(), period.end.toMillis()),
    trend: {
      weekStarts: weeks.map((week) => week.toISODate() ?? ''),
      through: last.toISODate() ?? '',
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
): { periodCounts: number[]; weekCounts: number[][]; periodRows: TStagedActivity[] } {
  const periodStart = period.start.toMillis();
  const periodEnd = period.end.toMillis();
  const bounds = weeks.map((week) => week.toMillis());
  const firstWeek = bounds[0] ?? nowMs;
  const periodCounts = ACTIVITY_TYPES.map(() => 0);
  const weekCounts = bounds.map(() => ACTIVITY_TYPES.map(() => 0));
  const periodRows: TStagedActivity[] = [];

  for (const row of rows) {
    const typeIndex = TYPE_INDEX.get(row.type);
    if (typeIndex === undefined || !(row.count > 0)) continue;
    const at = row.occurredAt;
    if (at >= periodStart && at < periodEnd) {
      periodCounts[typeIndex]! += row.count;
      periodRows.push(row);
    }
    if (at < firstWeek || at >= nowMs) continue;
    // A handful of weeks: scanning back from the newest beats a binary search here.
    let week = bounds.length - 1;
    while (week > 0 && at < bounds[week]!) week -= 1;
    weekCounts[week]![typeIndex]! += row.count;
  }
  return { periodCounts, weekCounts, periodRows };
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
