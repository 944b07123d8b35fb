import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { declineGoals, findGoalById, insertGoal, listLiveGoals, markGoalAgreed, type TGoalRow } from '../../../db/repositories/goals';
import { findPersonById, listReports, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { isValidGoalTarget, parseGoalTarget, quarterOf, type TGoalMetric } from '../../domain/goal-text';
import { canManageTeam, canSetGoal } from '../teams/authorize';

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

const NOT_YOURS = "Only this rep's manager or an admin can agree or change their goal — nothing was changed.";

/**
 * A person proposes their own goal for the current quarter (in their zone). It replaces their earlier
 * proposal for the same metric; their manager (if any) is returned to be asked.
 */
export function proposeGoal(db: TDb, rep: TPersonRow, input: TGoalInput, now: Date) {
  checkTarget(input);
  const quarter = quarterOf(DateTime.fromJSDate(now, { zone: rep.tz }));
  const period = { start: quarter.start, end: quarter.end };
  const manager = rep.managerId === null ? null : (findPersonById(db, rep.managerId) ?? null);
  const goal = writeTransaction(db, (tx) => {
    const live = listLiveGoals(tx, [rep.id], period).filter((g) => g.metric === input.metric);
    if (live.some((g) => g.status === 'agreed' && g.target === input.target)) {
      throw new AppError('bad_input', `That's already your agreed goal for ${quarter.label} — nothing to change.`);
    }
    declineGoals(tx, { personId: rep.id, period, metric: input.metric, statuses: ['proposed'] });
    return insertGoal(tx, { workspaceId: rep.workspaceId, personId: rep.id, ...input, period, status: 'proposed', proposedById: rep.id });
  });
  const reachable = manager && !manager.isDeleted && !manager.isBot ? manager : null;
  return { goal: summarize(db, goal), quarter, manager: reachable };
}

/** A manager (or admin) sets a rep's goal for the rep's current quarter: agreed at once, replacing earlier ones. */
export function setGoalForRep(db: TDb, setter: TPersonRow, rep: TPersonRow, input: TGoalInput, now: Date) {
  if (rep.isBot) throw new AppError('bad_input', "That's a bot — goals are for people.");
  if (!canSetGoal(setter, rep)) {
    throw new AppError('not_allowed', "Only a rep's manager or an admin can set their goal. To propose your own, use `/coach goals 8 deals`.");
  }
  checkTarget(input);
  const quarter = quarterOf(DateTime.fromJSDate(now, { zone: rep.tz }));
  const period = { start: quarter.start, end: quarter.end };
  const goal = writeTransaction(db, (tx) => {
    declineGoals(tx, { personId: rep.id, period, metric: input.metric, statuses: ['proposed', 'agreed'] });
    return insertGoal(tx, {
      workspaceId: rep.workspaceId, personId: rep.id, ...input, period, status: 'agreed',
      proposedById: setter.id, agreedById: setter.id, agreedAt: now,
    });
  });
  return { goal: summarize(db, goal), quarter };
}

/** The manager agrees a proposal as it stands. Agreeing twice changes nothing. */
export function agreeGoal(db: TDb, agreer: TPersonRow, goalId: number, now: Date): TGoalDecision {
  return decide(db, agreer, goalId, now);
}

/** The manager agrees a proposal with another target, typed in the adjust modal (a bad one is a `bad_input` error). */
export function adjustGoal(db: TDb, agreer: TPersonRow, goalId: number, targetText: string, now: Date): TGoalDecision {
  const { goal } = loadForDecision(db, agreer, goalId);
  const usage = goal.metric === 'revenue' ? 'Enter an amount from $1 to $100M, like $150k.' : 'Enter a whole number of deals from 1 to 1,000, like 10.';
  const parsed = parseGoalTarget([targetText], { defaultMetric: goal.metric, lockedMetric: goal.metric, usage });
  if (!parsed.ok) throw new AppError('bad_input', parsed.message);
  return decide(db, agreer, goalId, now, parsed.target);
}

/** A goal the viewer may agree or adjust, for the adjust modal. */
export function goalForDecision(db: TDb, viewer: TPersonRow, goalId: number): { goal: TGoalSummary; rep: TPersonRow } {
  const { goal, rep } = loadForDecision(db, viewer, goalId);
  return { goal: summarize(db, goal), rep };
}

/** A person's live goals for their current quarter: agreed ones and pending proposals. */
export function listGoalsForQuarter(db: TDb, person: TPersonRow, now: Date) {
  const quarter = quarterOf(DateTime.fromJSDate(now, { zone: person.tz }));
  const goals = latestPerMetric(listLiveGoals(db, [person.id], quarter)).map((g) => summarize(db, g));
  const manager = person.managerId === null ? null : (findPersonById(db, person.managerId) ?? null);
  return { quarter, goals, managerName: manager?.name ?? null };
}

/** Each of a manager's reps with their live goals for the rep's current quarter; empty for a rep. */
export function listTeamGoals(db: TDb, manager: TPersonRow, now: Date): { rep: TPersonRow; goals: TGoalSummary[] }[] {
  if (!canManageTeam(manager)) return [];
  return listReports(db, manager.id)
    .filter((rep) => !rep.isDeleted && !rep.isBot)
    .map((rep) => {
      const quarter = quarterOf(DateTime.fromJSDate(now, { zone: rep.tz }));
      return { rep, goals: latestPerMetric(listLiveGoals(db, [rep.id], quarter)).map((g) => summarize(db, g)) };
    });
}

function decide(db: TDb, agreer: TPersonRow, goalId: number, now: Date, target?: number): TGoalDecision {
  return writeTransaction(db, (tx) => {
    const { goal, rep } = loadForDecision(tx, agreer, goalId);
    const period = { start: goal.periodStart, end: goal.periodEnd };
    const unchanged = target === undefined || target === goal.target;
    if (goal.status === 'agreed' && unchanged) return { goal: summarize(tx, goal), rep, already: true, previousTarget: goal.target };
    declineGoals(tx, { personId: rep.id, period, metric: goal.metric, statuses: ['proposed', 'agreed'], exceptId: goal.id });
    const agreed = markGoalAgreed(tx, goal.id, agreer.id, now, target);
    return { goal: summarize(tx, agreed), rep, already: false, previousTarget: goal.target };
  });
}

function loadForDecision(db: TDb, viewer: TPersonRow, goalId: number): { goal: TGoalRow; rep: TPersonRow } {
  const goal = findGoalById(db, goalId);
  const rep = goal && goal.workspaceId === viewer.workspaceId ? findPersonById(db, goal.personId) : undefined;
  if (!goal || !rep) throw new AppError('not_found', "I can't find that goal any more — it may have been removed.");
  if (!canSetGoal(viewer, rep)) throw new AppError('not_allowed', NOT_YOURS);
  if (goal.status === 'declined') {
    throw new AppError('bad_input', 'This proposal was replaced by a newer goal — nothing was changed. See it with `/coach goals`.');
  }
  return { goal, rep };
}

function checkTarget(input: TGoalInput): void {
  if (!isValidGoalTarget(input.metric, input.target)) throw new AppError('bad_input', 'That goal is out of range: 1–1,000 deals, or $1–$100M of revenue.');
}

/** The newest agreed goal and the newest proposal of each metric (rows come newest first). */
function latestPerMetric(rows: readonly TGoalRow[]): TGoalRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.metric}|${row.status}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function summarize(db: TDb, goal: TGoalRow): TGoalSummary {
  const nameOf = (id: number | null) => (id === null ? null : (findPersonById(db, id)?.name ?? null));
  return {
    id: goal.id,
    metric: goal.metric,
    target: goal.target,
    status: goal.status,
    quarter: quarterOf(DateTime.fromISO(goal.periodStart, { zone: 'UTC' })).label,
    proposedByName: nameOf(goal.proposedById),
    agreedByName: nameOf(goal.agreedById),
  };
}
