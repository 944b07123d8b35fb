import type { TDb } from '../../../db/client';
import type { TCallReviewView } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import type { TReviewCardView } from '../../slack/blocks/view-models/review-dm';
import { stageNamer } from '../briefs/brief-numbers';
import { questionRecipientName } from './review-party';
import { reviewSummary } from './review-summaries';

/**
 * Shared reviews as the rep reads them (their DM, the digest): the same view as the Home tab, the brief and
 * `/coach focus` (`reviewSummary`), with the workspace's stage names, dated in the rep's zone, and who a question
 * goes to now (`askName`). The reviews are `rep`'s own. A request (not shared) has no card.
 */
export async function reviewCards(db: TDb, rep: TPersonRow, reviews: readonly TCallReviewView[], now: Date): Promise<TReviewCardView[]> {
  if (reviews.length === 0) return [];
  const stageName = stageNamer(await listStages(db, rep.workspaceId));
  return Promise.all(reviews.filter((r) => r.status === 'shared').map((r) => askableReview(db, rep, r, stageName, now)));
}

/** One of `rep`'s shared reviews as the surfaces with "Ask … a question" show it (their DM, a carrier, the Home tab). */
export async function askableReview(db: TDb, rep: TPersonRow, review: TCallReviewView, stageName: (key: string | null) => string, now: Date): Promise<TReviewCardView> {
  return { ...reviewSummary(review, stageName, now, rep.tz), askName: await questionRecipientName(db, rep, review.reviewerId) };
}
