import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { AppError } from '../../../domain/errors';
import { openReviewForm } from '../../../services/call-reviews/open-review-form';
import { withdrawRequest } from '../../../services/call-reviews/withdraw-request';
import { renderHomeProblemModal } from '../../blocks/home';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { renderReviewModal } from '../../blocks/review-modal';
import { renderWithdrawRequest } from '../../blocks/review-requests';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { NO_UNFURL } from '../../blocks/limits';
import { refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const BAD_BUTTON = "That button doesn't name a review request I recognise — nothing was changed.";
const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';

/** "Review this call" on a rep's request (the manager's brief or Home tab), and Withdraw on the rep's own (value: the request's review id). */
export function registerReviewRequestActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(REVIEW_IDS.openRequest, openRequestAction(ctx));
  app.action<BlockButtonAction>(REVIEW_IDS.withdrawRequest, withdrawRequestAction(ctx));
}

const requestIdOf = (value: string | undefined) => {
  if (!/^\d{1,12}$/.test(value ?? '')) throw new AppError('bad_input', BAD_BUTTON);
  return Number(value);
};

/**
 * Opens the review form for the request. A request answered already, withdrawn or expired, or one that is not the
 * clicker's to answer, gets a polite note — private under the brief, a small modal on the Home tab (it has no
 * thread); the brief stays as it was.
 */
export function openRequestAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    const onHome = body.container?.type === 'view' || body.view?.type === 'home';
    try {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const opened = await openReviewForm(ctx.db, me, { kind: 'request', requestId: requestIdOf(action.value) }, ctx.now());
      if (opened.kind !== 'form') return;
      await client.views.open({ trigger_id: body.trigger_id, view: renderReviewModal(opened.view) });
    } catch (error) {
      if (!onHome) return void (await refuseClick(respond, error, ctx.logger, 'review request button'));
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'review request button failed');
      const view = renderHomeProblemModal(error instanceof AppError ? error.message : SORRY);
      await client.views.open({ trigger_id: body.trigger_id, view }).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not explain the button'));
    }
  };
}

/** Withdraw on one of the rep's open requests: taken back, and the list replaced by the answer. */
export function withdrawRequestAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const workspaceId = workspaceOf(body);
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const view = await withdrawRequest(ctx.db, me, { kind: 'id', id: requestIdOf(action.value) }, ctx.now());
      await respond({ response_type: 'ephemeral', replace_original: true, ...NO_UNFURL, ...renderWithdrawRequest(view) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'withdraw request button');
    }
  };
}

