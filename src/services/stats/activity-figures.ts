import type { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listRepActivities } from '../../../db/repositories/activities';
import type { TPersonRow } from '../../../db/repositories/people';
import { workingDaysBetween } from '../../domain/brief-period';
import { readPreferences } from '../../domain/preferences';
import { ACTIVITY_TYPES, type TActivityType } from '../../domain/types';
import type { TRepCoaching } from '../coaching/coaching-rows';
import { getRepCoaching } from '../coaching/get-rep-coaching';
import { getCoachingSettings } from '../setup/coaching-settings';

/*
 * One number per metric (SPEC §2): what a rep did of each activity type in a named period, against what
 * was expected of them in it, computed here once for the digest, the team digest and the brief. The
 * expectation is the weekly figure of the snapshot in force when the period ends (`/stats` and Home show
 * the same weekly figure); over a period it is that figure × the period's working days / the rep's working
 * days in a week, so a full week expects exactly the weekly figure — never a daily amount × 5 (15 a day
 * is 72 a week, not 75).
 */

export type TActivityFigure = {
  type: TActivityType;
  /** Logged in the period. */
  done: number;
  /** Expected in the period (null when nothing was asked of this type). */
  expected: number | null;
  /** The expectation as set: its weekly figure, and the amount and unit it is told in. */
  weekly: number | null;
  per: 'day' | 'week' | null;
  amount: number | null;
};

export type TActivityPeriod = { from: DateTime; to: DateTime };

/** The expectations in force at `at` (the rep's latest coaching snapshot then), none before the first recompute. */
export async function expectationsAt(db: TDb, rep: TPersonRow, at: Date): Promise<TRepCoaching['expectations']> {
  return (await getRepCoaching(db, rep.id, at))?.expectations ?? [];
}

/** A weekly figure over a period with `workingDays` of the rep's `perWeek` working days, rounded. */
export function expectedOver(weekly: number, workingDays: number, perWeek: number): number {
  return Math.max(0, Math.round((weekly * workingDays) / Math.max(1, perWeek)));
}

/**
 * Each activity type done or expected in [from, to), against `asked` (by default the expectations in force
 * when the period ends). Types neither done nor expected are left out. `counted` is what was done in the
 * period by type, when the caller has read it already (the digest's week stats).
 */
export async function activityFigures(
  db: TDb,
  rep: TPersonRow,
  period: TActivityPeriod,
  asked?: TRepCoaching['expectations'],
  counted?: ReadonlyMap<TActivityType, number>,
): Promise<TActivityFigure[]> {
  const expectations = asked ?? (await expectationsAt(db, rep, period.to.toJSDate()));
  const done = counted ?? (await countByType(db, rep, period));
  const { workingDays: days, workStart, workEnd } = readPreferences(rep.preferences, (await getCoachingSettings(db, rep.workspaceId)).preferenceDefaults);
  // By the rep's working hours: a period ending at 22:30 has had all of that day's work, one ending at 08:00 none.
  const workingDays = workingDaysBetween(period.from, period.to, rep.tz, days, { workStart, workEnd });
  return ACTIVITY_TYPES.flatMap((type) => {
    const x = expectations.find((e) => e.type === type);
    const count = done.get(type) ?? 0;
    if (!x && count === 0) return [];
    return [{ type, done: count, expected: x ? expectedOver(x.weeklyAmount, workingDays, days.length) : null, weekly: x?.weeklyAmount ?? null, per: x?.per ?? null, amount: x?.amount ?? null }];
  });
}

async function countByType(db: TDb, rep: TPersonRow, period: TActivityPeriod): Promise<Map<TActivityType, number>> {
  const done = new Map<TActivityType, number>();
  for (const row of await listRepActivities(db, rep.id, period.from.toJSDate(), period.to.toJSDate())) {
    done.set(row.type, (done.get(row.type) ?? 0) + row.count);
  }
  return done;
}
