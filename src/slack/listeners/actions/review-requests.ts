import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { AppError } from '../../../domain/errors';
import { openReviewForm } from '../../../services/call-reviews/open-review-form';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { renderReviewModal } from '../../blocks/review-modal';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const BAD_BUTTON = "That button doesn't name a review request I recognise — nothing was changed.";

/** "Review" on a rep's request in the manager's brief (value: the request's review id). */
export function registerReviewRequestActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(REVIEW_IDS.openRequest, openRequestAction(ctx));
}

/**
 * Opens the review form for the request. A request answered already or gone, or one that is not the clicker's
 * to answer, gets a private, polite note; the brief stays as it was.
 */
export function openRequestAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const requestId = /^\d{1,12}$/.test(action.value ?? '') ? Number(action.value) : null;
      if (requestId === null) throw new AppError('bad_input', BAD_BUTTON);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const opened = openReviewForm(ctx.db, me, { kind: 'request', requestId }, ctx.now());
      if (opened.kind !== 'form') return;
      await client.views.open({ trigger_id: body.trigger_id, view: renderReviewModal(opened.view) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'review request button');
    }
  };
}
