import { and, asc, eq, isNotNull, isNull, lte, type Placeholder, sql } from 'drizzle-orm';
import { resolveActivityStageMap, type TActivityStageMap } from '../../src/domain/activity-stage-map';
import { DEFAULT_STAGES, type TStage } from '../../src/domain/types';
import { type TDb, tablesOf } from '../client';
import { preparedFor } from '../prepared';
import { changedRows, first } from '../query';

/*
 * The reads on every command's and `/stats`' path are memoised prepared statements on SQLite; on PostgreSQL the
 * same builders run as they are (`workspaceId` a placeholder in the one, a value in the other).
 */
type TWorkspaceParam = string | Placeholder;

const workspaceIdQuery = (db: TDb, workspaceId: TWorkspaceParam) => {
  const { workspaces } = tablesOf(db);
  return db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
};
const workspaceExists = preparedFor((db) => workspaceIdQuery(db, sql.placeholder('workspaceId')).prepare());

const stagesQuery = (db: TDb, workspaceId: TWorkspaceParam) => {
  const { stages } = tablesOf(db);
  return db
    .select({ key: stages.key, name: stages.name, position: stages.position, outcome: stages.outcome })
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId))
    .orderBy(asc(stages.position));
};
const stagesOf = preparedFor((db) => stagesQuery(db, sql.placeholder('workspaceId')).prepare());

/** Creates the workspace with the default selling system the first time it is seen. Idempotent. */
export async function ensureWorkspace(db: TDb, workspaceId: string, name?: string): Promise<void> {
  // Read first: this runs on every command, and a write would take SQLite's write lock each time.
  const known = db.$engine === 'sqlite' ? workspaceExists(db).get({ workspaceId }) : await first(workspaceIdQuery(db, workspaceId));
  if (known) return;
  const { workspaces, stages } = tablesOf(db);
  const inserted = await db
    .insert(workspaces)
    .values({ id: workspaceId, name: name ?? null })
    .onConflictDoNothing({ target: workspaces.id })
    .returning({ id: workspaces.id });
  if (inserted.length === 0) return;
  await db
    .insert(stages)
    .values(DEFAULT_STAGES.map((s) => ({ workspaceId, key: s.key, name: s.name, position: s.position, outcome: s.outcome })))
    .onConflictDoNothing({ target: [stages.workspaceId, stages.key] });
}

/** Remembers our app's id as Slack sent it with a request (it only changes if the app is re-created). */
export async function setWorkspaceAppId(db: TDb, workspaceId: string, appId: string): Promise<boolean> {
  const { workspaces } = tablesOf(db);
  return changedRows(await db.update(workspaces).set({ slackAppId: appId }).where(eq(workspaces.id, workspaceId))) > 0;
}

/** Our app's id in the workspace, once a request from Slack told us. */
export async function findWorkspaceAppId(db: TDb, workspaceId: string): Promise<string | null> {
  const { workspaces } = tablesOf(db);
  return (await first(db.select({ appId: workspaces.slackAppId }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1)))?.appId ?? null;
}

/** The workspace's selling system in order. */
export async function listStages(db: TDb, workspaceId: string): Promise<TStage[]> {
  return db.$engine === 'sqlite' ? stagesOf(db).all({ workspaceId }) : stagesQuery(db, workspaceId);
}

const stageMapQuery = (db: TDb, workspaceId: TWorkspaceParam) => {
  const { workspaces } = tablesOf(db);
  return db.select({ map: workspaces.activityStageMap }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
};
const stageMapOf = preparedFor((db) => stageMapQuery(db, sql.placeholder('workspaceId')).prepare());

/** The workspace's selling system and which stage each activity type feeds: the one place both are read (on `/stats`' path: prepared). */
export async function getSellingSystem(db: TDb, workspaceId: string): Promise<{ stages: TStage[]; activityStages: TActivityStageMap }> {
  const stages = await listStages(db, workspaceId);
  const overrides = (db.$engine === 'sqlite' ? stageMapOf(db).get({ workspaceId }) : await first(stageMapQuery(db, workspaceId)))?.map;
  return { stages, activityStages: resolveActivityStageMap(stages, overrides) };
}

export type TWorkspaceZone = { id: string; timezone: string; uninstalledAt: Date | null };

/** Every workspace with its zone (the list is small: one row per Slack team), and when the app was uninstalled from it. */
export async function listWorkspaceZones(db: TDb): Promise<TWorkspaceZone[]> {
  const { workspaces } = tablesOf(db);
  return db.select({ id: workspaces.id, timezone: workspaces.timezone, uninstalledAt: workspaces.uninstalledAt }).from(workspaces).orderBy(asc(workspaces.id));
}

const installStateQuery = (db: TDb, workspaceId: TWorkspaceParam) => {
  const { workspaces } = tablesOf(db);
  return db
    .select({ uninstalledAt: workspaces.uninstalledAt, enterpriseId: workspaces.enterpriseId })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
};
const installStateOf = preparedFor((db) => installStateQuery(db, sql.placeholder('workspaceId')).prepare());

async function installState(db: TDb, workspaceId: string): Promise<{ uninstalledAt: Date | null; enterpriseId: string | null } | undefined> {
  return db.$engine === 'sqlite' ? installStateOf(db).get({ workspaceId }) : first(installStateQuery(db, workspaceId));
}

/** When the app was uninstalled from the workspace (or its bot token revoked); null while installed or unknown. */
export async function findWorkspaceUninstalledAt(db: TDb, workspaceId: string): Promise<Date | null> {
  return (await installState(db, workspaceId))?.uninstalledAt ?? null;
}

/** Whether the workspace is uninstalled, and the Enterprise Grid org it belongs to (whose install may serve it). */
export async function findWorkspaceInstallState(db: TDb, workspaceId: string): Promise<{ uninstalledAt: Date | null; enterpriseId: string | null } | null> {
  return (await installState(db, workspaceId)) ?? null;
}

/**
 * Records an install: creates the workspace (with the default selling system) the first time, remembers its org, and
 * clears an uninstall, so a reinstall within the retention period finds everything as it was.
 */
export async function markWorkspaceInstalled(db: TDb, workspaceId: string, details: { name?: string | null; enterpriseId?: string | null }): Promise<void> {
  await ensureWorkspace(db, workspaceId, details.name ?? undefined);
  const { workspaces } = tablesOf(db);
  await db
    .update(workspaces)
    .set({ uninstalledAt: null, enterpriseId: details.enterpriseId ?? null, ...(details.name ? { name: details.name } : {}) })
    .where(eq(workspaces.id, workspaceId));
}

/** Marks workspaces uninstalled (the first time only: a repeated event keeps the first instant, which starts the retention). */
export async function markWorkspacesUninstalled(db: TDb, workspaceIds: readonly string[], at: Date): Promise<string[]> {
  const { workspaces } = tablesOf(db);
  const changed: string[] = [];
  for (const id of workspaceIds) {
    const done = changedRows(await db.update(workspaces).set({ uninstalledAt: at }).where(and(eq(workspaces.id, id), isNull(workspaces.uninstalledAt))));
    if (done > 0) changed.push(id);
  }
  return changed;
}

/** Clears an uninstall mark; false when there was none. */
export async function clearWorkspaceUninstall(db: TDb, workspaceId: string): Promise<boolean> {
  const { workspaces } = tablesOf(db);
  return changedRows(await db.update(workspaces).set({ uninstalledAt: null }).where(and(eq(workspaces.id, workspaceId), isNotNull(workspaces.uninstalledAt)))) > 0;
}

/** Workspaces uninstalled at or before `cutoff`, oldest first: those whose data the purge deletes. */
export async function listWorkspacesUninstalledBy(db: TDb, cutoff: Date): Promise<{ id: string; enterpriseId: string | null; uninstalledAt: Date }[]> {
  const { workspaces } = tablesOf(db);
  const rows = await db
    .select({ id: workspaces.id, enterpriseId: workspaces.enterpriseId, uninstalledAt: workspaces.uninstalledAt })
    .from(workspaces)
    .where(and(isNotNull(workspaces.uninstalledAt), lte(workspaces.uninstalledAt, cutoff)))
    .orderBy(asc(workspaces.uninstalledAt), asc(workspaces.id));
  return rows.map((w) => ({ ...w, uninstalledAt: w.uninstalledAt! }));
}

/** Deletes a workspace; every row that belongs to it goes with it (`workspaceRef` cascades, foreign keys are on). */
export async function deleteWorkspace(db: TDb, workspaceId: string): Promise<boolean> {
  const { workspaces } = tablesOf(db);
  return changedRows(await db.delete(workspaces).where(eq(workspaces.id, workspaceId))) > 0;
}
