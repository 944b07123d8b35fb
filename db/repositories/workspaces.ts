import { asc, eq, sql } from 'drizzle-orm';
import { resolveActivityStageMap, type TActivityStageMap } from '../../src/domain/activity-stage-map';
import { DEFAULT_STAGES, type TStage } from '../../src/domain/types';
import type { TDb } from '../client';
import { preparedFor } from '../prepared';
import { stages, workspaces } from '../schema/index';

const workspaceExists = preparedFor((db) =>
  db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, sql.placeholder('workspaceId'))).prepare(),
);

const stagesOf = preparedFor((db) =>
  db
    .select({ key: stages.key, name: stages.name, position: stages.position, outcome: stages.outcome })
    .from(stages)
    .where(eq(stages.workspaceId, sql.placeholder('workspaceId')))
    .orderBy(asc(stages.position))
    .prepare(),
);

/** Creates the workspace with the default selling system the first time it is seen. Idempotent. */
export function ensureWorkspace(db: TDb, workspaceId: string, name?: string): void {
  // Read first: this runs on every command, and a write would take SQLite's write lock each time.
  const known = workspaceExists(db).get({ workspaceId });
  if (known) return;
  const inserted = db
    .insert(workspaces)
    .values({ id: workspaceId, name: name ?? null })
    .onConflictDoNothing()
    .returning({ id: workspaces.id })
    .all();
  if (inserted.length === 0) return;
  db.insert(stages)
    .values(DEFAULT_STAGES.map((s) => ({ workspaceId, key: s.key, name: s.name, position: s.position, outcome: s.outcome })))
    .onConflictDoNothing()
    .run();
}

/** Remembers our app's id as Slack sent it with a request (it only changes if the app is re-created). */
export function setWorkspaceAppId(db: TDb, workspaceId: string, appId: string): boolean {
  return db.update(workspaces).set({ slackAppId: appId }).where(eq(workspaces.id, workspaceId)).run().changes > 0;
}

/** Our app's id in the workspace, once a request from Slack told us. */
export function findWorkspaceAppId(db: TDb, workspaceId: string): string | null {
  return db.select({ appId: workspaces.slackAppId }).from(workspaces).where(eq(workspaces.id, workspaceId)).get()?.appId ?? null;
}

/** The workspace's selling system in order. */
export function listStages(db: TDb, workspaceId: string): TStage[] {
  return stagesOf(db).all({ workspaceId });
}

const stageMapOf = preparedFor((db) =>
  db.select({ map: workspaces.activityStageMap }).from(workspaces).where(eq(workspaces.id, sql.placeholder('workspaceId'))).prepare(),
);

/** The workspace's selling system and which stage each activity type feeds: the one place both are read (on `/stats`' path: prepared). */
export function getSellingSystem(db: TDb, workspaceId: string): { stages: TStage[]; activityStages: TActivityStageMap } {
  const stages = listStages(db, workspaceId);
  const overrides = stageMapOf(db).get({ workspaceId })?.map;
  return { stages, activityStages: resolveActivityStageMap(stages, overrides) };
}

export type TWorkspaceZone = { id: string; timezone: string };

/** Every workspace with its zone (the list is small: one row per Slack team). */
export function listWorkspaceZones(db: TDb): TWorkspaceZone[] {
  return db.select({ id: workspaces.id, timezone: workspaces.timezone }).from(workspaces).orderBy(asc(workspaces.id)).all();
}
