import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { findLastActivityAt, listRepActivities } from '../../../db/repositories/activities';
import { findPersonById, listReports, promoteToManager, setManager, type TPersonRow } from '../../../db/repositories/people';
import { weekStarts } from '../../domain/periods';
import { sparkline } from '../../domain/sparkline';
import { AppError } from '../../domain/errors';
import { canManageTeam, isAdmin } from './authorize';

export type TTeamChange = { added: TPersonRow[]; moved: TPersonRow[]; already: TPersonRow[]; refused: { person: TPersonRow; why: string }[] };

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

export type TTeamOverview = {
  reps: { person: TPersonRow; weekTotal: number; trendSparkline: string; lastActivityAt: Date | null }[];
};

/** Each rep of the manager's team with this week's total and an 8-week trend (in the rep's zone). */
export function getTeamOverview(db: TDb, manager: TPersonRow, now: Date, weeks = 8): TTeamOverview {
  if (!canManageTeam(manager)) throw notAManager();
  const reps = listReports(db, manager.id).map((person) => {
    const starts = weekStarts(DateTime.fromJSDate(now, { zone: person.tz }), weeks).map((d) => d.toMillis());
    const totals = new Array<number>(weeks).fill(0);
    for (const a of listRepActivities(db, person.id, new Date(starts[0]!), now)) {
      const t = a.occurredAt;
      let week = weeks - 1;
      while (week > 0 && t < starts[week]!) week--;
      totals[week]! += a.count;
    }
    return { person, weekTotal: totals[weeks - 1]!, trendSparkline: sparkline(totals), lastActivityAt: findLastActivityAt(db, person.id, now) };
  });
  return { reps };
}

function notAManager(): AppError {
  return new AppError(
    'not_allowed',
    'Only managers and admins can build a team. A Slack workspace admin is a Canopy admin; an admin can import your team from a people CSV.',
  );
}
