import { type TDb, writeTransaction } from '../../../db/client';
import { findLogEntry, markLogEntryDeleted, type TLogEntryRecord } from '../../../db/repositories/log-entries';
import { listStages } from '../../../db/repositories/workspaces';
import { undoLogEntryEffects } from './log-activity';

/** Removes everything a message logged, keeping a tombstone. Returns the removed entry, if there was a live one. */
export async function removeLoggedMessage(db: TDb, workspaceId: string, sourceRef: string, at: Date): Promise<TLogEntryRecord | undefined> {
  const stages = await listStages(db, workspaceId);
  return writeTransaction(db, async (db) => {
    const existing = await findLogEntry(db, workspaceId, sourceRef);
    if (!existing || existing.deletedAt) return undefined;
    await undoLogEntryEffects(db, existing, stages);
    await markLogEntryDeleted(db, existing.id, at);
    return existing;
  });
}
