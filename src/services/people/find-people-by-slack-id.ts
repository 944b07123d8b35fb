import type { TDb } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { listWorkspaceZones } from '../../../db/repositories/workspaces';

/**
 * Everyone with this Slack user id: in the named workspace, or in every workspace when none is named
 * (an admin's tool may not know which team a user id belongs to; more than one match means it must ask).
 */
export async function findPeopleBySlackId(db: TDb, slackUserId: string, workspaceId?: string): Promise<TPersonRow[]> {
  const workspaces = workspaceId !== undefined ? [workspaceId] : (await listWorkspaceZones(db)).map((w) => w.id);
  return (await Promise.all(workspaces.map((id) => findPersonBySlackId(db, id, slackUserId)))).flatMap((person) => person ?? []);
}
