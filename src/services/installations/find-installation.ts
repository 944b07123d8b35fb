import type { TDb } from '../../../db/client';
import { findInstallationByKey, findOrgInstallation, findWorkspaceInstallation, installKeyOf, type TInstallationRow } from '../../../db/repositories/installations';
import { findWorkspaceUninstalledAt, markWorkspaceInstalled } from '../../../db/repositories/workspaces';
import type { TInstallationQuery, TSlackInstallation } from './port';
import { openInstallation } from './sealed-installation';
import type { TKeyRing } from './token-crypto';

export type TFoundInstallation = { row: TInstallationRow; installation: TSlackInstallation };

/**
 * The live installation serving a workspace or an org: the workspace's own install, else its Enterprise Grid org's
 * (an org install serves every workspace of the org). Null when there is none or its tokens were deleted.
 */
export async function findInstallation(db: TDb, ring: TKeyRing, query: TInstallationQuery): Promise<TFoundInstallation | null> {
  const row = await findRow(db, query);
  const installation = row ? openInstallation(row, ring) : null;
  if (!row || !installation) return null;
  // A workspace first seen through its org's install: remember which org serves it (for uninstalls and purges).
  if (row.isEnterpriseInstall && query.teamId && row.enterpriseId) await rememberOrgWorkspace(db, query.teamId, row.enterpriseId);
  return { row, installation };
}

async function findRow(db: TDb, query: TInstallationQuery): Promise<TInstallationRow | undefined> {
  if (query.isEnterpriseInstall && query.enterpriseId) return live(await findOrgInstallation(db, query.enterpriseId));
  if (query.teamId) {
    const own = live(await findInstallationByKey(db, installKeyOf(query.enterpriseId, query.teamId))) ?? live(await findWorkspaceInstallation(db, query.teamId));
    if (own) return own;
  }
  return query.enterpriseId ? live(await findOrgInstallation(db, query.enterpriseId)) : undefined;
}

const live = (row: TInstallationRow | undefined) => (row?.secrets ? row : undefined);

const rememberedBy = new WeakMap<TDb, Set<string>>();

/** Read-mostly: a write (and SQLite's write lock) only the first time a workspace is seen through its org. */
async function rememberOrgWorkspace(db: TDb, teamId: string, enterpriseId: string): Promise<void> {
  const key = `${enterpriseId}:${teamId}`;
  let remembered = rememberedBy.get(db);
  if (!remembered) rememberedBy.set(db, (remembered = new Set()));
  if (remembered.has(key)) return;
  const uninstalledAt = await findWorkspaceUninstalledAt(db, teamId);
  // An org install that still serves a workspace marked uninstalled leaves the mark to the org's own install/uninstall.
  if (uninstalledAt === null) await markWorkspaceInstalled(db, teamId, { enterpriseId });
  remembered.add(key);
}
