import { type TDb, writeTransaction } from '../../../db/client';
import { recordAuditEvent } from '../../../db/repositories/audit-events';
import { findPersonById, setManager, type TPersonRow } from '../../../db/repositories/people';
import { closeTeamRequest, findPendingTeamRequest } from '../../../db/repositories/team-requests';
import { isAdmin } from './authorize';
import { currentManagerOf, dropManagerRoleIfTeamless } from './team-rules';

export type TTeamRemoval = { removed: TPersonRow[]; notOnTeam: TPersonRow[]; withdrawn: TPersonRow[] };

/**
 * `/coach team remove @rep`: takes reps off the asker's team (admins may take anyone's rep off theirs) and
 * withdraws the asker's unanswered requests to them. A manager left without reps is a rep again; admins stay admins.
 */
export async function removeFromTeam(db: TDb, asker: TPersonRow, reps: readonly TPersonRow[], now: Date): Promise<TTeamRemoval> {
  const result: TTeamRemoval = { removed: [], notOnTeam: [], withdrawn: [] };
  await writeTransaction(db, async (tx) => {
    const audit = (action: string, rep: TPersonRow, details: Record<string, unknown>) =>
      recordAuditEvent(tx, { workspaceId: asker.workspaceId, actorId: asker.id, action, subject: rep.slackUserId, details }, now);
    for (const candidate of reps) {
      const rep = (await findPersonById(tx, candidate.id)) ?? candidate;
      const pending = await findPendingTeamRequest(tx, asker.id, rep.id);
      if (pending) {
        await closeTeamRequest(tx, pending.id, 'cancelled', now);
        await audit('team.request.cancelled', rep, { requestId: pending.id, why: 'withdrawn' });
        result.withdrawn.push(rep);
        continue;
      }
      const allowed = rep.workspaceId === asker.workspaceId && (rep.managerId === asker.id || (isAdmin(asker) && rep.managerId !== null));
      if (!allowed) {
        result.notOnTeam.push(rep);
        continue;
      }
      const from = await currentManagerOf(tx, rep);
      await setManager(tx, rep.id, null);
      if (from) await dropManagerRoleIfTeamless(tx, from);
      await audit('team.removed', rep, { manager: from?.slackUserId ?? null });
      result.removed.push(rep);
    }
  });
  return result;
}
