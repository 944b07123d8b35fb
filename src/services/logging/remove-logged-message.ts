import { type TDb, writeTransaction } from '../../../db/client';
import { findLogEntry, markLogEntryDeleted, type TLogEntryRecord } from '../../../db/repositories/log-entries';
import { listStages } from '../../../db/repositories/workspaces';
import { undoLogEntryEffects } from './log-activity';

/** Removes everything a message logged, keeping a tombstone. Returns the removed entry, if there was a live one. */
export function removeLoggedMessage(db: TDb, workspaceId: string, sourceRef: string, at: Date): TLogEntryRecord | undefined {
  const stages = listStages(db, workspaceId);
  return writeTransaction(db, (db) => {
    const existing = findLogEntry(db, workspaceId, sourceRef);
    if (!existing || existing.deletedAt) return undefined;
    undoLogEntryEffects(db, existing, stages);
    markLogEntryDeleted(db, existing.id, at);
    return existing;
  });
}
