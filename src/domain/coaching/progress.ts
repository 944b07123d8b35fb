import type { DateTime } from 'luxon';
import { weekStarts } from '../periods';
import type { TActivityType } from '../types';
import { paceAgainst, type TPace } from './expectations';

/** Working hours used to prorate "on pace" within a day (the person's own settings come later). */
const DAY_START_HOUR = 9;
const DAY_END_HOUR = 17;
const WORKDAYS = 5;

/** Share of today's working hours gone by at `now` (0 before 9:00, 1 after 17:00, in the zone of `now`). */
export function elapsedShareOfDay(now: DateTime): number {
  const hours = now.hour + now.minute / 60;
  return Math.min(1, Math.max(0, (hours - DAY_START_HOUR) / (DAY_END_HOUR - DAY_START_HOUR)));
}

/** Share of the working week (Monday–Friday) gone by at `now`; the weekend counts as a finished week. */
export function elapsedShareOfWeek(now: DateTime): number {
  if (now.weekday > WORKDAYS) return 1;
  return (now.weekday - 1 + elapsedShareOfDay(now)) / WORKDAYS;
}

export type TExpectationProgress = { type: TActivityType; per: 'day' | 'week'; amount: number; done: number; pace: TPace; derivationText: string };

/**
 * Each expectation against what the rep has done this week (or today, for daily ones), prorated by
 * the working time gone by, so Monday morning is never "behind".
 */
export function expectationProgress(
  expectations: readonly { type: TActivityType; per: 'day' | 'week'; amount: number; derivationText: string }[],
  activities: readonly { type: TActivityType; count: number; occurredAt: number }[],
  now: DateTime,
): TExpectationProgress[] {
  const nowMs = now.toMillis();
  const weekStart = weekStarts(now, 1)[0]!.toMillis();
  const dayStart = now.startOf('day').toMillis();
  const week = new Map<TActivityType, number>();
  const day = new Map<TActivityType, number>();
  for (const row of activities) {
    if (row.occurredAt > nowMs) continue;
    if (row.occurredAt >= weekStart) week.set(row.type, (week.get(row.type) ?? 0) + row.count);
    if (row.occurredAt >= dayStart) day.set(row.type, (day.get(row.type) ?? 0) + row.count);
  }
  const weekShare = elapsedShareOfWeek(now);
  const dayShare = elapsedShareOfDay(now);
  return expectations.map((x) => {
    const done = (x.per === 'day' ? day : week).get(x.type) ?? 0;
    const pace = paceAgainst(x, done, x.per === 'day' ? dayShare : weekShare);
    return { type: x.type, per: x.per, amount: x.amount, done, pace, derivationText: x.derivationText };
  });
}
