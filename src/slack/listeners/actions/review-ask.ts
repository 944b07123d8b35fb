import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { openAskForm } from '../../../services/call-reviews/open-ask-form';
import { renderHomeProblemModal } from '../../blocks/home';
import { renderAskModal } from '../../blocks/review-ask';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { buttonValue, refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ZReviewId = z.number().int().positive();
const BAD_BUTTON = "That button doesn't carry a review I recognise — nothing was changed.";
const SORRY = 'Something went wrong on my side. Please try again in a minute.';

/** "Ask <reviewer> a question" on a review card in a check-in, a digest or the rep's Home tab. */
export function registerReviewAskActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(REVIEW_IDS.ask, reviewAskAction(ctx));
}

/**
 * Opens the small question form. Anyone but the rep (or a review that is gone) gets a polite note: privately under a
 * message, in a small modal on the Home tab (it has no thread).
 */
export function reviewAskAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    const onHome = body.container?.type === 'view' || body.view?.type === 'home';
    try {
      const reviewId = buttonValue(action.value, ZReviewId, BAD_BUTTON);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const view = await openAskForm(ctx.db, me, reviewId);
      await client.views.open({ trigger_id: body.trigger_id, view: renderAskModal(view) });
    } catch (error) {
      if (!onHome) return void (await refuseClick(respond, error, ctx.logger, 'ask about a review button'));
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'ask about a review button failed');
      const view = renderHomeProblemModal(error instanceof AppError ? error.message : SORRY);
      await client.views.open({ trigger_id: body.trigger_id, view }).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not explain the button'));
    }
  };
}
