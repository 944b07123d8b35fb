import { describe, expect, it } from 'vitest';
import { findDeliveriesWithRecipients } from '../../db/repositories/deliveries';
import { addPerson, memoryDb } from '../support/db';

describe('findDeliveriesWithRecipients over more rows than one SQLite statement can bind', () => {
  it('reads 40,000 deliveries (a plan run across 100 workspaces touches that many) in due-time order', async () => {
    const db = await memoryDb();
    const rep = await addPerson(db, 'T0MANY', 'U0REP1', { name: 'Dana' });
    const insert = db.$client.prepare(
      `insert into deliveries (workspace_id, kind, recipient_id, period_key, status, reason, due_at, created_at) values ('T0MANY', 'checkin', ?, ?, 'pending', 'bench', ?, 0) returning id`,
    );
    const base = Date.UTC(2026, 10, 23);
    // Due times run backwards against the ids, so the order comes from the sort, not from insertion.
    const ids = db.$client.transaction(() => Array.from({ length: 40_000 }, (_, i) => (insert.get(rep.id, `checkin:${i}`, base - i * 60_000) as { id: number }).id))();

    const rows = await findDeliveriesWithRecipients(db, ids);

    expect(rows).toHaveLength(40_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(40_000);
    expect(rows[0]!.periodKey).toBe('checkin:39999');
    expect(rows.at(-1)!.periodKey).toBe('checkin:0');
    expect(rows.every((r, i) => i === 0 || r.dueAt!.getTime() >= rows[i - 1]!.dueAt!.getTime())).toBe(true);
    expect(rows[0]!.recipientName).toBe('Dana');
  });
});
