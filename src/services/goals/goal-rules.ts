import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { declineGoals, findGoalById, markGoalAgreed, type TGoalRow } from '../../../db/repositories/goals';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { isValidGoalTarget, quarterOf, type TGoalMetric } from '../../domain/goal-text';
import { canSetGoal } from '../teams/authorize';

export type TGoalInput = { metric: TGoalMetric; target: number };

/** A goal with the names around it, ready to render. */
export type TGoalSummary = {
  id: number;
  metric: TGoalMetric;
  target: number;
  status: TGoalRow['status'];
  quarter: string;
  proposedByName: string | null;
  agreedByName: string | null;
};

export type TGoalDecision = { goal: TGoalSummary; rep: TPersonRow; already: boolean; previousTarget: number };

export const NOT_YOURS = "Only this rep's manager or an admin can agree or change their goal — nothing was changed.";

export async function decide(db: TDb, agreer: TPersonRow, goalId: number, now: Date, target?: number): Promise<TGoalDecision> {
  return writeTransaction(db, async (tx) => {
    const { goal, rep } = await loadForDecision(tx, agreer, goalId);
    const period = { start: goal.periodStart, end: goal.periodEnd };
    const unchanged = target === undefined || target === goal.target;
    if (goal.status === 'agreed' && unchanged) return { goal: await summarize(tx, goal), rep, already: true, previousTarget: goal.target };
    await declineGoals(tx, { personId: rep.id, period, metric: goal.metric, statuses: ['proposed', 'agreed'], exceptId: goal.id });
    const agreed = await markGoalAgreed(tx, goal.id, agreer.id, now, target);
    return { goal: await summarize(tx, agreed), rep, already: false, previousTarget: goal.target };
  });
}

export async function loadForDecision(db: TDb, viewer: TPersonRow, goalId: number): Promise<{ goal: TGoalRow; rep: TPersonRow }> {
  const goal = await findGoalById(db, goalId);
  const rep = goal && goal.workspaceId === viewer.workspaceId ? await findPersonById(db, goal.personId) : undefined;
  if (!goal || !rep) throw new AppError('not_found', "I can't find that goal any more — it may have been removed.");
  if (!canSetGoal(viewer, rep)) throw new AppError('not_allowed', NOT_YOURS);
  if (goal.status === 'declined') {
    throw new AppError('bad_input', 'This proposal was replaced by a newer goal — nothing was changed. See it with `/coach goals`.');
  }
  return { goal, rep };
}

export function checkTarget(input: TGoalInput): void {
  if (!isValidGoalTarget(input.metric, input.target)) throw new AppError('bad_input', 'That goal is out of range: 1–1,000 deals, or $1–$100M of revenue.');
}

/** The newest agreed goal and the newest proposal of each metric (rows come newest first). */
export function latestPerMetric(rows: readonly TGoalRow[]): TGoalRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.metric}|${row.status}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function summarize(db: TDb, goal: TGoalRow): Promise<TGoalSummary> {
  const nameOf = async (id: number | null) => (id === null ? null : ((await findPersonById(db, id))?.name ?? null));
  return {
    id: goal.id,
    metric: goal.metric,
    target: goal.target,
    status: goal.status,
    quarter: quarterOf(DateTime.fromISO(goal.periodStart, { zone: 'UTC' })).label,
    proposedByName: await nameOf(goal.proposedById),
    agreedByName: await nameOf(goal.agreedById),
  };
}
