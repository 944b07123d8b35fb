import { type TDb, writeTransaction } from '../../../db/client';
import { recordAuditEvent } from '../../../db/repositories/audit-events';
import { findPersonById, promoteToManager, setManager, type TPersonRow } from '../../../db/repositories/people';
import { closeTeamRequest, findPendingTeamRequest, insertTeamRequest } from '../../../db/repositories/team-requests';
import { isAdmin } from './authorize';
import { currentManagerOf, dropManagerRoleIfTeamless, teamRefusal, type TTeamAdd } from './team-rules';

/**
 * `/coach team add @a @b`. Anyone may ask: each rep gets one pending request (they accept or decline in a DM,
 * see answer-team-request.ts). An admin's add takes effect at once (a rep on another team is moved) and the
 * asker becomes a manager. Rows are re-read inside the write transaction, so two adds of the same rep at once
 * cannot both succeed, and every change is in the audit log.
 */
export async function addToTeam(db: TDb, asker: TPersonRow, candidates: readonly TPersonRow[], now: Date): Promise<TTeamAdd> {
  const result: TTeamAdd = { added: [], asked: [], already: [], pending: [], refused: [] };
  await writeTransaction(db, async (tx) => {
    const me = (await findPersonById(tx, asker.id)) ?? asker;
    const audit = (action: string, rep: TPersonRow, details: Record<string, unknown>) =>
      recordAuditEvent(tx, { workspaceId: me.workspaceId, actorId: me.id, action, subject: rep.slackUserId, details }, now);
    for (const candidate of candidates) {
      const rep = (await findPersonById(tx, candidate.id)) ?? candidate;
      const why = teamRefusal(me, rep);
      if (why) {
        result.refused.push({ person: rep, why });
        continue;
      }
      if (rep.managerId === me.id) {
        result.already.push(rep);
        continue;
      }
      const from = await currentManagerOf(tx, rep);
      const pending = await findPendingTeamRequest(tx, me.id, rep.id);
      if (isAdmin(me)) {
        await promoteToManager(tx, me);
        await setManager(tx, rep.id, me.id);
        // An earlier request is answered by the add itself: its buttons get a polite note.
        if (pending) await closeTeamRequest(tx, pending.id, 'cancelled', now);
        if (from) await dropManagerRoleIfTeamless(tx, from);
        await audit('team.added', rep, { manager: me.slackUserId, from: from?.slackUserId ?? null });
        result.added.push({ rep, from });
      } else if (pending) {
        result.pending.push(rep);
      } else {
        const request = await insertTeamRequest(tx, { workspaceId: me.workspaceId, managerId: me.id, repId: rep.id, requestedById: me.id }, now);
        await audit('team.requested', rep, { manager: me.slackUserId, requestId: request.id, from: from?.slackUserId ?? null });
        result.asked.push({ requestId: request.id, rep, from });
      }
    }
  });
  return result;
}
