import { AppError } from '../../domain/errors';
import type { TDb } from '../../../db/client';
import { countReports, demoteToRep, findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { isAdmin } from './authorize';

/** What `/coach team add` did for each person named. */
export type TTeamAdd = {
  /** An admin's add: on the team now; `from` is the manager they left. */
  added: { rep: TPersonRow; from: TPersonRow | null }[];
  /** Anyone else's: the rep is asked in a DM (one pending request each); `from` is the manager accepting would leave. */
  asked: { requestId: number; rep: TPersonRow; from: TPersonRow | null }[];
  already: TPersonRow[];
  /** Asked before and not answered yet. */
  pending: TPersonRow[];
  refused: { person: TPersonRow; why: string }[];
};

export type TTeamOverview = {
  reps: { person: TPersonRow; weekTotal: number; trendSparkline: string; lastActivityAt: Date | null }[];
};

/** Why `rep` cannot join `manager`'s team, or null when they can (whether they are asked or added). */
export function teamRefusal(manager: TPersonRow, rep: TPersonRow): string | null {
  if (rep.workspaceId !== manager.workspaceId) return 'they are in another workspace';
  if (rep.id === manager.id) return "you can't be on your own team";
  if (rep.isBot) return "that's a bot";
  if (rep.isDeleted) return 'their Slack account is deactivated';
  if (rep.id === manager.managerId) return 'they are your manager';
  if (rep.role !== 'rep' || rep.slackAdmin) return 'they manage a team or are an admin — only reps join a team';
  return null;
}

/** The manager a person reports to now, if any (re-read, so a move in the same transaction is seen). */
export async function currentManagerOf(db: TDb, rep: TPersonRow): Promise<TPersonRow | null> {
  return rep.managerId === null ? null : ((await findPersonById(db, rep.managerId)) ?? null);
}

/** Role `manager` follows from having reps: one left with none is a rep again. Admins stay admins. */
export async function dropManagerRoleIfTeamless(db: TDb, manager: TPersonRow): Promise<void> {
  if (isAdmin(manager) || manager.role !== 'manager') return;
  if ((await countReports(db, manager.id)) === 0) await demoteToRep(db, manager.id);
}

/** For someone without a team who asks for a team view. */
export function notAManager(): AppError {
  return new AppError(
    'not_allowed',
    "You don't have a team yet. Ask reps to join with `/coach team add @rep1 @rep2` — each gets a DM showing what you would see, to accept or decline.",
  );
}
