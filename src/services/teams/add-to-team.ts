import { type TDb, writeTransaction } from '../../../db/client';
import { findPersonById, promoteToManager, setManager, type TPersonRow } from '../../../db/repositories/people';
import { canManageTeam, isAdmin } from './authorize';
import { TTeamChange, notAManager } from './team-rules';

/**
 * Adds reps to the manager's team. Only reps can be added (managers and admins come from the people
 * import), and taking a rep from another manager is for admins only. Rows are re-read inside the
 * write transaction, so two managers adding the same rep at once cannot both succeed.
 */
export function addToTeam(db: TDb, manager: TPersonRow, candidates: readonly TPersonRow[]): TTeamChange {
  if (!canManageTeam(manager)) throw notAManager();
  const change: TTeamChange = { added: [], moved: [], already: [], refused: [] };
  writeTransaction(db, (db) => {
    promoteToManager(db, manager);
    for (const candidate of candidates) {
      const rep = findPersonById(db, candidate.id) ?? candidate;
      if (rep.id === manager.id) {
        change.refused.push({ person: rep, why: "you can't be on your own team" });
      } else if (rep.isBot || rep.isDeleted) {
        change.refused.push({ person: rep, why: rep.isBot ? "that's a bot" : 'their Slack account is deactivated' });
      } else if (rep.role !== 'rep' || rep.slackAdmin) {
        change.refused.push({ person: rep, why: 'they are a manager or admin, not a rep — roles come from the people import' });
      } else if (rep.managerId === manager.id) {
        change.already.push(rep);
      } else if (rep.managerId !== null && !isAdmin(manager)) {
        change.refused.push({ person: rep, why: 'they are on another manager’s team — ask an admin to move them' });
      } else {
        setManager(db, rep.id, manager.id);
        (rep.managerId === null ? change.added : change.moved).push(rep);
      }
    }
  });
  return change;
}
