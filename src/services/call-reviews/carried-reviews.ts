import type { TDb } from '../../../db/client';
import { listSharedReviews } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { lastSentCarrierAt, reviewDmFacts } from '../../../db/repositories/review-carriers';
import { carrierSince, reviewDmState, reviewsToCarry } from '../../domain/call-reviews';
import type { TReviewCardView } from '../../slack/blocks/view-models/review-dm';
import { reviewCards } from './review-card';

/**
 * The call reviews a carrier sent to the rep at `now` — their check-in or weekly digest, whichever goes out first —
 * brings along: those whose own DM was held back (the budget, a pause, away, a holiday) since the rep's previous
 * carrier that was sent, at most 30 days back (`reviewsToCarry`). Newest first. Read at send time; nothing is marked.
 */
export async function carriedReviews(db: TDb, rep: TPersonRow, now: Date): Promise<TReviewCardView[]> {
  const until = now.getTime();
  const since = carrierSince((await lastSentCarrierAt(db, rep.id, now))?.getTime() ?? null, until);
  // A held DM was due up to two weeks after its review was shared (the next working day): read that much further back.
  const shared = await listSharedReviews(db, rep.id, { since: new Date(since - 14 * 86_400_000) });
  if (shared.length === 0) return [];
  const facts = await reviewDmFacts(db, rep.id, shared.map((r) => r.id));
  const picked = new Set(
    reviewsToCarry(
      shared.map((r) => {
        const dm = facts.get(r.id);
        return { id: r.id, sharedAt: r.sharedAt?.getTime() ?? 0, dm: reviewDmState(dm?.status ?? null), dmDueAt: dm?.dueAt?.getTime() ?? null };
      }),
      since,
      until,
    ),
  );
  return reviewCards(db, rep, shared.filter((r) => picked.has(r.id)), now);
}
