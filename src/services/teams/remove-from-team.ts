import { type TDb, writeTransaction } from '../../../db/client';
import { setManager, type TPersonRow } from '../../../db/repositories/people';
import { canManageTeam, isAdmin } from './authorize';
import { notAManager } from './team-rules';

/** Removes reps from the manager's team (admins may remove anyone's rep). */
export function removeFromTeam(db: TDb, manager: TPersonRow, reps: readonly TPersonRow[]): { removed: TPersonRow[]; notOnTeam: TPersonRow[] } {
  if (!canManageTeam(manager)) throw notAManager();
  const result = { removed: [] as TPersonRow[], notOnTeam: [] as TPersonRow[] };
  writeTransaction(db, (tx) => {
    for (const rep of reps) {
      const allowed = rep.managerId === manager.id || (isAdmin(manager) && rep.managerId !== null);
      if (!allowed) {
        result.notOnTeam.push(rep);
        continue;
      }
      setManager(tx, rep.id, null);
      result.removed.push(rep);
    }
  });
  return result;
}
