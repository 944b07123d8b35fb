import { type TDb, writeTransaction } from '../../../db/client';
import { findInstallationByKey, listOrgServedWorkspaces, upsertInstallation } from '../../../db/repositories/installations';
import { markWorkspaceInstalled } from '../../../db/repositories/workspaces';
import type { TSlackInstallation } from './port';
import { sealInstallation } from './sealed-installation';
import type { TKeyRing } from './token-crypto';

export type TStoreInstallationOptions = {
  at: Date;
  /**
   * True when only the tokens changed (a rotation refreshed them): the install instant stays, so an uninstall event
   * sent before a real reinstall is still recognised as late.
   */
  refreshed?: boolean;
};

/**
 * Stores an installation from the OAuth flow (SPEC §2), encrypted, and records the workspace as installed: created with
 * the default selling system the first time, its uninstall cleared (a reinstall within the retention keeps everything).
 * An org install clears the uninstall of every workspace of the org it serves.
 */
export async function storeInstallation(db: TDb, ring: TKeyRing, installation: TSlackInstallation, options: TStoreInstallationOptions): Promise<{ teamIds: string[] }> {
  const values = sealInstallation(installation, ring);
  return writeTransaction(db, async (tx) => {
    const before = await findInstallationByKey(tx, values.installKey);
    // A refresh of a row whose tokens were deleted meanwhile (an uninstall raced it) must not bring them back.
    if (options.refreshed && before?.secrets === null) return { teamIds: [] };
    await upsertInstallation(tx, values, options.at, !options.refreshed);
    if (options.refreshed) return { teamIds: [] };
    const teamIds = values.teamId ? [values.teamId] : values.enterpriseId ? await listOrgServedWorkspaces(tx, values.enterpriseId) : [];
    for (const teamId of teamIds) {
      await markWorkspaceInstalled(tx, teamId, { name: teamId === values.teamId ? installation.team?.name : undefined, enterpriseId: values.enterpriseId });
    }
    return { teamIds };
  });
}
