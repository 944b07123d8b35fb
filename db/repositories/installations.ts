import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { changedRows, first } from '../query';
import type { installations } from '../schema/index';

export type TInstallationRow = typeof installations.$inferSelect;

/** The plain columns of an installation, and its secrets already encrypted by the caller. */
export type TInstallationValues = {
  installKey: string;
  enterpriseId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string | null;
  botUserId: string | null;
  botScopes: string | null;
  installerUserId: string | null;
  secrets: string;
  keyId: string;
  botTokenExpiresAt: Date | null;
};

/** `<enterpriseId>:<teamId>`, either part empty: the one key of a workspace install or an org install. */
export function installKeyOf(enterpriseId: string | null | undefined, teamId: string | null | undefined): string {
  return `${enterpriseId ?? ''}:${teamId ?? ''}`;
}

export async function findInstallationByKey(db: TDb, installKey: string): Promise<TInstallationRow | undefined> {
  const { installations } = tablesOf(db);
  return first(db.select().from(installations).where(eq(installations.installKey, installKey)).limit(1));
}

/** The workspace's own install (not an org's), whichever org it was made in. */
export async function findWorkspaceInstallation(db: TDb, teamId: string): Promise<TInstallationRow | undefined> {
  const { installations } = tablesOf(db);
  return first(
    db
      .select()
      .from(installations)
      .where(and(eq(installations.teamId, teamId), eq(installations.isEnterpriseInstall, false)))
      .orderBy(asc(installations.id))
      .limit(1),
  );
}

/** The org-wide install of an Enterprise Grid org. */
export async function findOrgInstallation(db: TDb, enterpriseId: string): Promise<TInstallationRow | undefined> {
  return findInstallationByKey(db, installKeyOf(enterpriseId, null));
}

/**
 * Inserts or replaces an installation by its key. `installedAt` moves only for a new install (`reinstalled`),
 * not for a refreshed token: events older than it are late and ignored.
 */
export async function upsertInstallation(db: TDb, values: TInstallationValues, at: Date, reinstalled: boolean): Promise<TInstallationRow> {
  const { installations } = tablesOf(db);
  const update = { ...values, updatedAt: at, uninstalledAt: null, ...(reinstalled ? { installedAt: at } : {}) };
  const rows = await db
    .insert(installations)
    .values({ ...values, installedAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: installations.installKey, set: update })
    .returning();
  return rows[0]!;
}

/** Deletes the tokens of an installation and records when; false when there were none left to delete. */
export async function clearInstallationSecrets(db: TDb, id: number, at: Date): Promise<boolean> {
  const { installations } = tablesOf(db);
  const result = await db
    .update(installations)
    .set({ secrets: null, keyId: null, botTokenExpiresAt: null, uninstalledAt: at, updatedAt: at })
    .where(and(eq(installations.id, id), isNotNull(installations.secrets)));
  return changedRows(result) > 0;
}

/** Installations that still hold secrets (what `reencrypt` reads). */
export async function listInstallationsWithSecrets(db: TDb): Promise<TInstallationRow[]> {
  const { installations } = tablesOf(db);
  return db.select().from(installations).where(isNotNull(installations.secrets)).orderBy(asc(installations.id));
}

/** Replaces the secrets of one row, re-encrypted; the expiry follows a refreshed token. */
export async function updateInstallationSecrets(db: TDb, id: number, secrets: string, keyId: string, at: Date, botTokenExpiresAt?: Date | null): Promise<void> {
  const { installations } = tablesOf(db);
  await db
    .update(installations)
    .set({ secrets, keyId, updatedAt: at, ...(botTokenExpiresAt !== undefined ? { botTokenExpiresAt } : {}) })
    .where(eq(installations.id, id));
}

/** Deletes a workspace's own installation rows (the purge). */
export async function deleteWorkspaceInstallations(db: TDb, teamId: string): Promise<number> {
  const { installations } = tablesOf(db);
  return changedRows(await db.delete(installations).where(and(eq(installations.teamId, teamId), eq(installations.isEnterpriseInstall, false))));
}

/** Deletes an org install's row once none of its workspaces is left (the purge). */
export async function deleteOrgInstallationIfUnused(db: TDb, enterpriseId: string): Promise<number> {
  const { installations, workspaces } = tablesOf(db);
  const row = await findOrgInstallation(db, enterpriseId);
  if (!row || row.secrets !== null) return 0;
  const left = await first(db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.enterpriseId, enterpriseId)).limit(1));
  if (left) return 0;
  return changedRows(await db.delete(installations).where(eq(installations.id, row.id)));
}

/** Workspaces of an org that the org install serves (those without a live install of their own). */
export async function listOrgServedWorkspaces(db: TDb, enterpriseId: string): Promise<string[]> {
  const { installations, workspaces } = tablesOf(db);
  const own = (
    await db
      .select({ teamId: installations.teamId })
      .from(installations)
      .where(and(eq(installations.enterpriseId, enterpriseId), eq(installations.isEnterpriseInstall, false), isNotNull(installations.secrets)))
  ).flatMap((r) => (r.teamId ? [r.teamId] : []));
  const rows = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.enterpriseId, enterpriseId)).orderBy(asc(workspaces.id));
  return rows.map((r) => r.id).filter((id) => !own.includes(id));
}
