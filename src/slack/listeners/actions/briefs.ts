import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { explainBrief } from '../../../services/briefs/explain-brief';
import { BRIEF_EXPLAIN_ACTION, ZBriefExplainValue } from '../../blocks/brief';
import { renderBriefDetailModal } from '../../blocks/brief-detail';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { buttonValue, refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The brief's own buttons besides Log notes (one-on-ones.ts): "How is this computed?". */
export function registerBriefActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(BRIEF_EXPLAIN_ACTION, explainBriefAction(ctx));
}

/** How is this computed?: opens the brief's full explanation, as of the instant the brief described (its manager or an admin only). */
export function explainBriefAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { rep, asOf } = buttonValue(action.value, ZBriefExplainValue);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      await client.views.open({ trigger_id: body.trigger_id, view: renderBriefDetailModal(await explainBrief(ctx.db, me, rep, asOf, ctx.now())) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'brief button');
    }
  };
}
