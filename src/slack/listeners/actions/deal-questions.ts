import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerDealQuestion } from '../../../services/logging/answer-deal-question';
import { undoNewDeal } from '../../../services/logging/undo-new-deal';
import {
  DEAL_ANSWER_ACTION,
  renderLogConfirmation,
  UNDO_NEW_DEAL_ACTION,
  ZDealAnswerValue,
  ZUndoNewDealValue,
} from '../../blocks/log-confirmation';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { buttonValue, refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The buttons of a log confirmation: "which Acme?" answers and Undo of a new deal; the confirmation is re-rendered. */
export function registerDealQuestionActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(DEAL_ANSWER_ACTION, answerAction(ctx));
  app.action<BlockButtonAction>(UNDO_NEW_DEAL_ACTION, undoAction(ctx));
}

function answerAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const value = buttonValue(action.value, ZDealAnswerValue);
      const workspaceId = workspaceOf(body);
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const view = await answerDealQuestion(ctx.db, { workspaceId, personId: me.id, questionId: value.questionId, answer: value.answer, now: ctx.now() });
      await respond({ replace_original: true, ...renderLogConfirmation(view) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'deal question button');
    }
  };
}

function undoAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const value = buttonValue(action.value, ZUndoNewDealValue);
      const workspaceId = workspaceOf(body);
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const view = await undoNewDeal(ctx.db, { workspaceId, personId: me.id, ...value });
      await respond({ replace_original: true, ...renderLogConfirmation(view) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'undo new deal button');
    }
  };
}
