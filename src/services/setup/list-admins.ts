import type { TDb } from '../../../db/client';
import { listWorkspacePeople } from '../../../db/repositories/people';

export type TAdmin = { slackUserId: string; name: string };
/** The workspace's admins: made in Canopy (`/coach setup`, a people import), and Slack workspace admins and owners. */
export type TAdmins = { canopy: TAdmin[]; slack: TAdmin[] };

/** Who administers Canopy in a workspace, each list by name (deactivated accounts and bots left out). */
export async function listAdmins(db: TDb, workspaceId: string): Promise<TAdmins> {
  const active = (await listWorkspacePeople(db, workspaceId))
    .filter((p) => !p.isDeleted && !p.isBot)
    .sort((a, b) => a.name.localeCompare(b.name));
  const of = (p: { slackUserId: string; name: string }) => ({ slackUserId: p.slackUserId, name: p.name });
  return { canopy: active.filter((p) => p.role === 'admin').map(of), slack: active.filter((p) => p.slackAdmin).map(of) };
}
