import { asc, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { auditEvents } from '../schema/index';

export type TAuditEventRow = typeof auditEvents.$inferSelect;
export type TAuditEventValues = Pick<TAuditEventRow, 'workspaceId' | 'actorId' | 'action'> &
  Partial<Pick<TAuditEventRow, 'via' | 'subject' | 'details'>>;

/** Records who changed what (call it inside the transaction that makes the change). */
export function recordAuditEvent(db: TDb, values: TAuditEventValues, now: Date): void {
  db.insert(auditEvents).values({ ...values, createdAt: now }).run();
}

/** A workspace's audit trail, oldest first. */
export function listAuditEvents(db: TDb, workspaceId: string): TAuditEventRow[] {
  return db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId)).orderBy(asc(auditEvents.id)).all();
}
