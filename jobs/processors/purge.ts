import type { TDb } from '../../db/client';
import type { Logger } from '../../src/logger';
import { purgeUninstalledWorkspaces, type TPurgedWorkspace } from '../../src/services/installations/purge-uninstalled';

/**
 * The `purge` job: the service, and one audit line per deleted workspace in the logs operators read (the workspace's
 * own audit rows go with it). Idempotent: a second run finds nothing left to delete.
 */
export async function runPurge(db: TDb, logger: Logger, now: Date): Promise<TPurgedWorkspace[]> {
  const purged = await purgeUninstalledWorkspaces(db, { now });
  for (const p of purged) {
    logger.warn({ audit: 'workspace.purged', workspaceId: p.workspaceId, uninstalledAt: p.uninstalledAt.toISOString() }, 'workspace data purged after the retention period');
  }
  return purged;
}
