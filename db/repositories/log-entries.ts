import { and, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { activities, logEntries } from '../schema/index';
import type { TLogSource } from '../schema/log-entries';

export type TLogEntryRecord = typeof logEntries.$inferSelect;

export function findLogEntry(db: TDb, workspaceId: string, sourceRef: string): TLogEntryRecord | undefined {
  return db
    .select()
    .from(logEntries)
    .where(and(eq(logEntries.workspaceId, workspaceId), eq(logEntries.sourceRef, sourceRef)))
    .get();
}

export function insertLogEntry(
  db: TDb,
  values: { workspaceId: string; personId: number; source: TLogSource; sourceRef: string; rawText: string; unparsed: string[]; editedTs: string | null },
): TLogEntryRecord {
  return db.insert(logEntries).values(values).returning().get();
}

export function updateLogEntryText(db: TDb, id: number, change: { rawText: string; unparsed: string[]; editedTs: string | null; at: Date }): void {
  db.update(logEntries)
    .set({ rawText: change.rawText, unparsed: change.unparsed, editedTs: change.editedTs, updatedAt: change.at })
    .where(eq(logEntries.id, id))
    .run();
}

export function setLogEntryReply(db: TDb, id: number, replyChannel: string, replyTs: string): void {
  db.update(logEntries).set({ replyChannel, replyTs }).where(eq(logEntries.id, id)).run();
}

/** Keeps the entry as a tombstone (its key only: the rep deleted the words) so a late retry can't revive it. */
export function markLogEntryDeleted(db: TDb, id: number, at: Date): void {
  db.update(logEntries).set({ deletedAt: at, rawText: '', unparsed: [] }).where(eq(logEntries.id, id)).run();
}

export function deleteActivitiesOfLogEntry(db: TDb, logEntryId: number): void {
  db.delete(activities).where(eq(activities.logEntryId, logEntryId)).run();
}

export function setLogEntryAmountChanges(db: TDb, id: number, amountChanges: TLogEntryRecord['amountChanges']): void {
  db.update(logEntries).set({ amountChanges }).where(eq(logEntries.id, id)).run();
}

export function setLogEntryCountChanges(db: TDb, id: number, countChanges: TLogEntryRecord['countChanges']): void {
  db.update(logEntries).set({ countChanges }).where(eq(logEntries.id, id)).run();
}

export function appendLogEntryAmountChange(db: TDb, id: number, change: TLogEntryRecord['amountChanges'][number]): void {
  const entry = db.select({ amountChanges: logEntries.amountChanges }).from(logEntries).where(eq(logEntries.id, id)).get();
  if (!entry) return;
  db.update(logEntries).set({ amountChanges: [...entry.amountChanges, change] }).where(eq(logEntries.id, id)).run();
}

export function getLogEntry(db: TDb, id: number): TLogEntryRecord | undefined {
  return db.select().from(logEntries).where(eq(logEntries.id, id)).get();
}

export function setLogEntryConfirmation(db: TDb, id: number, confirmation: Record<string, unknown>): void {
  db.update(logEntries).set({ confirmation }).where(eq(logEntries.id, id)).run();
}
