import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { TGoalSummary, loadForDecision, summarize } from './goal-rules';

/** A goal the viewer may agree or adjust, for the adjust modal. */
export async function goalForDecision(db: TDb, viewer: TPersonRow, goalId: number): Promise<{ goal: TGoalSummary; rep: TPersonRow }> {
  const { goal, rep } = await loadForDecision(db, viewer, goalId);
  return { goal: await summarize(db, goal), rep };
}
