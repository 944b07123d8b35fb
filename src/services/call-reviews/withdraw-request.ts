import { retryWhenBusy, writeTransaction, type TDb } from '../../../db/client';
import { deleteOpenRequest, listLiveRequests } from '../../../db/repositories/call-review-requests';
import { findCallReview, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { recordingSite, requestsExpireBefore } from '../../domain/call-reviews';
import type { TWithdrawRequestView } from '../../slack/blocks/view-models/call-reviews';
import { requestSummary } from './review-summaries';

/**
 * Which request to take back: a button's (`id`), the one for a link (`/coach review request cancel <link>`), the only
 * open one (`only`: `/coach review request cancel` — the list when there are several), or the list to pick from.
 */
export type TWithdrawWhich = { kind: 'id'; id: number } | { kind: 'link'; url: string } | { kind: 'only' } | { kind: 'list' };

/**
 * A rep takes back a request for a review: the Withdraw button names one, a link names its request (none open for
 * it: `no such`), `/coach review request cancel` withdraws their only open request or lists them, and anything else
 * lists them. Only the rep's own, still open requests; one answered or withdrawn already is `gone`. The row is
 * deleted: a request holds no feedback.
 */
export function withdrawRequest(db: TDb, rep: TPersonRow, which: TWithdrawWhich, now: Date): Promise<TWithdrawRequestView> {
  return retryWhenBusy(() => writeTransaction(db, (tx) => withdrawNow(tx, rep, which, now)));
}

async function withdrawNow(db: TDb, rep: TPersonRow, which: TWithdrawWhich, now: Date): Promise<TWithdrawRequestView> {
  if (which.kind === 'id') {
    const request = await findCallReview(db, rep.workspaceId, which.id);
    if (!request || !(await deleteOpenRequest(db, rep.id, request.id))) return { kind: 'gone' };
    return withdrawn(request, rep);
  }
  const open = await listLiveRequests(db, rep.id, requestsExpireBefore(now));
  if (which.kind === 'link') {
    const request = open.find((r) => r.url === which.url);
    // No request, so no day to name it by: the site alone ('gong.io call').
    if (!request) return { kind: 'no such', url: which.url, label: `${recordingSite(which.url)} call`, others: open.length };
    await deleteOpenRequest(db, rep.id, request.id);
    return withdrawn(request, rep);
  }
  if (open.length === 0) return { kind: 'none' };
  if (open.length > 1 || which.kind === 'list') return { kind: 'choose', requests: open.map((r) => requestSummary(r, rep.tz)) };
  await deleteOpenRequest(db, rep.id, open[0]!.id);
  return withdrawn(open[0]!, rep);
}

/** The request taken back, named as the rep's Home tab listed it ('gong.io call, Wed 2 Dec'). */
function withdrawn(request: TCallReviewRow, rep: TPersonRow): TWithdrawRequestView {
  return { kind: 'withdrawn', url: request.url, label: requestSummary(request, rep.tz).label };
}
