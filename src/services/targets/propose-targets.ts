import { type TDb, writeTransaction } from '../../../db/client';
import { declineActivityTargets, insertActivityTargets, listLiveActivityTargets } from '../../../db/repositories/activity-targets';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { sameTargets, type TActivityTarget } from '../../domain/target-text';
import { summarize } from './target-rules';

/**
 * A rep proposes their own weekly activity targets (up to three, checked by the parser). It replaces their
 * earlier proposal; once agreed it replaces their earlier agreed set. Their manager (if reachable) is
 * returned to be asked; `autonomous` says the rep's current tier gets no activity targets at all.
 */
export async function proposeTargets(db: TDb, rep: TPersonRow, targets: TActivityTarget[], now: Date) {
  const manager = rep.managerId === null ? null : ((await findPersonById(db, rep.managerId)) ?? null);
  const set = await writeTransaction(db, async (tx) => {
    const live = await listLiveActivityTargets(tx, rep.id);
    if (live.some((s) => s.status === 'agreed' && sameTargets(s.targets, targets))) {
      throw new AppError('bad_input', "Those are already your agreed targets — nothing to change. See them with `/coach targets`.");
    }
    await declineActivityTargets(tx, { personId: rep.id, statuses: ['proposed'] });
    return insertActivityTargets(tx, { workspaceId: rep.workspaceId, personId: rep.id, targets, status: 'proposed', proposedById: rep.id });
  });
  const autonomous = (await findLatestTierSnapshot(db, rep.id, now))?.tier === 'autonomous';
  const reachable = manager && !manager.isDeleted && !manager.isBot ? manager : null;
  return { set: await summarize(db, set), manager: reachable, autonomous };
}
