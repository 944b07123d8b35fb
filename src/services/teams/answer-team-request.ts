import { type TDb, writeTransaction } from '../../../db/client';
import { recordAuditEvent } from '../../../db/repositories/audit-events';
import { findPersonById, promoteToManager, setManager, type TPersonRow } from '../../../db/repositories/people';
import { closeTeamRequest, findTeamRequestById } from '../../../db/repositories/team-requests';
import { AppError } from '../../domain/errors';
import { currentManagerOf, dropManagerRoleIfTeamless, teamRefusal } from './team-rules';

export type TTeamAnswer =
  | { kind: 'accepted'; manager: TPersonRow; rep: TPersonRow; from: TPersonRow | null }
  | { kind: 'declined'; manager: TPersonRow; rep: TPersonRow }
  /** Nothing to answer any more: why, in words for the rep; the asker when still known. */
  | { kind: 'closed'; why: string; manager: TPersonRow | null };

export const NOT_YOUR_REQUEST = 'This request was sent to someone else — only they can answer it. Nothing was changed.';

/**
 * The rep's Accept or Decline on a "join my team?" DM. Accept: the rep joins the asker's team (leaving any
 * other), the asker becomes a manager, a manager left without reps becomes a rep again. Decline: only the
 * request changes. Only the named rep may answer; a request already answered or withdrawn, or whose asker
 * is gone, is closed without an error.
 */
export async function answerTeamRequest(db: TDb, clicker: TPersonRow, requestId: number, answer: 'accept' | 'decline', now: Date): Promise<TTeamAnswer> {
  return writeTransaction(db, async (tx): Promise<TTeamAnswer> => {
    const request = await findTeamRequestById(tx, requestId);
    if (!request || request.workspaceId !== clicker.workspaceId) return { kind: 'closed', why: 'This request is no longer open — nothing to answer.', manager: null };
    if (request.repId !== clicker.id) throw new AppError('not_allowed', NOT_YOUR_REQUEST);
    const manager = (await findPersonById(tx, request.managerId)) ?? null;
    const rep = (await findPersonById(tx, request.repId)) ?? clicker;
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAuditEvent(tx, { workspaceId: rep.workspaceId, actorId: rep.id, action, subject: rep.slackUserId, details: { requestId, ...details } }, now);
    if (request.status !== 'pending') return { kind: 'closed', why: closedText(request.status), manager };
    if (!manager || manager.isDeleted || manager.isBot) {
      await closeTeamRequest(tx, requestId, 'cancelled', now);
      await audit('team.request.cancelled', { why: 'asker gone' });
      return { kind: 'closed', why: 'The person who asked is no longer in the workspace, so there is nothing to answer. Nothing was changed.', manager };
    }
    if (answer === 'decline') {
      await closeTeamRequest(tx, requestId, 'declined', now);
      await audit('team.request.declined', { manager: manager.slackUserId });
      return { kind: 'declined', manager, rep };
    }
    const refusal = rep.managerId === manager.id ? null : teamRefusal(manager, rep);
    if (refusal) {
      await closeTeamRequest(tx, requestId, 'cancelled', now);
      await audit('team.request.cancelled', { why: refusal });
      return { kind: 'closed', why: `This request can't be accepted any more (${refusal}). Nothing was changed.`, manager };
    }
    const from = rep.managerId === manager.id ? null : await currentManagerOf(tx, rep);
    await setManager(tx, rep.id, manager.id);
    await promoteToManager(tx, manager);
    if (from) await dropManagerRoleIfTeamless(tx, from);
    await closeTeamRequest(tx, requestId, 'accepted', now);
    await audit('team.request.accepted', { manager: manager.slackUserId, from: from?.slackUserId ?? null });
    return { kind: 'accepted', manager, rep, from };
  });
}

function closedText(status: 'accepted' | 'declined' | 'cancelled'): string {
  if (status === 'accepted') return 'You already accepted this request — nothing more to do.';
  if (status === 'declined') return 'You already declined this request — nothing was changed.';
  return 'This request was withdrawn, so there is nothing to answer. Nothing was changed.';
}
