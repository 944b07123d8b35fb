import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rolledBack, type TDb, writeTransaction } from '../../db/client';
import { insertDeliveryIdIfAbsent } from '../../db/repositories/deliveries';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * What the engines must give the services alike (the suite runs this on SQLite, and on PostgreSQL with
 * DATABASE_URL): write transactions that serialise — a read and the write it decides happen as one, however many
 * run at once — nested ones that roll back alone, and a rolled-back run that leaves nothing.
 */

const WS = 'T0TX';
const AT = new Date('2026-12-07T10:00:00Z');

async function deliveriesOf(db: TDb, recipientId: number): Promise<string[]> {
  const rows = await db.select({ key: s.deliveries.periodKey }).from(s.deliveries).where(eq(s.deliveries.recipientId, recipientId));
  return rows.map((r) => r.key).sort();
}

/** Counts what is there, then writes the next key: two of these interleaving would both write the same key. */
async function addNext(db: TDb, recipientId: number): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const [row] = await tx.select({ n: count() }).from(s.deliveries).where(and(eq(s.deliveries.recipientId, recipientId), eq(s.deliveries.kind, 'nudge')));
    await tx.insert(s.deliveries).values({ workspaceId: WS, kind: 'nudge', recipientId, periodKey: `n${String(row!.n).padStart(2, '0')}`, status: 'pending', reason: 'test', dueAt: AT, createdAt: AT });
  });
}

describe('write transactions on this engine', () => {
  it('serialise: 12 read-then-write transactions at once all land, each on its own key (PostgreSQL retries the conflicts)', async () => {
    const db = await memoryDb();
    const dana = await addPerson(db, WS, 'U0DANA');
    await Promise.all(Array.from({ length: 12 }, () => addNext(db, dana.id)));
    expect(await deliveriesOf(db, dana.id)).toEqual(Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, '0')}`));
  });

  it('a claim by unique key is won once however many race for it', async () => {
    const db = await memoryDb();
    const dana = await addPerson(db, WS, 'U0DANA');
    const claim = () => insertDeliveryIdIfAbsent(db, { workspaceId: WS, kind: 'checkin', recipientId: dana.id, periodKey: 'checkin:2026-12-07', status: 'pending', reason: 'test', dueAt: AT, subjectId: null, createdAt: AT });
    const ids = await Promise.all(Array.from({ length: 8 }, claim));
    expect(ids.filter((id) => id !== undefined)).toHaveLength(1);
    expect(await deliveriesOf(db, dana.id)).toEqual(['checkin:2026-12-07']);
  });

  it('a nested transaction that fails rolls back alone; the outer one keeps its own writes', async () => {
    const db = await memoryDb();
    const dana = await addPerson(db, WS, 'U0DANA');
    await writeTransaction(db, async (tx) => {
      await tx.update(s.people).set({ name: 'Dana Outer' }).where(eq(s.people.id, dana.id));
      await expect(
        writeTransaction(tx, async (inner) => {
          await inner.update(s.people).set({ name: 'Dana Inner' }).where(eq(s.people.id, dana.id));
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    const [row] = await db.select({ name: s.people.name }).from(s.people).where(eq(s.people.id, dana.id));
    expect(row!.name).toBe('Dana Outer');
  });

  it('rolledBack returns what its work computed and leaves no trace, nested transactions included', async () => {
    const db = await memoryDb();
    const dana = await addPerson(db, WS, 'U0DANA');
    const seen = await rolledBack(db, async (tx) => {
      await addNext(tx, dana.id);
      return deliveriesOf(tx, dana.id);
    });
    expect(seen).toEqual(['n00']);
    expect(await deliveriesOf(db, dana.id)).toEqual([]);
  });
});
