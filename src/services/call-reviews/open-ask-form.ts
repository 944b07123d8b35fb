import type { TDb } from '../../../db/client';
import { findCallReview } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import type { TAskFormView } from '../../slack/blocks/view-models/review-ask';
import { questionRecipientOf } from './review-party';
import { reviewLabelOf } from './review-summaries';

export const ASK_GONE = "That review isn't there any more — it was deleted — so there's nothing to ask about.";
export const ASK_NOT_YOURS = 'Only the person whose call was reviewed can ask about this review here — a review stays between the rep, their manager and admins.';

/**
 * "Ask <reviewer> a question" on a review card (a check-in or digest carrying it, the Home tab): the form, naming
 * the review and who will read the question (the reviewer, or the rep's current manager when the reviewer is gone or
 * lost the rep; nobody: kept for the next 1:1). Only the rep whose call it is; anyone else gets a polite note.
 */
export async function openAskForm(db: TDb, me: TPersonRow, reviewId: number): Promise<TAskFormView> {
  const review = await findCallReview(db, me.workspaceId, reviewId);
  if (!review || review.status !== 'shared') throw new AppError('not_found', ASK_GONE);
  if (review.repId !== me.id) throw new AppError('not_allowed', ASK_NOT_YOURS);
  const recipient = await questionRecipientOf(db, me, review.reviewerId);
  const to = recipient.kind === 'nobody' ? null : recipient.to;
  return { reviewId: review.id, url: review.url, label: await reviewLabelOf(db, review, me.tz), to: to ? { slackUserId: to.slackUserId, name: to.name } : null };
}
