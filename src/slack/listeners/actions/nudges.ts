import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { TNudgeKind } from '../../../domain/nudge-policy';
import { fewerCheckins } from '../../../services/deliveries/fewer-checkins';
import { nudgeFeedback } from '../../../services/deliveries/nudge-feedback';
import { restoreCheckins } from '../../../services/deliveries/restore-checkins';
import { type TNudgeFeedback, type TNudgeFeedbackOp } from '../../../services/deliveries/tuning-rules';
import { CHECKIN_FEWER_ACTION, CHECKIN_UNDO_ACTION, renderCheckinFeedback, ZCheckinButtonValue, ZCheckinUndoValue } from '../../blocks/checkin';
import { NUDGE_FEWER_ACTION, NUDGE_SNOOZE_ACTION, NUDGE_UNDO_ACTION, renderNudgeFeedback, type TNudgeFeedbackView, ZNudgeButtonValue, ZNudgeUndoValue } from '../../blocks/nudge';
import { personFor, type TSlackContext } from '../../context';
import { buttonValue, refuseClick } from './button-values';
import { workspaceOf } from '../../payload';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The tuning buttons on nudges (Snooze, Fewer of these, their undo) and check-ins (Fewer check-ins, Undo). */
export function registerNudgeActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(NUDGE_SNOOZE_ACTION, nudgeAction(ctx, 'snooze'));
  app.action<BlockButtonAction>(NUDGE_FEWER_ACTION, nudgeAction(ctx, 'fewer'));
  app.action<BlockButtonAction>(NUDGE_UNDO_ACTION, nudgeAction(ctx, 'undo'));
  app.action<BlockButtonAction>(CHECKIN_FEWER_ACTION, fewerCheckinsAction(ctx));
  app.action<BlockButtonAction>(CHECKIN_UNDO_ACTION, undoCheckinsAction(ctx));
}


/** Snooze / Fewer of these / their undo: records it, then the nudge becomes the outcome with the way back. */
export function nudgeAction(ctx: TSlackContext, kind: 'snooze' | 'fewer' | 'undo') {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const value = kind === 'undo' ? undoValueOf(action.value) : { ...buttonValue(action.value, ZNudgeButtonValue), op: kind };
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const done = await nudgeFeedback(ctx.db, me, value, ctx.now());
      await respond({ replace_original: true, ...renderNudgeFeedback({ deliveryId: value.deliveryId, nudge: done.nudge, change: changeOf(done) }) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'nudge button');
    }
  };
}

/** Fewer check-ins: daily → weekly → none; the check-in keeps its question and shows the outcome with Undo. */
export function fewerCheckinsAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { deliveryId } = buttonValue(action.value, ZCheckinButtonValue);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const done = await fewerCheckins(ctx.db, me, deliveryId, ctx.now());
      await respond({ replace_original: true, ...renderCheckinFeedback({ deliveryId, cadence: done.cadence, change: { kind: 'fewer', restore: done.restore, now: done.now } }) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'nudge button');
    }
  };
}

/** Undo of Fewer check-ins: the setting as it was. */
export function undoCheckinsAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { deliveryId, restore } = buttonValue(action.value, ZCheckinUndoValue);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const done = await restoreCheckins(ctx.db, me, deliveryId, restore, ctx.now());
      await respond({ replace_original: true, ...renderCheckinFeedback({ deliveryId, cadence: done.cadence, change: { kind: 'undone', now: done.now } }) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'nudge button');
    }
  };
}


function changeOf(done: TNudgeFeedback): TNudgeFeedbackView['change'] {
  if (done.op === 'snooze') return { kind: 'snoozed', untilText: done.untilText };
  if (done.op === 'fewer') return { kind: 'muted' };
  return { kind: 'restored', was: done.op === 'undo_snooze' ? 'snoozed' : 'muted' };
}

function undoValueOf(value: string | undefined): { deliveryId: number; nudge: TNudgeKind; op: TNudgeFeedbackOp } {
  const parsed = buttonValue(value, ZNudgeUndoValue);
  return { deliveryId: parsed.deliveryId, nudge: parsed.nudge, op: parsed.undo === 'snooze' ? 'undo_snooze' : 'undo_fewer' };
}

