import { type TDb, writeTransaction } from '../../../db/client';
import { declineActivityTargets, insertActivityTargets } from '../../../db/repositories/activity-targets';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { type TActivityTarget } from '../../domain/target-text';
import { canSetGoal } from '../teams/authorize';
import { summarize } from './target-rules';

/** A manager (or admin) sets a rep's activity targets: agreed at once, replacing the rep's earlier sets. */
export async function setTargetsForRep(db: TDb, setter: TPersonRow, rep: TPersonRow, targets: TActivityTarget[], now: Date) {
  if (rep.isBot) throw new AppError('bad_input', "That's a bot — targets are for people.");
  if (!canSetGoal(setter, rep)) {
    throw new AppError('not_allowed', "Only a rep's manager or an admin can set their targets. To propose your own, use `/coach targets 25 calls 10 emails`.");
  }
  const set = await writeTransaction(db, async (tx) => {
    await declineActivityTargets(tx, { personId: rep.id, statuses: ['proposed', 'agreed'] });
    return insertActivityTargets(tx, {
      workspaceId: rep.workspaceId, personId: rep.id, targets, status: 'agreed', proposedById: setter.id, agreedById: setter.id, agreedAt: now,
    });
  });
  const autonomous = (await findLatestTierSnapshot(db, rep.id, now))?.tier === 'autonomous';
  return { set: await summarize(db, set), autonomous };
}
