import type { TDb } from '../../../db/client';
import { listWorkspaceZones, type TWorkspaceZone } from '../../../db/repositories/workspaces';

export type TWorkspace = TWorkspaceZone;

/** Every workspace with its zone, ordered by id: what `run` and `preview` cover and where nightly jobs are scheduled. */
export async function listWorkspaces(db: TDb): Promise<TWorkspace[]> {
  return listWorkspaceZones(db);
}
