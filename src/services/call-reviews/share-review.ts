import { z } from 'zod';
import { retryWhenBusy, writeTransaction, type TDb } from '../../../db/client';
import { answerRequestOnce, findReviewBySubmission, insertSharedReviewOnce } from '../../../db/repositories/call-review-requests';
import { findCallReview } from '../../../db/repositories/call-reviews';
import { findDealForPicker } from '../../../db/repositories/deals';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { findWorkspaceExemplar } from '../../../db/repositories/exemplars';
import { checkRecordingLink, plainMessage, REVIEW_TEXT_MAX, reviewAccess } from '../../domain/call-reviews';
import { AppError } from '../../domain/errors';
import type { TReviewField, TReviewSharedView } from '../../slack/blocks/view-models/review-form';
import { reviewDmOutlook } from '../deliveries/review-dm-outlook';
import { REQUEST_GONE } from './open-review-form';
import { reviewStages } from './review-form-data';
import { reviewParty } from './review-party';

/** A submitted review form as the listener reads it from the view's state (every value untrusted). */
const ZReviewSubmission = z.object({
  repId: z.number().int().positive().nullable(),
  requestId: z.number().int().positive().nullable(),
  url: z.string(),
  dealId: z.string().nullable(),
  callStage: z.string().nullable(),
  wentWell: z.string(),
  oneThing: z.string(),
  oneThingStage: z.string().nullable(),
  exemplarId: z.string().nullable(),
  /** The Slack form (its view id) this came from: a form submitted again gets the same answer, stored once. */
  submissionRef: z.string().min(1).max(100).nullable().optional(),
});
export type TReviewSubmission = z.infer<typeof ZReviewSubmission>;

export type TShareReviewResult =
  | { ok: false; errors: Partial<Record<TReviewField, string>> }
  | { ok: true; reviewId: number; rep: TPersonRow; view: TReviewSharedView };

const ANSWERED = 'This request was answered already — your review was not saved twice. Close the form; the rep has the first one.';

/**
 * The review form submitted: every field checked again (the modal's limits are the client's only), who may
 * review whom checked again now (a rep may have changed teams since the form opened), then the review stored
 * as shared — or, answering a request, the request turned into it. The rep's DM is planned by the deliveries
 * planner; the answer says when it is due: within minutes in their working hours, else when their next working
 * day starts. The same form submitted again (a double click, Slack retrying) gets the first answer: one review, one DM.
 */
export function shareReview(db: TDb, actor: TPersonRow, submission: TReviewSubmission, now: Date): Promise<TShareReviewResult> {
  return retryWhenBusy(() => writeTransaction(db, (tx) => shareReviewNow(tx, actor, submission, now)));
}

async function shareReviewNow(db: TDb, actor: TPersonRow, submission: TReviewSubmission, now: Date): Promise<TShareReviewResult> {
  const form = ZReviewSubmission.parse(submission);
  const submissionRef = form.submissionRef ?? null;
  const repeated = submissionRef === null ? undefined : await sharedBefore(db, actor, submissionRef, now);
  if (repeated) return repeated;
  if (form.repId === null) return { ok: false, errors: { rep: 'Whose call is it? Pick the rep.' } };
  const rep = await findPersonById(db, form.repId);
  if (!rep || rep.workspaceId !== actor.workspaceId) return { ok: false, errors: { rep: 'I don’t know that person in this workspace — pick another.' } };
  const access = reviewAccess(reviewParty(actor), reviewParty(rep));
  if (access.kind !== 'review') {
    const message = access.kind === 'refuse' ? access.message : 'That is your own call — ask your manager with /coach review request and the link instead.';
    return { ok: false, errors: { rep: plainMessage(message) } };
  }

  const checked = await checkReviewFields(db, actor, rep, form);
  if (!checked.ok) return checked;
  const review = { reviewerId: actor.id, ...checked.fields, sharedAt: now };
  let reviewId: number;
  if (form.requestId !== null) {
    const request = await findCallReview(db, actor.workspaceId, form.requestId);
    if (!request || request.repId !== rep.id) throw new AppError('not_found', REQUEST_GONE);
    if (request.status !== 'requested' || !(await answerRequestOnce(db, request.id, { ...review, submissionRef }))) throw new AppError('bad_input', ANSWERED);
    reviewId = request.id;
  } else {
    const inserted = await insertSharedReviewOnce(db, { workspaceId: rep.workspaceId, repId: rep.id, ...review, submissionRef });
    // Stored by another connection between the check above and now: that one is the answer.
    if (!inserted) return (await sharedBefore(db, actor, submissionRef!, now)) ?? { ok: false, errors: { wentWell: ANSWERED } };
    reviewId = inserted.id;
  }
  return { ok: true, reviewId, rep, view: { repName: rep.name || rep.slackUserId, dm: await dmWhen(db, rep, now, form.requestId !== null), answeredRequest: form.requestId !== null, reviewId } };
}

/** A review's fields as the form gave them, checked: what is stored on sharing, or on an edit (`editReview`). */
export type TReviewFields = { url: string; dealId: number | null; callStage: string | null; wentWell: string; oneThing: string; oneThingStage: string | null; exemplarId: number | null };

/**
 * The form's fields checked again, for `actor` reviewing `rep` (whom they may review: the caller checked): the texts
 * and their limits, the link, the stages (still in the selling system), the deal (the rep's), the recording (the
 * workspace's library). Field problems come back per field; sharing and editing say the same things.
 */
export async function checkReviewFields(
  db: TDb,
  actor: TPersonRow,
  rep: TPersonRow,
  form: Pick<TReviewSubmission, 'url' | 'dealId' | 'callStage' | 'wentWell' | 'oneThing' | 'oneThingStage' | 'exemplarId'>,
): Promise<{ ok: false; errors: Partial<Record<TReviewField, string>> } | { ok: true; fields: TReviewFields }> {
  const errors: Partial<Record<TReviewField, string>> = {};
  const link = checkRecordingLink(form.url);
  if (!link.ok) errors.url = link.message;
  const wentWell = form.wentWell.trim();
  const oneThing = form.oneThing.trim();
  if (wentWell === '') errors.wentWell = 'Say what went well — even one sentence helps.';
  else if (wentWell.length > REVIEW_TEXT_MAX.wentWell) errors.wentWell = `Keep it under ${REVIEW_TEXT_MAX.wentWell} characters (it is ${wentWell.length}).`;
  if (oneThing === '') errors.oneThing = 'Name the one thing to work on.';
  else if (oneThing.length > REVIEW_TEXT_MAX.oneThing) errors.oneThing = `Keep it under ${REVIEW_TEXT_MAX.oneThing} characters (it is ${oneThing.length}): one thing, said simply.`;

  const stages = await reviewStages(db, actor.workspaceId);
  const known = (key: string | null) => key === null || stages.some((s) => s.key === key);
  if (!known(form.callStage)) errors.callStage = 'That stage isn’t in the selling system any more — pick another.';
  if (form.oneThingStage === null) errors.oneThingStage = 'Pick the stage the one thing belongs to.';
  else if (!known(form.oneThingStage)) errors.oneThingStage = 'That stage isn’t in the selling system any more — pick another.';

  const dealId = idOf(form.dealId);
  if (dealId === undefined) errors.deal = 'Pick one of the rep’s deals, or none.';
  else if (dealId !== null) {
    const deal = await findDealForPicker(db, dealId);
    if (!deal || deal.repId !== rep.id || deal.workspaceId !== rep.workspaceId) errors.deal = `That deal isn’t one of ${rep.name || 'the rep'}’s — pick another, or none.`;
  }
  const exemplarId = idOf(form.exemplarId);
  if (exemplarId === undefined || (exemplarId !== null && !(await findWorkspaceExemplar(db, actor.workspaceId, exemplarId)))) {
    errors.exemplar = 'That recording isn’t in the library any more — pick another, or none.';
  }
  if (Object.keys(errors).length > 0 || !link.ok) return { ok: false, errors };

  return {
    ok: true,
    fields: { url: link.url, dealId: dealId ?? null, callStage: form.callStage, wentWell, oneThing, oneThingStage: form.oneThingStage, exemplarId: exemplarId ?? null },
  };
}

/** The answer to a form that was shared already by this reviewer (undefined when it was not). */
async function sharedBefore(db: TDb, actor: TPersonRow, submissionRef: string, now: Date): Promise<TShareReviewResult | undefined> {
  const review = await findReviewBySubmission(db, actor.workspaceId, submissionRef);
  if (!review || review.reviewerId !== actor.id) return undefined;
  const rep = await findPersonById(db, review.repId);
  if (!rep) return undefined;
  const sharedAt = review.sharedAt ?? now;
  return { ok: true, reviewId: review.id, rep, view: { repName: rep.name || rep.slackUserId, dm: await dmWhen(db, rep, sharedAt, review.requestedAt !== null), answeredRequest: review.requestedAt !== null, reviewId: review.id } };
}

/** A select's value as an id: null when nothing is picked, undefined when it is not an id (a forged form). */
function idOf(value: string | null): number | null | undefined {
  if (value === null || value === '') return null;
  return /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** What the reviewer is told about the rep's DM: what the planner will really do (`reviewDmOutlook`). */
function dmWhen(db: TDb, rep: TPersonRow, now: Date, requested: boolean): Promise<TReviewSharedView['dm']> {
  return reviewDmOutlook(db, rep, requested, now);
}
