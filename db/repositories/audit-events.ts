import { sql } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { byEngine, rawRows } from '../query';
import type { auditEvents } from '../schema/index';

export type TAuditEventRow = typeof auditEvents.$inferSelect;
export type TAuditEventValues = Pick<TAuditEventRow, 'workspaceId' | 'actorId' | 'action'> &
  Partial<Pick<TAuditEventRow, 'via' | 'subject' | 'details'>>;

/** Records who changed what (call it inside the transaction that makes the change, with its handle). */
export async function recordAuditEvent(db: TDb, values: TAuditEventValues, now: Date): Promise<void> {
  const { auditEvents } = tablesOf(db);
  await db.insert(auditEvents).values({ ...values, createdAt: now });
}

export type TImportRowTotal = { kind: string; outcome: 'inserted' | 'updated' | 'unchanged' | 'rejected'; rows: number };

/** Rows every recorded CSV import (`import.<kind>` events) inserted, updated, left unchanged or rejected, summed over all workspaces. */
export async function sumImportRows(db: TDb): Promise<TImportRowTotal[]> {
  const totals = await rawRows<{ kind: string; inserted: number; updated: number; unchanged: number; rejected: number }>(
    db,
    byEngine(db, {
      sqlite: sql`SELECT substr(action, 8) AS kind,
              coalesce(sum(json_extract(details, '$.inserted')), 0) AS inserted,
              coalesce(sum(json_extract(details, '$.updated')), 0) AS updated,
              coalesce(sum(json_extract(details, '$.unchanged')), 0) AS unchanged,
              coalesce(sum(json_extract(details, '$.rejected')), 0) AS rejected
         FROM audit_events WHERE action LIKE 'import.%' GROUP BY action`,
      postgres: sql`SELECT substr(action, 8) AS kind,
              coalesce(sum((details->>'inserted')::numeric), 0) AS inserted,
              coalesce(sum((details->>'updated')::numeric), 0) AS updated,
              coalesce(sum((details->>'unchanged')::numeric), 0) AS unchanged,
              coalesce(sum((details->>'rejected')::numeric), 0) AS rejected
         FROM audit_events WHERE action LIKE 'import.%' GROUP BY action`,
    }),
  );
  return totals.flatMap((t) =>
    (['inserted', 'updated', 'unchanged', 'rejected'] as const).map((outcome) => ({ kind: t.kind, outcome, rows: Number(t[outcome]) })),
  );
}
