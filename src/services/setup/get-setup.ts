import type { TDb } from '../../../db/client';
import { readStoredSetup } from '../../../db/repositories/setup';
import { AppError } from '../../domain/errors';
import { setupFromStored, type TWorkspaceSetup } from '../../domain/setup';

/** The workspace's setup (SPEC §3 `/coach setup`), defaults filling what nobody has set. */
export async function getSetup(db: TDb, workspaceId: string): Promise<TWorkspaceSetup> {
  const stored = await readStoredSetup(db, workspaceId);
  if (!stored) throw new AppError('not_found', `No workspace has the id ${workspaceId.slice(0, 20)} (check the Slack team id).`);
  return setupFromStored(stored);
}
