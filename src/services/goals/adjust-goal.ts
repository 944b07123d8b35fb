import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { parseGoalTarget } from '../../domain/goal-text';
import { TGoalDecision, decide, loadForDecision } from './goal-rules';

/** The manager agrees a proposal with another target, typed in the adjust modal (a bad one is a `bad_input` error). */
export async function adjustGoal(db: TDb, agreer: TPersonRow, goalId: number, targetText: string, now: Date): Promise<TGoalDecision> {
  const { goal } = await loadForDecision(db, agreer, goalId);
  const usage = goal.metric === 'revenue' ? 'Enter an amount from $1 to $100M, like $150k.' : 'Enter a whole number of deals from 1 to 1,000, like 10.';
  const parsed = parseGoalTarget([targetText], { defaultMetric: goal.metric, lockedMetric: goal.metric, usage });
  if (!parsed.ok) throw new AppError('bad_input', parsed.message);
  return decide(db, agreer, goalId, now, parsed.target);
}
