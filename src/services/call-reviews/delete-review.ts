import { retryWhenBusy, writeTransaction, type TDb } from '../../../db/client';
import { deleteSharedReview } from '../../../db/repositories/call-review-edits';
import { findCallReviewView } from '../../../db/repositories/call-reviews';
import { updateDelivery } from '../../../db/repositories/deliveries';
import type { TPersonRow } from '../../../db/repositories/people';
import { reviewLabel } from '../../domain/call-reviews';
import { REVIEW_DELETED_REASON, reviewDmChange } from '../../domain/review-edits';
import type { TReviewDeletedView, TReviewDeletePrompt } from '../../slack/blocks/view-models/review-form';
import { changeableReview, reviewDmDelivery } from './review-change';
import type { TReviewThreadSlack } from './thread-port';

/**
 * Delete chosen in the brief's menu: what the question names (the rep, the call), when the clicker may delete it;
 * `gone` when it was deleted already.
 */
export async function reviewToDelete(db: TDb, actor: TPersonRow, reviewId: number): Promise<{ kind: 'ask'; prompt: TReviewDeletePrompt } | { kind: 'gone' }> {
  const found = await changeableReview(db, actor, reviewId, 'delete');
  if (!found) return { kind: 'gone' };
  const { review, rep } = found;
  const dealName = (await findCallReviewView(db, actor.workspaceId, review.id))?.dealName ?? null;
  const label = reviewLabel({ url: review.url, dealName, at: review.sharedAt ?? review.createdAt }, actor.tz);
  return { kind: 'ask', prompt: { reviewId, repName: rep.name || rep.slackUserId, url: review.url, label } };
}

export type TDeleteReviewResult = { view: TReviewDeletedView; rep: TPersonRow | null };

/**
 * Delete on a shared review: only its reviewer while the rep is on their team, or an admin (checked now). The review
 * and its thread are removed; a DM still to go out is skipped (never sent), a DM the rep has is deleted (a Slack
 * failure is logged, not thrown: the review is gone from everything Canopy shows). A second click, or an old button,
 * gets a note that it is gone.
 */
export async function deleteReview(input: { db: TDb; slack: TReviewThreadSlack; actor: TPersonRow; reviewId: number; now: Date; onError: (error: unknown, what: string) => void }): Promise<TDeleteReviewResult> {
  const { db, actor, reviewId, now } = input;
  const done = await retryWhenBusy(() =>
    writeTransaction(db, async (tx) => {
      const found = await changeableReview(tx, actor, reviewId, 'delete');
      if (!found) return undefined;
      const dm = await reviewDmDelivery(tx, found.review, now);
      const change = reviewDmChange('delete', dm && { status: dm.status, landed: dm.where !== null });
      if (change === 'skip' && dm) await updateDelivery(tx, dm.id, ['pending'], { status: 'skipped', reason: REVIEW_DELETED_REASON });
      if (!(await deleteSharedReview(tx, reviewId))) return undefined;
      return { rep: found.rep, remove: change === 'remove' ? dm?.where : null, carried: dm?.carried ?? false };
    }),
  );
  if (!done) return { view: { kind: 'gone' }, rep: null };
  if (done.remove) await input.slack.remove(done.remove).catch((error: unknown) => input.onError(error, 'could not delete the DM of a deleted review'));
  return { view: { kind: 'deleted', repName: done.rep.name || done.rep.slackUserId, carried: done.carried }, rep: done.rep };
}
