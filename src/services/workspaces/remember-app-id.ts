import type { TDb } from '../../../db/client';
import { setWorkspaceAppId } from '../../../db/repositories/workspaces';

/**
 * Notes the app's id (`api_app_id` of Slack's requests) for a workspace, so digests sent later by the worker
 * can link to the app's Home tab. False when the workspace is not known yet (it appears with the first person seen).
 */
export async function rememberAppId(db: TDb, workspaceId: string, appId: string): Promise<boolean> {
  return setWorkspaceAppId(db, workspaceId, appId);
}
