import type { TDb } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';

/** The person with this Slack user id in the workspace, if the bot knows them. */
export async function findPerson(db: TDb, workspaceId: string, slackUserId: string): Promise<TPersonRow | undefined> {
  return findPersonBySlackId(db, workspaceId, slackUserId);
}
