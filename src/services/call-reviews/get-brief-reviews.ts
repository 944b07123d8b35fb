import type { TDb } from '../../../db/client';
import { listLiveRequests } from '../../../db/repositories/call-review-requests';
import { requestsExpireBefore } from '../../domain/call-reviews';
import { listReviewComments, listSharedReviews } from '../../../db/repositories/call-reviews';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { reviewEditAccess } from '../../domain/review-edits';
import { listStages } from '../../../db/repositories/workspaces';
import type { TBriefReviews } from '../../slack/blocks/view-models/call-reviews';
import { stageNamer } from '../briefs/brief-numbers';
import { requestSummary, reviewSummary } from './review-summaries';
import { reviewParty } from './review-party';

/** Without a previous 1:1, the brief's reviews go back this many days. */
export const BRIEF_REVIEWS_DEFAULT_DAYS = 30;
/** A brief reads on a phone: this many reviews and requests, then "and N more". */
export const BRIEF_REVIEWS_SHOWN = 3;
export const BRIEF_REQUESTS_SHOWN = 2;

const DAY_MS = 86_400_000;

/**
 * The brief's "Call reviews": the rep's reviews shared since the previous 1:1 of the pair (`previousStart`), or the
 * last 30 days without one — each with whether the rep tried the one thing and what they asked in its thread — and
 * the reviews the rep asked for, which their manager answers from the brief. The brief is the manager's (or an
 * admin's on demand): both may read the rep's reviews.
 */
export async function getBriefReviews(db: TDb, rep: TPersonRow, input: { previousStart: Date | null; now: Date; zone: string; readerId: number }): Promise<TBriefReviews> {
  const { now } = input;
  const since =
    input.previousStart && input.previousStart < now
      ? { basis: 'since_meeting' as const, from: input.previousStart }
      : { basis: 'days' as const, from: new Date(now.getTime() - BRIEF_REVIEWS_DEFAULT_DAYS * DAY_MS) };
  const stageName = stageNamer(await listStages(db, rep.workspaceId));
  // Shared up to `now`: a brief as of a past instant does not show what came after it.
  const shared = (await listSharedReviews(db, rep.id, { since: since.from })).filter((r) => r.sharedAt !== null && r.sharedAt <= now);
  // Open, not expired (30 days), and made by `now`.
  const requests = (await listLiveRequests(db, rep.id, requestsExpireBefore(now))).filter((r) => (r.requestedAt ?? r.createdAt) <= now);
  // The reader may edit or delete a review from the brief when they wrote it and the rep is still theirs, or are an admin.
  const reader = await findPersonById(db, input.readerId);
  const changeable = (review: { reviewerId: number | null }) =>
    reader !== undefined && reviewEditAccess(reviewParty(reader), review, reviewParty(rep), 'delete').kind === 'allowed';
  const shownReviews = await Promise.all(
    shared.slice(0, BRIEF_REVIEWS_SHOWN).map(async (review) => {
      const questions = (await listReviewComments(db, review.id)).filter((c) => c.authorId === rep.id && c.createdAt <= now);
      return { ...reviewSummary(review, stageName, now, input.zone), questions: questions.length, lastQuestion: questions.at(-1)?.text ?? null, byReader: review.reviewerId === input.readerId, changeable: changeable(review) };
    }),
  );
  return {
    since: { basis: since.basis, days: Math.max(1, Math.round((now.getTime() - since.from.getTime()) / DAY_MS)) },
    shared: shownReviews,
    sharedMore: Math.max(0, shared.length - BRIEF_REVIEWS_SHOWN),
    requests: requests.slice(0, BRIEF_REQUESTS_SHOWN).map((r) => requestSummary(r, input.zone)),
    requestsMore: Math.max(0, requests.length - BRIEF_REQUESTS_SHOWN),
  };
}
