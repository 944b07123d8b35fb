import type { TDb } from '../../../db/client';
import { listSharedReviews } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import type { TReviewSummary } from '../../slack/blocks/view-models/call-reviews';
import { stageNamer } from '../briefs/brief-numbers';
import { reviewSummary } from './review-summaries';

/** `/coach focus` lists this many of the rep's reviewed calls for the focus stage. */
export const FOCUS_REVIEWS_SHOWN = 3;
/** The reviews looked through for them (a rep's reviews are few; this bounds the read). */
const READ = 100;

/**
 * The rep's own reviewed calls for a stage, newest first: reviews whose one thing is about that stage or whose call
 * was in it. Callers check who may see the rep's coaching (the rep, their manager, admins).
 */
export async function listFocusReviews(db: TDb, rep: TPersonRow, stage: string, now: Date): Promise<TReviewSummary[]> {
  const stageName = stageNamer(await listStages(db, rep.workspaceId));
  return (await listSharedReviews(db, rep.id, { limit: READ }))
    .filter((r) => r.oneThingStage === stage || r.callStage === stage)
    .slice(0, FOCUS_REVIEWS_SHOWN)
    .map((r) => reviewSummary(r, stageName, now, rep.tz));
}
