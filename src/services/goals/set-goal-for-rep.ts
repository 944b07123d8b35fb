import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { declineGoals, insertGoal } from '../../../db/repositories/goals';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { quarterOf } from '../../domain/goal-text';
import { canSetGoal } from '../teams/authorize';
import { TGoalInput, checkTarget, summarize } from './goal-rules';

/** A manager (or admin) sets a rep's goal for the rep's current quarter: agreed at once, replacing earlier ones. */
export async function setGoalForRep(db: TDb, setter: TPersonRow, rep: TPersonRow, input: TGoalInput, now: Date) {
  if (rep.isBot) throw new AppError('bad_input', "That's a bot — goals are for people.");
  if (!canSetGoal(setter, rep)) {
    throw new AppError('not_allowed', "Only a rep's manager or an admin can set their goal. To propose your own, use `/coach goals 8 deals`.");
  }
  checkTarget(input);
  const quarter = quarterOf(DateTime.fromJSDate(now, { zone: rep.tz }));
  const period = { start: quarter.start, end: quarter.end };
  const goal = await writeTransaction(db, async (tx) => {
    await declineGoals(tx, { personId: rep.id, period, metric: input.metric, statuses: ['proposed', 'agreed'] });
    return insertGoal(tx, {
      workspaceId: rep.workspaceId, personId: rep.id, ...input, period, status: 'agreed',
      proposedById: setter.id, agreedById: setter.id, agreedAt: now,
    });
  });
  return { goal: await summarize(db, goal), quarter };
}
