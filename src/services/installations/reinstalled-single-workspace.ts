import type { TDb } from '../../../db/client';
import { clearWorkspaceUninstall } from '../../../db/repositories/workspaces';

/**
 * Single-workspace mode has no OAuth flow to tell us of a reinstall: an app started with a working bot token
 * (uninstalling revokes the old one, so this is a new install's) clears the workspace's uninstall. True when it did.
 */
export async function reinstalledSingleWorkspace(db: TDb, teamId: string): Promise<boolean> {
  return clearWorkspaceUninstall(db, teamId);
}
