import type { TDb } from '../../../db/client';
import { findCallReview } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { clipComment, reviewQuestionFormRef } from '../../domain/review-comments';
import type { TAskOutcomeView } from '../../slack/blocks/view-models/review-ask';
import { ASK_GONE, ASK_NOT_YOURS } from './open-ask-form';
import { passQuestionOn } from './pass-question-on';
import type { TReviewThreadSlack } from './thread-port';

export type TAskFromCardInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  me: TPersonRow;
  reviewId: number;
  text: string;
  /** The form's view id: a submission Slack delivers twice is stored and passed on once. */
  viewId: string;
  now: Date;
  onError: (error: unknown, what: string) => void;
};

/** The question could not be passed on (kept nowhere): the form stays open with this on its field. */
export type TAskFromCardResult = { ok: true; view: TAskOutcomeView } | { ok: false; error: string };

const EMPTY = 'Type your question first.';
const NOT_SENT = "I couldn't pass that on just now. Please send it again in a minute.";

/**
 * The "Ask … a question" form submitted (SPEC §1, call reviews): the same as a reply in the review DM's thread —
 * kept once (by the form's view id), passed to the reviewer or the rep's current manager, privacy rules the same —
 * and the answer comes back to the rep as a DM (`answerReviewQuestion`). Only the rep whose call it is.
 */
export async function askFromReviewCard(input: TAskFromCardInput): Promise<TAskFromCardResult> {
  const { db, me } = input;
  const review = await findCallReview(db, me.workspaceId, input.reviewId);
  if (!review || review.status !== 'shared') throw new AppError('not_found', ASK_GONE);
  if (review.repId !== me.id) throw new AppError('not_allowed', ASK_NOT_YOURS);
  const question = clipComment(input.text);
  if (question.stored === '') return { ok: false, error: EMPTY };
  const passed = await passQuestionOn({ ...input, workspaceId: me.workspaceId, review, rep: me, question, sourceRef: reviewQuestionFormRef(input.viewId) });
  if (passed.kind === 'not sent') return { ok: false, error: NOT_SENT };
  return { ok: true, view: passed };
}
