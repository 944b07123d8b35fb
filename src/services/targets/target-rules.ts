import { type TDb, writeTransaction } from '../../../db/client';
import {
  declineActivityTargets,
  findActivityTargetsById,
  markActivityTargetsAgreed,
  type TActivityTargetsRow,
} from '../../../db/repositories/activity-targets';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { sameTargets, type TActivityTarget } from '../../domain/target-text';
import { canSetGoal } from '../teams/authorize';

/** A set of targets with the names around it, ready to render. */
export type TTargetsSummary = {
  id: number;
  targets: TActivityTarget[];
  proposedTargets: TActivityTarget[];
  status: TActivityTargetsRow['status'];
  /** True when the rep proposed the set themselves (not set by a manager). */
  proposedByRep: boolean;
  proposedByName: string | null;
  agreedByName: string | null;
  agreedAt: Date | null;
};

export type TTargetsDecision = { set: TTargetsSummary; rep: TPersonRow; already: boolean };

export const NOT_YOURS = "Only this rep's manager or an admin can agree or change their targets — nothing was changed.";

/** Agrees a proposed set (as it stands, or with other targets), replacing the rep's earlier agreed set. */
export async function decide(db: TDb, agreer: TPersonRow, setId: number, now: Date, targets?: TActivityTarget[]): Promise<TTargetsDecision> {
  return writeTransaction(db, async (tx) => {
    const { set, rep } = await loadForDecision(tx, agreer, setId);
    const unchanged = targets === undefined || sameTargets(targets, set.targets);
    if (set.status === 'agreed' && unchanged) return { set: await summarize(tx, set), rep, already: true };
    await declineActivityTargets(tx, { personId: rep.id, statuses: ['proposed', 'agreed'], exceptId: set.id });
    const agreed = await markActivityTargetsAgreed(tx, set.id, agreer.id, now, targets);
    return { set: await summarize(tx, agreed), rep, already: false };
  });
}

/** The set and its rep, for someone who may decide it; refused otherwise. */
export async function loadForDecision(db: TDb, viewer: TPersonRow, setId: number): Promise<{ set: TActivityTargetsRow; rep: TPersonRow }> {
  const set = await findActivityTargetsById(db, setId);
  const rep = set && set.workspaceId === viewer.workspaceId ? await findPersonById(db, set.personId) : undefined;
  if (!set || !rep) throw new AppError('not_found', "I can't find those targets any more — they may have been removed.");
  if (!canSetGoal(viewer, rep)) throw new AppError('not_allowed', NOT_YOURS);
  if (set.status === 'declined') {
    throw new AppError('bad_input', 'This proposal was replaced by newer targets — nothing was changed. See them with `/coach targets @rep`.');
  }
  return { set, rep };
}

export async function summarize(db: TDb, set: TActivityTargetsRow): Promise<TTargetsSummary> {
  const nameOf = async (id: number | null) => (id === null ? null : ((await findPersonById(db, id))?.name ?? null));
  return {
    id: set.id,
    targets: set.targets,
    proposedTargets: set.proposedTargets,
    status: set.status,
    proposedByRep: set.proposedById === set.personId,
    proposedByName: await nameOf(set.proposedById),
    agreedByName: await nameOf(set.agreedById),
    agreedAt: set.agreedAt,
  };
}
