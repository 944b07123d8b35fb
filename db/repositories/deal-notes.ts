import { eq } from 'drizzle-orm';
import { tablesOf, type TDb } from '../client';

export async function insertDealNote(
  db: TDb,
  row: { workspaceId: string; repId: number; dealId: number; logEntryId: number | null; text: string; occurredAt: Date },
): Promise<void> {
  const { dealNotes } = tablesOf(db);
  await db.insert(dealNotes).values(row);
}

export async function deleteDealNotesOfLogEntry(db: TDb, logEntryId: number): Promise<void> {
  const { dealNotes } = tablesOf(db);
  await db.delete(dealNotes).where(eq(dealNotes.logEntryId, logEntryId));
}
