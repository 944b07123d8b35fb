import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { declineGoals, insertGoal, listLiveGoals } from '../../../db/repositories/goals';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { quarterOf } from '../../domain/goal-text';
import { TGoalInput, checkTarget, summarize } from './goal-rules';

/**
 * A person proposes their own goal for the current quarter (in their zone). It replaces their earlier
 * proposal for the same metric; their manager (if any) is returned to be asked.
 */
export async function proposeGoal(db: TDb, rep: TPersonRow, input: TGoalInput, now: Date) {
  checkTarget(input);
  const quarter = quarterOf(DateTime.fromJSDate(now, { zone: rep.tz }));
  const period = { start: quarter.start, end: quarter.end };
  const manager = rep.managerId === null ? null : ((await findPersonById(db, rep.managerId)) ?? null);
  const goal = await writeTransaction(db, async (tx) => {
    const live = (await listLiveGoals(tx, [rep.id], period)).filter((g) => g.metric === input.metric);
    if (live.some((g) => g.status === 'agreed' && g.target === input.target)) {
      throw new AppError('bad_input', `That's already your agreed goal for ${quarter.label} — nothing to change.`);
    }
    await declineGoals(tx, { personId: rep.id, period, metric: input.metric, statuses: ['proposed'] });
    return insertGoal(tx, { workspaceId: rep.workspaceId, personId: rep.id, ...input, period, status: 'proposed', proposedById: rep.id });
  });
  const reachable = manager && !manager.isDeleted && !manager.isBot ? manager : null;
  return { goal: await summarize(db, goal), quarter, manager: reachable };
}
