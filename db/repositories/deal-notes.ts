import { eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { dealNotes } from '../schema/index';

export async function insertDealNote(
  db: TDb,
  row: { workspaceId: string; repId: number; dealId: number; logEntryId: number | null; text: string; occurredAt: Date },
): Promise<void> {
  db.insert(dealNotes).values(row).run();
}

export async function deleteDealNotesOfLogEntry(db: TDb, logEntryId: number): Promise<void> {
  db.delete(dealNotes).where(eq(dealNotes.logEntryId, logEntryId)).run();
}
