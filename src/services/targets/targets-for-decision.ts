import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { loadForDecision, summarize, type TTargetsSummary } from './target-rules';

/** A set of targets the viewer may agree or adjust, for the adjust modal. */
export async function targetsForDecision(db: TDb, viewer: TPersonRow, setId: number): Promise<{ set: TTargetsSummary; rep: TPersonRow }> {
  const { set, rep } = await loadForDecision(db, viewer, setId);
  return { set: await summarize(db, set), rep };
}
