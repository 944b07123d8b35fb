import { count, eq } from 'drizzle-orm';
import type { TDb } from '../../db/client';
import type { TTier } from '../../src/domain/coaching/tiers';
import { s } from './tables';

/*
 * Rows the delivery tests write and read directly, through the query builders so that they run on both engines.
 */

/** A delivery as the tests compare it: `dueAt` in epoch milliseconds, `recipient` the person's name. */
export type TDeliveryRow = { id: number; kind: string; recipient: string; key: string; status: string; reason: string; dueAt: number; subjectId: number | null };

/** Every delivery (or those of `kind`), by due time (none first), recipient's name and id. */
export async function deliveryRows(db: TDb, kind?: string): Promise<TDeliveryRow[]> {
  const d = s.deliveries;
  const found = await db
    .select({ id: d.id, kind: d.kind, recipient: s.people.name, key: d.periodKey, status: d.status, reason: d.reason, dueAt: d.dueAt, subjectId: d.subjectId })
    .from(d)
    .innerJoin(s.people, eq(s.people.id, d.recipientId));
  return found
    .map((r) => ({ ...r, dueAt: r.dueAt === null ? (null as unknown as number) : r.dueAt.getTime() }))
    .filter((r) => kind === undefined || r.kind === kind)
    .sort((a, b) => order(a.dueAt ?? -Infinity, b.dueAt ?? -Infinity) || order(a.recipient, b.recipient) || a.id - b.id);
}

const order = <T extends number | string>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

/** Empties the tables, in the order given (children before parents). */
export async function clearTables(db: TDb, tables: readonly (keyof typeof s)[]): Promise<void> {
  for (const name of tables) await db.delete(s[name] as typeof s.people);
}

/** A tier snapshot as the recompute job leaves one ('placed', 'test'). */
export async function placeTier(db: TDb, workspaceId: string, personId: number, tier: TTier, computedAt: Date): Promise<void> {
  await db.insert(s.tierSnapshots).values({ workspaceId, personId, tier, reasonCode: 'placed', reasonText: 'test', details: {}, computedAt });
}

/** An expectation derived "from your goal". */
export async function addExpectation(db: TDb, workspaceId: string, personId: number, activityType: string, per: 'day' | 'week', amount: number, computedAt: Date): Promise<void> {
  await db.insert(s.expectations).values({ workspaceId, personId, activityType, per, amount, derivation: { text: 'from your goal' }, computedAt });
}

/** A delivery that went out at `when`, as the sender records it (reason 'test'). */
export async function recordSent(db: TDb, workspaceId: string, recipientId: number, kind: string, periodKey: string, when: Date): Promise<void> {
  await db.insert(s.deliveries).values({
    workspaceId, kind: kind as (typeof s.deliveries.$inferInsert)['kind'], recipientId, periodKey, status: 'sent', reason: 'test', dueAt: when, sentAt: when, createdAt: when,
  });
}

/** How many rows `table` holds. */
export async function countRows(db: TDb, table: keyof typeof s): Promise<number> {
  const [row] = await db.select({ n: count() }).from(s[table] as typeof s.people);
  return Number(row?.n ?? 0);
}

/** A focus area as the recompute job leaves one (reason 'new'). */
export async function setFocus(
  db: TDb,
  workspaceId: string,
  personId: number,
  stage: string,
  toStage: string | null,
  computedAt: Date,
  more: { expectedGain?: number; evidence?: Record<string, unknown> } = {},
): Promise<void> {
  await db.insert(s.focusAreas).values({ workspaceId, personId, stage, toStage, expectedGain: more.expectedGain ?? 1, evidence: more.evidence ?? {}, reasonCode: 'new', computedAt });
}
