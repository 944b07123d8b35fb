import { retryWhenBusy, writeTransaction, type TDb } from '../../../db/client';
import { deleteOpenRequest, listLiveRequests } from '../../../db/repositories/call-review-requests';
import { findCallReview } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { requestsExpireBefore } from '../../domain/call-reviews';
import type { TWithdrawRequestView } from '../../slack/blocks/view-models/call-reviews';
import { requestSummary } from './review-summaries';

/**
 * A rep takes back a request for a review: `/coach review request cancel` withdraws their only open request, or
 * lists them to pick from (`requestId` null); the Withdraw button names one. Only the rep's own, still open
 * requests; one answered or withdrawn already is `gone`. The row is deleted: a request holds no feedback.
 */
export function withdrawRequest(db: TDb, rep: TPersonRow, requestId: number | null, now: Date): Promise<TWithdrawRequestView> {
  return retryWhenBusy(() => writeTransaction(db, (tx) => withdrawNow(tx, rep, requestId, now)));
}

function withdrawNow(db: TDb, rep: TPersonRow, requestId: number | null, now: Date): TWithdrawRequestView {
  if (requestId !== null) {
    const request = findCallReview(db, rep.workspaceId, requestId);
    if (!request || !deleteOpenRequest(db, rep.id, request.id)) return { kind: 'gone' };
    return { kind: 'withdrawn', url: request.url };
  }
  const open = listLiveRequests(db, rep.id, requestsExpireBefore(now));
  if (open.length === 0) return { kind: 'none' };
  if (open.length > 1) return { kind: 'choose', requests: open.map((r) => requestSummary(r, rep.tz)) };
  deleteOpenRequest(db, rep.id, open[0]!.id);
  return { kind: 'withdrawn', url: open[0]!.url };
}
