import { type TDb, writeTransaction } from '../../../db/client';
import { deleteOrgInstallationIfUnused, deleteWorkspaceInstallations } from '../../../db/repositories/installations';
import { deleteWorkspace, listWorkspacesUninstalledBy } from '../../../db/repositories/workspaces';

/** How long a workspace's data is kept after Canopy is uninstalled (or its bot token revoked), in case it comes back. */
export const WORKSPACE_RETENTION_DAYS = 30;

export type TPurgedWorkspace = { workspaceId: string; uninstalledAt: Date };

/**
 * The daily `purge` job: deletes every workspace uninstalled more than the retention period ago, with all its rows
 * (they cascade from the workspace) and its installation; an org install goes once no workspace of the org is left.
 * A workspace installed again before then is no longer marked uninstalled, so it is kept. Idempotent.
 */
export async function purgeUninstalledWorkspaces(db: TDb, options: { now: Date; retentionDays?: number }): Promise<TPurgedWorkspace[]> {
  const cutoff = new Date(options.now.getTime() - (options.retentionDays ?? WORKSPACE_RETENTION_DAYS) * 24 * 60 * 60 * 1000);
  const due = await listWorkspacesUninstalledBy(db, cutoff);
  const purged: TPurgedWorkspace[] = [];
  // One transaction per workspace: a large workspace's cascade holds the write lock for itself only.
  for (const workspace of due) {
    await writeTransaction(db, async (tx) => {
      await deleteWorkspaceInstallations(tx, workspace.id);
      await deleteWorkspace(tx, workspace.id);
      if (workspace.enterpriseId) await deleteOrgInstallationIfUnused(tx, workspace.enterpriseId);
    });
    purged.push({ workspaceId: workspace.id, uninstalledAt: workspace.uninstalledAt });
  }
  return purged;
}
