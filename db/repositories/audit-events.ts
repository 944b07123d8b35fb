import type { TDb } from '../client';
import { auditEvents } from '../schema/index';

export type TAuditEventRow = typeof auditEvents.$inferSelect;
export type TAuditEventValues = Pick<TAuditEventRow, 'workspaceId' | 'actorId' | 'action'> &
  Partial<Pick<TAuditEventRow, 'via' | 'subject' | 'details'>>;

/** Records who changed what (call it inside the transaction that makes the change). */
export async function recordAuditEvent(db: TDb, values: TAuditEventValues, now: Date): Promise<void> {
  db.insert(auditEvents).values({ ...values, createdAt: now }).run();
}

export type TImportRowTotal = { kind: string; outcome: 'inserted' | 'updated' | 'unchanged' | 'rejected'; rows: number };

/** Rows every recorded CSV import (`import.<kind>` events) inserted, updated, left unchanged or rejected, summed over all workspaces. */
export async function sumImportRows(db: TDb): Promise<TImportRowTotal[]> {
  const totals = db.$client
    .prepare(
      `SELECT substr(action, 8) AS kind,
              coalesce(sum(json_extract(details, '$.inserted')), 0) AS inserted,
              coalesce(sum(json_extract(details, '$.updated')), 0) AS updated,
              coalesce(sum(json_extract(details, '$.unchanged')), 0) AS unchanged,
              coalesce(sum(json_extract(details, '$.rejected')), 0) AS rejected
         FROM audit_events WHERE action LIKE 'import.%' GROUP BY action`,
    )
    .all() as { kind: string; inserted: number; updated: number; unchanged: number; rejected: number }[];
  return totals.flatMap((t) => (['inserted', 'updated', 'unchanged', 'rejected'] as const).map((outcome) => ({ kind: t.kind, outcome, rows: t[outcome] })));
}
