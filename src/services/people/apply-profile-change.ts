import { type TDb, writeTransaction } from '../../../db/client';
import { setSlackStatus, type TSlackStatus, updateKnownPerson } from '../../../db/repositories/people';

export type TProfileChange = { slackUserId: string; status: TSlackStatus; tz?: string; isDeleted?: boolean };

/**
 * Slack said someone's profile changed (`user_change`): their status, time zone and deactivation are stored
 * in one transaction when Canopy knows them, so "away" holds messages from the moment it is set and a person
 * who moved zones or left is planned for correctly even if they never talk to the bot. Nobody is created.
 */
export async function applyProfileChange(db: TDb, workspaceId: string, change: TProfileChange): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await setSlackStatus(tx, workspaceId, change.slackUserId, change.status);
    await updateKnownPerson(tx, workspaceId, change.slackUserId, {
      ...(change.tz ? { tz: change.tz } : {}),
      ...(change.isDeleted !== undefined ? { isDeleted: change.isDeleted } : {}),
    });
  });
}
