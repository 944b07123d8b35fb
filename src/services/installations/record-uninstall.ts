import { type TDb, writeTransaction } from '../../../db/client';
import { clearInstallationSecrets, findInstallationByKey, findOrgInstallation, findWorkspaceInstallation, installKeyOf, listOrgServedWorkspaces, type TInstallationRow } from '../../../db/repositories/installations';
import { markWorkspacesUninstalled } from '../../../db/repositories/workspaces';

export type TUninstallInput = {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** The event is about an org-wide install (Enterprise Grid). */
  isEnterpriseInstall: boolean;
  /** When Slack says it happened (`event_time`): an event older than the current install is late and changes nothing. */
  eventTime: Date;
  at: Date;
};

export type TUninstallResult =
  | { outcome: 'uninstalled'; workspaceIds: string[] }
  | { outcome: 'already_uninstalled' | 'late' | 'no_installation'; workspaceIds: [] };

/**
 * `app_uninstalled`, or `tokens_revoked` for the bot token (SPEC §3): deletes the installation's tokens and marks the
 * workspaces it served as uninstalled, so nothing more is planned or sent there, and the retention period starts.
 * Idempotent: a repeated event, or one older than a reinstall (Slack may deliver it late), is a no-op. In
 * single-workspace mode (no installation rows) the workspace is marked all the same.
 */
export async function recordUninstall(db: TDb, input: TUninstallInput): Promise<TUninstallResult> {
  return writeTransaction(db, async (tx): Promise<TUninstallResult> => {
    const row = await findRow(tx, input);
    if (!row) {
      if (!input.teamId || input.isEnterpriseInstall) return { outcome: 'no_installation', workspaceIds: [] };
      const marked = await markWorkspacesUninstalled(tx, [input.teamId], input.at);
      return marked.length > 0 ? { outcome: 'uninstalled', workspaceIds: marked } : { outcome: 'already_uninstalled', workspaceIds: [] };
    }
    // Slack's event_time has whole seconds: an uninstall in the same second as the install is not older than it.
    if (input.eventTime.getTime() < Math.floor(row.installedAt.getTime() / 1000) * 1000) return { outcome: 'late', workspaceIds: [] };
    if (row.secrets === null) return { outcome: 'already_uninstalled', workspaceIds: [] };
    await clearInstallationSecrets(tx, row.id, input.at);
    const served = row.isEnterpriseInstall && row.enterpriseId ? await listOrgServedWorkspaces(tx, row.enterpriseId) : row.teamId ? [row.teamId] : [];
    await markWorkspacesUninstalled(tx, served, input.at);
    return { outcome: 'uninstalled', workspaceIds: served };
  });
}

async function findRow(db: TDb, input: TUninstallInput): Promise<TInstallationRow | undefined> {
  if (input.isEnterpriseInstall) return input.enterpriseId ? findOrgInstallation(db, input.enterpriseId) : undefined;
  if (!input.teamId) return undefined;
  return (await findInstallationByKey(db, installKeyOf(input.enterpriseId, input.teamId))) ?? findWorkspaceInstallation(db, input.teamId);
}
