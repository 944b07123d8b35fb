import { retryWhenBusy, writeTransaction, type TDb } from '../../../db/client';
import { updateSharedReview } from '../../../db/repositories/call-review-edits';
import { findDealForPicker } from '../../../db/repositories/deals';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { AppError } from '../../domain/errors';
import { reviewDmChange } from '../../domain/review-edits';
import type { TReviewEditedView, TReviewField, TReviewFormView } from '../../slack/blocks/view-models/review-form';
import { formFor } from './open-review-form';
import { changeableReview, REVIEW_GONE, reviewDmDelivery, reviewDmMessage } from './review-change';
import { checkReviewFields, type TReviewSubmission } from './share-review';
import type { TReviewThreadSlack } from './thread-port';

/**
 * Edit on a shared review (its confirmation, the brief's menu): the review form with the review as it is — the rep
 * fixed; the link, deal, call's stage, texts, one thing's stage and recording to change. Only its reviewer while the
 * rep is on their team, or an admin; a review that is gone gets a note.
 */
export async function openReviewEdit(db: TDb, actor: TPersonRow, reviewId: number, now: Date): Promise<TReviewFormView> {
  const found = await changeableReview(db, actor, reviewId, 'edit');
  if (!found) throw new AppError('not_found', REVIEW_GONE);
  const { review, rep } = found;
  const form = await formFor(db, actor.workspaceId, rep, review.url, [], now);
  // A deal closed since the review was shared is not among the open ones: it stays a choice, so saving keeps it.
  const deals = [...form.deals];
  if (review.dealId !== null && !deals.some((d) => d.id === review.dealId)) {
    const deal = await findDealForPicker(db, review.dealId);
    const stageName = (await listStages(db, actor.workspaceId)).find((s) => s.key === deal?.stage)?.name ?? deal?.stage ?? '';
    if (deal && deal.repId === rep.id) deals.unshift({ id: deal.id, name: deal.name, stageName });
  }
  const { dealId: _dealId, dealNote: _dealNote, callStage: _callStage, oneThingStage: _oneThingStage, ...rest } = form;
  return {
    ...rest,
    deals,
    ...(review.dealId !== null && { dealId: review.dealId }),
    ...(review.callStage !== null && { callStage: review.callStage }),
    ...(review.oneThingStage !== null && { oneThingStage: review.oneThingStage }),
    editing: { reviewId: review.id, wentWell: review.wentWell ?? '', oneThing: review.oneThing ?? '', exemplarId: review.exemplarId },
  };
}

/** How long the form's answer waits for the rep's DM to be changed before saying it is under way. */
const DM_UPDATE_WAIT_MS = 1_500;

export type TEditReviewResult =
  | { ok: false; errors: Partial<Record<TReviewField, string>> }
  | { ok: true; rep: TPersonRow; view: TReviewEditedView };

export type TEditReviewInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  actor: TPersonRow;
  reviewId: number;
  /** The form's fields (its rep and request are ignored: an edit keeps the review's rep). */
  submission: Pick<TReviewSubmission, 'url' | 'dealId' | 'callStage' | 'wentWell' | 'oneThing' | 'oneThingStage' | 'exemplarId'>;
  now: Date;
  onError: (error: unknown, what: string) => void;
};

/**
 * The edit form submitted: who may edit checked again with the people as they are now, the fields checked as on
 * sharing (`checkReviewFields`), the review's fields replaced (when it was shared and who wrote it stay). A DM the rep
 * already has is changed in place (a Slack failure is logged; their Home tab has the new version either way); a DM not
 * sent yet is written from the review when it goes out, so there is nothing to do for it.
 */
export async function editReview(input: TEditReviewInput): Promise<TEditReviewResult> {
  const { db, actor, reviewId, now } = input;
  const saved = await retryWhenBusy(() =>
    writeTransaction(db, async (tx) => {
      const found = await changeableReview(tx, actor, reviewId, 'edit');
      if (!found) throw new AppError('not_found', REVIEW_GONE);
      const checked = await checkReviewFields(tx, actor, found.rep, input.submission);
      if (!checked.ok) return checked;
      if (!(await updateSharedReview(tx, reviewId, checked.fields))) throw new AppError('not_found', REVIEW_GONE);
      return { ok: true as const, rep: found.rep, dm: await reviewDmDelivery(tx, { id: reviewId, repId: found.rep.id }, now) };
    }),
  );
  if (!saved.ok) return saved;
  const { rep, dm } = saved;
  let outcome: TReviewEditedView['dm'] = dm?.status !== 'suppressed' ? 'unsent' : dm.carried ? 'carried' : 'to_carry';
  if (reviewDmChange('edit', dm && { status: dm.status, landed: dm.where !== null }) === 'update' && dm?.where) {
    const message = await reviewDmMessage(db, rep, reviewId, now);
    outcome = 'not_updated';
    if (message) {
      const update = input.slack.update(dm.where, message).then(
        () => 'updated' as const,
        (error: unknown) => {
          input.onError(error, 'could not update the DM of an edited review');
          return 'not_updated' as const;
        },
      );
      // The form's answer has Slack's 3 s to arrive: a slow update goes on after it, and the reviewer is told so.
      outcome = await Promise.race([update, new Promise<'updating'>((resolve) => setTimeout(() => resolve('updating'), DM_UPDATE_WAIT_MS).unref())]);
    }
  }
  return { ok: true, rep, view: { reviewId, repName: rep.name || rep.slackUserId, dm: outcome } };
}
