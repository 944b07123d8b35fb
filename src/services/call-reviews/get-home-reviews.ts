import type { TDb } from '../../../db/client';
import { listLiveRequests } from '../../../db/repositories/call-review-requests';
import { listOpenOneThings, listSharedReviews } from '../../../db/repositories/call-reviews';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { HOME_REVIEWS_SHOWN, requestsExpireBefore } from '../../domain/call-reviews';
import type { THomeReviews } from '../../slack/blocks/view-models/call-reviews';
import { stageNamer } from '../briefs/brief-numbers';
import { askableReview } from './review-card';
import { requestSummary } from './review-summaries';

/** How many open "one things" are read to list the older ones and count the rest. */
const OPEN_READ = 50;

/**
 * The person's own "Call reviews" on their Home tab: their last reviews, older "one things" not tried yet, and the
 * reviews they asked for that nobody has answered (expired requests left out). Only ever the person's own reviews (SPEC §2 privacy).
 */
export async function getHomeReviews(db: TDb, person: TPersonRow, now: Date): Promise<THomeReviews> {
  const stageName = stageNamer(await listStages(db, person.workspaceId));
  const recent = await listSharedReviews(db, person.id, { limit: HOME_REVIEWS_SHOWN });
  const shownIds = new Set(recent.map((r) => r.id));
  const older = (await listOpenOneThings(db, person.id, OPEN_READ)).filter((r) => !shownIds.has(r.id));
  const manager = person.managerId === null ? undefined : await findPersonById(db, person.managerId);
  const recentCards = await Promise.all(recent.map((r) => askableReview(db, person, r, stageName, now)));
  const olderCards = await Promise.all(older.slice(0, HOME_REVIEWS_SHOWN).map((r) => askableReview(db, person, r, stageName, now)));
  return {
    recent: recentCards,
    olderOpen: olderCards,
    olderOpenMore: Math.max(0, older.length - HOME_REVIEWS_SHOWN),
    requests: (await listLiveRequests(db, person.id, requestsExpireBefore(now))).map((r) => requestSummary(r, person.tz)),
    managerName: manager?.name ?? null,
    canAsk: manager !== undefined,
  };
}
