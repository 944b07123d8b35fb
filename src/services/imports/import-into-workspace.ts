import type { TDb } from '../../../db/client';
import { inImportTransaction, workspaceExists } from '../../../db/repositories/imports';
import { ensureWorkspace } from '../../../db/repositories/workspaces';
import { importCsv, type TImportInput, type TImportResult } from './import-csv';

export type TImportIntoWorkspaceResult = TImportResult & { createdWorkspace: boolean };

/**
 * Imports into the workspace, creating it when it does not exist yet (the first people import comes
 * before anyone used the bot). A new workspace is kept only if the import succeeds: "nothing was
 * imported" leaves nothing behind.
 */
export async function importIntoWorkspace(db: TDb, input: TImportInput): Promise<TImportIntoWorkspaceResult> {
  if (await workspaceExists(db, input.workspaceId)) return { ...(await importCsv(db, input)), createdWorkspace: false };
  let result: TImportResult | undefined;
  // The import's own transaction nests in this one (a savepoint).
  await inImportTransaction(db, async (tx) => {
    await ensureWorkspace(tx, input.workspaceId);
    result = await importCsv(tx, input);
    return result.ok ? result : undefined;
  });
  return { ...result!, createdWorkspace: result!.ok };
}
