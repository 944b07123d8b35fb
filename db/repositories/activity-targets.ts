import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { type TDb, tablesOf } from '../client';
import { changedRows, first } from '../query';
import type { activityTargets } from '../schema/index';
import { TARGET_TYPES, type TActivityTarget } from '../../src/domain/target-text';

export type TActivityTargetsRow = typeof activityTargets.$inferSelect;
export type TActivityTargetsStatus = TActivityTargetsRow['status'];

// JSON columns are read through zod: a row written by an older version must not break the screens.
export const ZActivityTargets = z
  .array(z.object({ type: z.enum(TARGET_TYPES), per: z.enum(['week', 'month']), amount: z.number().int().positive() }))
  .catch([]);

export async function findActivityTargetsById(db: TDb, id: number): Promise<TActivityTargetsRow | undefined> {
  const { activityTargets } = tablesOf(db);
  const row = await first(db.select().from(activityTargets).where(eq(activityTargets.id, id)).limit(1));
  return row && clean(row);
}

export async function insertActivityTargets(
  db: TDb,
  values: {
    workspaceId: string;
    personId: number;
    targets: TActivityTarget[];
    status: TActivityTargetsStatus;
    proposedById: number | null;
    agreedById?: number | null;
    agreedAt?: Date | null;
  },
): Promise<TActivityTargetsRow> {
  const { activityTargets } = tablesOf(db);
  const [row] = await db.insert(activityTargets).values({ ...values, proposedTargets: values.targets }).returning();
  return clean(row!);
}

/** Marks a person's sets in `statuses` declined (all but `exceptId`): a newer proposal or agreement replaces them. */
export async function declineActivityTargets(db: TDb, where: { personId: number; statuses: TActivityTargetsStatus[]; exceptId?: number }): Promise<number> {
  const { activityTargets } = tablesOf(db);
  const result = await db
    .update(activityTargets)
    .set({ status: 'declined' })
    .where(
      and(
        eq(activityTargets.personId, where.personId),
        inArray(activityTargets.status, where.statuses),
        where.exceptId === undefined ? undefined : ne(activityTargets.id, where.exceptId),
      ),
    );
  return changedRows(result);
}

/** Records agreement (optionally with adjusted targets; what was proposed is kept) and returns the updated row. */
export async function markActivityTargetsAgreed(db: TDb, id: number, agreedById: number, agreedAt: Date, targets?: TActivityTarget[]): Promise<TActivityTargetsRow> {
  const { activityTargets } = tablesOf(db);
  const [row] = await db
    .update(activityTargets)
    .set({ status: 'agreed', agreedById, agreedAt, ...(targets === undefined ? {} : { targets }) })
    .where(eq(activityTargets.id, id))
    .returning();
  return clean(row!);
}

/** A person's live sets (the newest agreed and the newest proposal), newest first. */
export async function listLiveActivityTargets(db: TDb, personId: number): Promise<TActivityTargetsRow[]> {
  const { activityTargets } = tablesOf(db);
  const rows = await db
    .select()
    .from(activityTargets)
    .where(and(eq(activityTargets.personId, personId), inArray(activityTargets.status, ['proposed', 'agreed'])))
    .orderBy(desc(activityTargets.id));
  return rows.map(clean);
}

export type TAgreedActivityTargets = TActivityTargetsRow & { agreedByName: string | null };

/** Each person's newest agreed set, with the name of whoever agreed it (for the recompute). */
export async function listAgreedActivityTargets(db: TDb, personIds: readonly number[]): Promise<Map<number, TAgreedActivityTargets>> {
  const out = new Map<number, TAgreedActivityTargets>();
  if (personIds.length === 0) return out;
  const { activityTargets, people } = tablesOf(db);
  const rows = await db
    .select({ row: activityTargets, agreedByName: people.name })
    .from(activityTargets)
    .leftJoin(people, eq(people.id, activityTargets.agreedById))
    .where(and(inArray(activityTargets.personId, [...personIds]), eq(activityTargets.status, 'agreed')))
    .orderBy(desc(activityTargets.id));
  for (const { row, agreedByName } of rows) {
    if (!out.has(row.personId)) out.set(row.personId, { ...clean(row), agreedByName });
  }
  return out;
}

function clean(row: TActivityTargetsRow): TActivityTargetsRow {
  return { ...row, targets: ZActivityTargets.parse(row.targets), proposedTargets: ZActivityTargets.parse(row.proposedTargets) };
}
