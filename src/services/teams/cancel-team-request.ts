import { type TDb, writeTransaction } from '../../../db/client';
import { recordAuditEvent } from '../../../db/repositories/audit-events';
import { closeTeamRequest, findTeamRequestById } from '../../../db/repositories/team-requests';

/** Withdraws a request the rep could not be told about (their DM failed), so it never waits unseen. */
export async function cancelTeamRequest(db: TDb, requestId: number, why: string, now: Date): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const request = await findTeamRequestById(tx, requestId);
    if (!request || !(await closeTeamRequest(tx, requestId, 'cancelled', now))) return;
    await recordAuditEvent(tx, { workspaceId: request.workspaceId, actorId: null, action: 'team.request.cancelled', details: { requestId, why } }, now);
  });
}
