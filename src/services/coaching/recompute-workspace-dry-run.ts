import { type TDb, rolledBack } from '../../../db/client';
import { recomputeWorkspace, type TRecomputeSummary } from './recompute-workspace';

/**
 * `recomputeWorkspace` computed and written exactly as a real run, then rolled back (`run recompute
 * --dry-run`): the summary says what a run would change, and nothing is saved.
 */
export async function recomputeWorkspaceDryRun(db: TDb, input: Parameters<typeof recomputeWorkspace>[1]): Promise<TRecomputeSummary> {
  return rolledBack(db, (tx) => recomputeWorkspace(tx, input));
}
