import type { TDb } from '../../../../db/client';
import { listWorkspacePeople, type TPersonRow } from '../../../../db/repositories/people';
import { getCoachingSettings, type TCoachingSettings } from '../../setup/coaching-settings';
import type { TPlanSourceContext } from '../types';

/*
 * What every source reads about a workspace, read once per planner run and shared: each source reading the
 * people itself cost three reads (and three sets of row objects) per workspace, the largest part of a run over
 * a hundred workspaces after the zone arithmetic. Nothing writes between the sources, so all see the same rows.
 */

/** The workspace's people, ordered by id, as `listWorkspacePeople`, read once per run. */
export function workspacePeople(db: TDb, context: TPlanSourceContext): Promise<TPersonRow[]> {
  return context.memo(`people|${context.workspaceId}`, () => listWorkspacePeople(db, context.workspaceId));
}

/** The workspace's coaching settings (`getCoachingSettings`), read once per run; shared, so read-only. */
export function workspaceSettings(db: TDb, context: TPlanSourceContext): Promise<TCoachingSettings> {
  return context.memo(`settings|${context.workspaceId}`, () => getCoachingSettings(db, context.workspaceId));
}
