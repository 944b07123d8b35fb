import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { triedText } from '../../../domain/call-reviews';
import { markOneThingTried } from '../../../services/call-reviews/mark-one-thing-tried';
import { withReviewTried } from '../../blocks/review-tried';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { personFor, type TSlackContext } from '../../context';
import { publishHome, refreshHome } from '../../home';
import { workspaceOf } from '../../payload';
import { buttonValue, refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ZReviewId = z.number().int().positive();
const BAD_BUTTON = "That button doesn't carry a review I recognise — nothing was changed.";

/** "I tried it" and its Undo, on a review DM, a digest that carries reviews, and the rep's Home tab. */
export function registerReviewTriedActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(REVIEW_IDS.tried, reviewTriedAction(ctx, true));
  app.action<BlockButtonAction>(REVIEW_IDS.untried, reviewTriedAction(ctx, false));
}

/**
 * Records it, then redraws where it was clicked: the Home tab is published again; in a message (the DM or a digest)
 * the review's block is re-rendered in place (`chat.update`), the rest of the message kept as it was, and the Home
 * tab refreshed. A click on Home leaves the DM's block as it was (the DM says what it said then; Home is current).
 */
export function reviewTriedAction(ctx: TSlackContext, tried: boolean) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const reviewId = buttonValue(action.value, ZReviewId, BAD_BUTTON);
      const workspaceId = workspaceOf(body);
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const done = await markOneThingTried(ctx.db, me, reviewId, tried, ctx.now());
      if (body.container.type === 'view' || body.view?.type === 'home') return void (await publishHome(ctx, client, workspaceId, me.slackUserId));
      // The Home tab lists the same review with the same button: redrawn too, in the background.
      refreshHome(ctx, client, workspaceId, me.slackUserId);
      const channel = body.channel?.id ?? String(body.container.channel_id ?? '');
      const ts = body.message?.ts ?? String(body.container.message_ts ?? '');
      const blocks = withReviewTried((body.message?.blocks ?? []) as KnownBlock[], reviewId, done.tried);
      if (!blocks || channel === '' || ts === '') {
        await respond({ response_type: 'ephemeral', replace_original: false, text: `Marked: ${triedText(done.tried, null)}.` });
        return;
      }
      await client.chat.update({ channel, ts, blocks, text: body.message?.text ?? 'A call review' });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'review button');
    }
  };
}
