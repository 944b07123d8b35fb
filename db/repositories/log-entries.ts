import { and, eq } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { first } from '../query';
import type { logEntries } from '../schema/index';
import type { TLogSource } from '../schema/log-entries';

export type TLogEntryRecord = typeof logEntries.$inferSelect;

export async function findLogEntry(db: TDb, workspaceId: string, sourceRef: string): Promise<TLogEntryRecord | undefined> {
  const { logEntries } = tablesOf(db);
  return first(
    db
      .select()
      .from(logEntries)
      .where(and(eq(logEntries.workspaceId, workspaceId), eq(logEntries.sourceRef, sourceRef)))
      .limit(1),
  );
}

export async function insertLogEntry(
  db: TDb,
  values: { workspaceId: string; personId: number; source: TLogSource; sourceRef: string; rawText: string; unparsed: string[]; editedTs: string | null },
): Promise<TLogEntryRecord> {
  const { logEntries } = tablesOf(db);
  return (await db.insert(logEntries).values(values).returning())[0]!;
}

export async function updateLogEntryText(db: TDb, id: number, change: { rawText: string; unparsed: string[]; editedTs: string | null; at: Date }): Promise<void> {
  const { logEntries } = tablesOf(db);
  await db
    .update(logEntries)
    .set({ rawText: change.rawText, unparsed: change.unparsed, editedTs: change.editedTs, updatedAt: change.at })
    .where(eq(logEntries.id, id));
}

export async function setLogEntryReply(db: TDb, id: number, replyChannel: string, replyTs: string): Promise<void> {
  const { logEntries } = tablesOf(db);
  await db.update(logEntries).set({ replyChannel, replyTs }).where(eq(logEntries.id, id));
}

/** Keeps the entry as a tombstone (its key only: the rep deleted the words) so a late retry can't revive it. */
export async function markLogEntryDeleted(db: TDb, id: number, at: Date): Promise<void> {
  const { logEntries } = tablesOf(db);
  await db.update(logEntries).set({ deletedAt: at, rawText: '', unparsed: [] }).where(eq(logEntries.id, id));
}

export async function deleteActivitiesOfLogEntry(db: TDb, logEntryId: number): Promise<void> {
  const { activities } = tablesOf(db);
  await db.delete(activities).where(eq(activities.logEntryId, logEntryId));
}

export async function setLogEntryAmountChanges(db: TDb, id: number, amountChanges: TLogEntryRecord['amountChanges']): Promise<void> {
  const { logEntries } = tablesOf(db);
  await db.update(logEntries).set({ amountChanges }).where(eq(logEntries.id, id));
}

export async function setLogEntryCountChanges(db: TDb, id: number, countChanges: TLogEntryRecord['countChanges']): Promise<void> {
  const { logEntries } = tablesOf(db);
  await db.update(logEntries).set({ countChanges }).where(eq(logEntries.id, id));
}

export async function appendLogEntryAmountChange(db: TDb, id: number, change: TLogEntryRecord['amountChanges'][number]): Promise<void> {
  const { logEntries } = tablesOf(db);
  const entry = await first(db.select({ amountChanges: logEntries.amountChanges }).from(logEntries).where(eq(logEntries.id, id)).limit(1));
  if (!entry) return;
  await db.update(logEntries).set({ amountChanges: [...entry.amountChanges, change] }).where(eq(logEntries.id, id));
}

export async function getLogEntry(db: TDb, id: number): Promise<TLogEntryRecord | undefined> {
  const { logEntries } = tablesOf(db);
  return first(db.select().from(logEntries).where(eq(logEntries.id, id)).limit(1));
}

export async function setLogEntryConfirmation(db: TDb, id: number, confirmation: Record<string, unknown>): Promise<void> {
  const { logEntries } = tablesOf(db);
  await db.update(logEntries).set({ confirmation }).where(eq(logEntries.id, id));
}
