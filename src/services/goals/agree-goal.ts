import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { TGoalDecision, decide } from './goal-rules';

/** The manager agrees a proposal as it stands. Agreeing twice changes nothing. */
export async function agreeGoal(db: TDb, agreer: TPersonRow, goalId: number, now: Date): Promise<TGoalDecision> {
  return decide(db, agreer, goalId, now);
}
