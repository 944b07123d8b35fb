import type { DateTime } from 'luxon';
import { weekStarts } from '../periods';
import { DEFAULT_PREFERENCES, type TPreferences } from '../preferences';
import type { TActivityType } from '../types';
import { countOf, paceAgainst, type TPace } from './expectations';

/*
 * Pace by the person's own working days and hours (SPEC §2 Expectation): "today" and "this week" are prorated
 * by the working time gone by in their zone, and nothing is judged on a day off or outside their hours.
 * Pure: `now` is passed in, already in the person's zone.
 */

/** The working days and hours pace is measured against (a subset of the person's preferences). */
export type TWorkingTime = Pick<TPreferences, 'workingDays' | 'workStart' | 'workEnd'>;

/** Where the person is in their working time at `now`: at work, before or after it on a working day, or on a day off. */
export type TWorkingMoment = 'working' | 'before_work' | 'after_work' | 'day_off';

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The moment of the person's working time `now` (local wall clock) falls in. */
export function workingMoment(now: DateTime, working: TWorkingTime = DEFAULT_PREFERENCES): TWorkingMoment {
  if (!working.workingDays.includes(now.weekday)) return 'day_off';
  const minutes = now.hour * 60 + now.minute;
  if (minutes < minutesOf(working.workStart)) return 'before_work';
  return minutes >= minutesOf(working.workEnd) ? 'after_work' : 'working';
}

/** Share of today's working hours gone by at `now` (0 before the start, 1 after the end, 0 on a day off), by the local wall clock. */
export function elapsedShareOfDay(now: DateTime, working: TWorkingTime = DEFAULT_PREFERENCES): number {
  if (!working.workingDays.includes(now.weekday)) return 0;
  const start = minutesOf(working.workStart);
  const length = minutesOf(working.workEnd) - start;
  if (length <= 0) return 1;
  const minutes = now.hour * 60 + now.minute + now.second / 60;
  return Math.min(1, Math.max(0, (minutes - start) / length));
}

/**
 * Working days of the ISO week gone by at `now`, and how many it has: Wednesday 13:00 with Mon–Fri 09:00–17:00
 * is 2.5 of 5; with Sun–Thu, Monday 13:00 is 0.5 of 5 (the ISO week's Sunday is still to come).
 */
export function workingDaysElapsed(now: DateTime, working: TWorkingTime = DEFAULT_PREFERENCES): { elapsed: number; total: number } {
  const days = working.workingDays;
  const before = days.filter((d) => d < now.weekday).length;
  return { elapsed: before + elapsedShareOfDay(now, working), total: days.length };
}

/** Share of the working week gone by at `now`: working days elapsed over working days in the week. */
export function elapsedShareOfWeek(now: DateTime, working: TWorkingTime = DEFAULT_PREFERENCES): number {
  const { elapsed, total } = workingDaysElapsed(now, working);
  return total === 0 ? 1 : elapsed / total;
}

/** Share of the calendar month's working days gone by at `now` (today counted by its working hours gone by). */
export function elapsedShareOfMonth(now: DateTime, working: TWorkingTime = DEFAULT_PREFERENCES): number {
  let before = 0;
  let total = 0;
  for (let day = now.startOf('month'); day.month === now.month; day = day.plus({ days: 1 })) {
    if (!working.workingDays.includes(day.weekday)) continue;
    total++;
    if (day.day < now.day) before++;
  }
  return total === 0 ? 1 : (before + elapsedShareOfDay(now, working)) / total;
}

/** A pace, or `off`: outside the person's working time, where nothing is judged (no "behind", no "on pace"). */
export type TProgressPace = TPace | { status: 'off'; gap: 0; remaining: number; ahead: false; text: string };

export type TExpectationProgress = { type: TActivityType; per: 'day' | 'week' | 'month'; amount: number; done: number; pace: TProgressPace; derivationText: string };

/**
 * Each expectation against what the rep has done this week (or today, for daily ones), prorated by the working
 * time gone by in the rep's own days and hours, so Monday morning is never "behind". Outside working time no
 * pace is judged: a daily expectation on a day off is not due, and before or after work (or on a day off) the
 * numbers are shown as they stand. A met expectation is met whenever it is looked at (but not a daily one on a day off).
 */
export function expectationProgress(
  expectations: readonly { type: TActivityType; per: 'day' | 'week' | 'month'; amount: number; derivationText: string }[],
  activities: readonly { type: TActivityType; count: number; occurredAt: number }[],
  now: DateTime,
  working: TWorkingTime = DEFAULT_PREFERENCES,
): TExpectationProgress[] {
  const nowMs = now.toMillis();
  const weekStart = weekStarts(now, 1)[0]!.toMillis();
  const dayStart = now.startOf('day').toMillis();
  const monthStart = now.startOf('month').toMillis();
  const done = { day: new Map<TActivityType, number>(), week: new Map<TActivityType, number>(), month: new Map<TActivityType, number>() };
  const add = (counts: Map<TActivityType, number>, row: { type: TActivityType; count: number }) => counts.set(row.type, (counts.get(row.type) ?? 0) + row.count);
  for (const row of activities) {
    if (row.occurredAt > nowMs) continue;
    if (row.occurredAt >= weekStart) add(done.week, row);
    if (row.occurredAt >= dayStart) add(done.day, row);
    if (row.occurredAt >= monthStart) add(done.month, row);
  }
  const moment = workingMoment(now, working);
  const share = { day: elapsedShareOfDay(now, working), week: elapsedShareOfWeek(now, working), month: elapsedShareOfMonth(now, working) };
  return expectations.map((x) => {
    const doneSoFar = done[x.per].get(x.type) ?? 0;
    const judged = paceAgainst(x, doneSoFar, share[x.per]);
    const pace = moment === 'working' || (judged.status === 'met' && !(x.per === 'day' && moment === 'day_off')) ? judged : offPace(x, doneSoFar, moment, working);
    return { type: x.type, per: x.per, amount: x.amount, done: doneSoFar, pace, derivationText: x.derivationText };
  });
}

/** The numbers as they stand, without a judgement, outside working time. */
function offPace(x: { type: TActivityType; per: 'day' | 'week' | 'month'; amount: number }, done: number, moment: Exclude<TWorkingMoment, 'working'>, working: TWorkingTime): TProgressPace {
  const remaining = Math.max(0, x.amount - done);
  const target = countOf(x.type, x.amount);
  let text: string;
  if (x.per === 'day' && moment === 'day_off') text = `Day off: nothing due today (${target} a working day).`;
  else if (x.per === 'day' && moment === 'before_work') text = `Today: ${done} of ${target}; your day starts at ${working.workStart}.`;
  else if (x.per === 'day') text = `Today: ${done} of ${target} (your working day is over).`;
  else text = `This ${x.per}: ${done} of ${target} so far.`;
  return { status: 'off', gap: 0, remaining, ahead: false, text };
}
