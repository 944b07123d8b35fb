import type { TDb } from '../../../db/client';
import { listTeamRequests } from '../../../db/repositories/call-review-requests';
import type { TPersonRow } from '../../../db/repositories/people';
import { requestsExpireBefore } from '../../domain/call-reviews';
import type { TTeamReviewRequests } from '../../slack/blocks/view-models/call-reviews';
import { requestSummary } from './review-summaries';

/** How many of the team's open requests the manager's Home tab lists. */
export const TEAM_REQUESTS_SHOWN = 5;

/**
 * The open requests of a manager's reps (not expired), oldest first, for their Home tab: a request reaches the
 * manager there even with no 1:1 scheduled, without a DM of its own. Dated in the manager's zone.
 */
export async function getTeamRequests(db: TDb, manager: TPersonRow, now: Date): Promise<TTeamReviewRequests> {
  const rows = (await listTeamRequests(db, manager.id, requestsExpireBefore(now), TEAM_REQUESTS_SHOWN + 50)).filter((r) => (r.requestedAt ?? r.createdAt) <= now);
  return {
    requests: rows.slice(0, TEAM_REQUESTS_SHOWN).map((r) => ({ ...requestSummary(r, manager.tz), repName: r.repName || r.repSlackUserId })),
    more: Math.max(0, rows.length - TEAM_REQUESTS_SHOWN),
  };
}
