import type { TDb } from '../../../db/client';
import type { TCallReviewView } from '../../../db/repositories/call-reviews';
import { listStages } from '../../../db/repositories/workspaces';
import type { TReviewCardView } from '../../slack/blocks/view-models/review-dm';
import { stageNamer } from '../briefs/brief-numbers';
import { reviewSummary } from './review-summaries';

/**
 * Shared reviews as the rep reads them (their DM, the digest): the same view as the Home tab, the brief and
 * `/coach focus` (`reviewSummary`), with the workspace's stage names, dated in `zone`. A request (not shared) has no card.
 */
export function reviewCards(db: TDb, workspaceId: string, reviews: readonly TCallReviewView[], now: Date, zone: string): TReviewCardView[] {
  if (reviews.length === 0) return [];
  const stageName = stageNamer(listStages(db, workspaceId));
  return reviews.filter((r) => r.status === 'shared').map((r) => reviewSummary(r, stageName, now, zone));
}
