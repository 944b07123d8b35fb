import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { byEngine, instantParam, rawRows } from '../../db/query';
import { findDeliveriesWithRecipients } from '../../db/repositories/deliveries';
import { addPerson, memoryDb } from '../support/db';

describe('findDeliveriesWithRecipients over more rows than one SQLite statement can bind', () => {
  it('reads 40,000 deliveries (a plan run across 100 workspaces touches that many) in due-time order', async () => {
    const db = await memoryDb();
    const rep = await addPerson(db, 'T0MANY', 'U0REP1', { name: 'Dana' });
    const base = Date.UTC(2026, 10, 23);
    // Due times run backwards against the ids, so the order comes from the sort, not from insertion. One statement
    // writes them all (the query builder would take seconds for 40,000 rows).
    const n = sql.raw('n.i');
    const inserted = await rawRows<{ id: number }>(
      db,
      sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < 39999)
          insert into deliveries (workspace_id, kind, recipient_id, period_key, status, reason, due_at, created_at)
          select 'T0MANY', 'checkin', ${rep.id}, 'checkin:' || ${n}, 'pending', 'bench', ${byEngine(db, {
            sqlite: sql`${base} - ${n} * 60000`,
            postgres: sql`to_timestamp((${base}::float8 - ${n}::float8 * 60000) / 1000)`,
          })}, ${instantParam(db, 0)} from n
          returning id`,
    );
    const ids = inserted.map((r) => Number(r.id));

    const rows = await findDeliveriesWithRecipients(db, ids);

    expect(rows).toHaveLength(40_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(40_000);
    expect(rows[0]!.periodKey).toBe('checkin:39999');
    expect(rows.at(-1)!.periodKey).toBe('checkin:0');
    expect(rows.every((r, i) => i === 0 || r.dueAt!.getTime() >= rows[i - 1]!.dueAt!.getTime())).toBe(true);
    expect(rows[0]!.recipientName).toBe('Dana');
  });
});
