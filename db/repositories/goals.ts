import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { changedRows, first } from '../query';
import type { goals } from '../schema/index';

export type TGoalRow = typeof goals.$inferSelect;
export type TGoalMetric = TGoalRow['metric'];
export type TGoalStatus = TGoalRow['status'];
/** A period as stored: ISO dates in the person's zone, both inclusive. */
export type TGoalPeriod = { start: string; end: string };

export async function findGoalById(db: TDb, id: number): Promise<TGoalRow | undefined> {
  const { goals } = tablesOf(db);
  return first(db.select().from(goals).where(eq(goals.id, id)).limit(1));
}

export async function insertGoal(
  db: TDb,
  values: {
    workspaceId: string;
    personId: number;
    metric: TGoalMetric;
    target: number;
    period: TGoalPeriod;
    status: TGoalStatus;
    proposedById: number | null;
    agreedById?: number | null;
    agreedAt?: Date | null;
  },
): Promise<TGoalRow> {
  const { goals } = tablesOf(db);
  const { period, ...rest } = values;
  const [row] = await db
    .insert(goals)
    .values({ ...rest, periodStart: period.start, periodEnd: period.end })
    .returning();
  return row!;
}

/**
 * Marks a person's goals of one period and metric in `statuses` as declined (all but `exceptId`):
 * a newer proposal replaces an older one, a newly agreed goal the previously agreed one.
 */
export async function declineGoals(
  db: TDb,
  where: { personId: number; period: TGoalPeriod; metric: TGoalMetric; statuses: TGoalStatus[]; exceptId?: number },
): Promise<number> {
  const { goals } = tablesOf(db);
  const result = await db
    .update(goals)
    .set({ status: 'declined' })
    .where(
      and(
        eq(goals.personId, where.personId),
        eq(goals.periodStart, where.period.start),
        eq(goals.periodEnd, where.period.end),
        eq(goals.metric, where.metric),
        inArray(goals.status, where.statuses),
        where.exceptId === undefined ? undefined : ne(goals.id, where.exceptId),
      ),
    );
  return changedRows(result);
}

/** Records agreement (optionally with an adjusted target) and returns the updated row. */
export async function markGoalAgreed(db: TDb, id: number, agreedById: number, agreedAt: Date, target?: number): Promise<TGoalRow> {
  const { goals } = tablesOf(db);
  const [row] = await db
    .update(goals)
    .set({ status: 'agreed', agreedById, agreedAt, ...(target === undefined ? {} : { target }) })
    .where(eq(goals.id, id))
    .returning();
  return row!;
}

/** The live (proposed or agreed) goals of some people for a period, newest first. */
export async function listLiveGoals(db: TDb, personIds: readonly number[], period: TGoalPeriod): Promise<TGoalRow[]> {
  if (personIds.length === 0) return [];
  const { goals } = tablesOf(db);
  return db
    .select()
    .from(goals)
    .where(
      and(
        inArray(goals.personId, [...personIds]),
        eq(goals.periodStart, period.start),
        eq(goals.periodEnd, period.end),
        inArray(goals.status, ['proposed', 'agreed']),
      ),
    )
    .orderBy(desc(goals.id));
}
