import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { agreeGoal } from '../../../services/goals/agree-goal';
import { goalForDecision } from '../../../services/goals/goal-for-decision';
import {
  GOAL_ADJUST_ACTION,
  GOAL_AGREE_ACTION,
  renderAdjustGoalModal,
  renderGoalDecided,
  renderGoalNotice,
  ZGoalButtonValue,
} from '../../blocks/goals';
import { personFor, type TSlackContext } from '../../context';
import { buttonValue, refuseClick } from './button-values';
import { workspaceOf } from '../../payload';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const BAD_BUTTON = "That button doesn't carry a goal I recognise — nothing was changed.";

/** The Agree / Adjust buttons on a manager's goal-proposal DM. */
export function registerGoalActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(GOAL_AGREE_ACTION, agreeGoalAction(ctx));
  app.action<BlockButtonAction>(GOAL_ADJUST_ACTION, adjustGoalAction(ctx));
}

/** Agree: the goal is agreed, the proposal message says so (buttons gone), and the rep is told. Twice is harmless. */
export function agreeGoalAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const goalId = buttonValue(action.value, ZGoalButtonValue, BAD_BUTTON).goalId;
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const decision = await agreeGoal(ctx.db, me, goalId, ctx.now());
      const view = { repName: decision.rep.name, deciderName: me.name, goal: decision.goal, previousTarget: decision.previousTarget };
      await respond({ replace_original: true, ...renderGoalDecided(view) });
      if (decision.already) return;
      await client.chat
        .postMessage({ channel: decision.rep.slackUserId, ...renderGoalNotice({ kind: 'agreed', byName: me.name, goal: decision.goal }) })
        .catch((error: unknown) => ctx.logger.warn({ err: error, goalId }, 'could not DM the rep their agreed goal'));
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'goal button');
    }
  };
}

/** Adjust: opens the modal with the target prefilled; the submission (views/goals.ts) agrees it. */
export function adjustGoalAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const goalId = buttonValue(action.value, ZGoalButtonValue, BAD_BUTTON).goalId;
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const { goal, rep } = await goalForDecision(ctx.db, me, goalId);
      const channel = body.channel?.id ?? String(body.container.channel_id ?? '');
      const messageTs = body.message?.ts ?? String(body.container.message_ts ?? '');
      const view = renderAdjustGoalModal({ repName: rep.name, goal, metadata: { goalId, channel, messageTs } });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'goal button');
    }
  };
}

