import type { TDb } from '../../../db/client';
import type { TCallReviewView } from '../../../db/repositories/call-reviews';
import { listStages } from '../../../db/repositories/workspaces';
import type { TReviewCardView } from '../../slack/blocks/view-models/review-dm';

/**
 * Shared reviews as the rep reads them (their DM, the digest, a re-rendered "I tried it"): stages by their names in
 * the workspace's selling system (the key itself for a stage removed since). A request (not shared) has no card.
 */
export function reviewCards(db: TDb, workspaceId: string, reviews: readonly TCallReviewView[]): TReviewCardView[] {
  if (reviews.length === 0) return [];
  const names = new Map(listStages(db, workspaceId).map((s) => [s.key, s.name]));
  const stageName = (key: string) => names.get(key) ?? key;
  return reviews
    .filter((r) => r.status === 'shared')
    .map((r) => ({
      reviewId: r.id,
      reviewerName: r.reviewerName,
      url: r.url,
      dealName: r.dealName,
      callStageName: r.callStage !== null ? stageName(r.callStage) : null,
      wentWell: r.wentWell ?? '',
      oneThing: r.oneThing ?? '',
      oneThingStageName: r.oneThingStage !== null ? stageName(r.oneThingStage) : 'any stage',
      exemplar: r.exemplar ? { title: r.exemplar.title, url: r.exemplar.url } : null,
      tried: r.triedAt !== null,
    }));
}
