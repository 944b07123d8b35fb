import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { agreeTargets } from '../../../services/targets/agree-targets';
import { targetsForDecision } from '../../../services/targets/targets-for-decision';
import {
  renderAdjustTargetsModal,
  renderTargetsDecided,
  renderTargetsNotice,
  TARGETS_ADJUST_ACTION,
  TARGETS_AGREE_ACTION,
  ZTargetsButtonValue,
} from '../../blocks/targets';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { buttonValue, refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const BAD_BUTTON = "That button doesn't carry targets I recognise — nothing was changed.";

/** The Agree / Adjust buttons on a manager's targets-proposal DM. */
export function registerTargetActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(TARGETS_AGREE_ACTION, agreeTargetsAction(ctx));
  app.action<BlockButtonAction>(TARGETS_ADJUST_ACTION, adjustTargetsAction(ctx));
}

/** Agree: the targets are agreed, the proposal message says so (buttons gone), and the rep is told. Twice is harmless. */
export function agreeTargetsAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const targetsId = buttonValue(action.value, ZTargetsButtonValue, BAD_BUTTON).targetsId;
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const decision = await agreeTargets(ctx.db, me, targetsId, ctx.now());
      await respond({ replace_original: true, ...renderTargetsDecided({ repName: decision.rep.name, deciderName: me.name, set: decision.set }) });
      if (decision.already) return;
      await client.chat
        .postMessage({ channel: decision.rep.slackUserId, ...renderTargetsNotice({ kind: 'agreed', byName: me.name, set: decision.set }) })
        .catch((error: unknown) => ctx.logger.warn({ err: error, targetsId }, 'could not DM the rep their agreed targets'));
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'targets button');
    }
  };
}

/** Adjust: opens the modal with the targets prefilled; the submission (views/targets.ts) agrees them. */
export function adjustTargetsAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const targetsId = buttonValue(action.value, ZTargetsButtonValue, BAD_BUTTON).targetsId;
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const { set, rep } = await targetsForDecision(ctx.db, me, targetsId);
      const channel = body.channel?.id ?? String(body.container.channel_id ?? '');
      const messageTs = body.message?.ts ?? String(body.container.message_ts ?? '');
      const view = renderAdjustTargetsModal({ repName: rep.name, targets: set.targets, metadata: { targetsId, channel, messageTs } });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'targets button');
    }
  };
}
