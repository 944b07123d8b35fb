import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { TGoalSummary, loadForDecision, summarize } from './goal-rules';

/** A goal the viewer may agree or adjust, for the adjust modal. */
export function goalForDecision(db: TDb, viewer: TPersonRow, goalId: number): { goal: TGoalSummary; rep: TPersonRow } {
  const { goal, rep } = loadForDecision(db, viewer, goalId);
  return { goal: summarize(db, goal), rep };
}
