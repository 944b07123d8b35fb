import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { adjustGoal } from '../../../services/goals/adjust-goal';
import { type TGoalDecision } from '../../../services/goals/goal-rules';
import {
  GOAL_ADJUST_VIEW,
  GOAL_NOTE_BLOCK,
  GOAL_NOTE_INPUT,
  GOAL_NOTE_MAX,
  GOAL_TARGET_BLOCK,
  GOAL_TARGET_INPUT,
  renderGoalDecided,
  renderGoalNotice,
  type TGoalAdjustMetadata,
  ZGoalAdjustMetadata,
} from '../../blocks/goals';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ZAdjustForm = z.object({
  target: z.string().trim().min(1, 'Enter a target.').max(40, 'That target is too long — just the number.'),
  note: z.string().trim().max(GOAL_NOTE_MAX, `Keep the note under ${GOAL_NOTE_MAX} characters.`),
});
const EXPIRED = 'This form has expired — close it and press Adjust on the proposal again.';

/** The adjust-goal modal. */
export function registerGoalViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(GOAL_ADJUST_VIEW, adjustGoalSubmission(ctx));
}

/**
 * Adjust submitted: a bad target is shown on its field (the modal stays open); otherwise the goal is
 * agreed with the new target, the manager's proposal message is updated and the rep is told (with the note).
 */
export function adjustGoalSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    // Validation answers go in the ack itself, so the (fast, local) work happens before it.
    const meta = metadataOf(view.private_metadata, ZGoalAdjustMetadata);
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [GOAL_TARGET_BLOCK]: EXPIRED } }));
    const values = view.state.values;
    const form = ZAdjustForm.safeParse({
      target: values[GOAL_TARGET_BLOCK]?.[GOAL_TARGET_INPUT]?.value ?? '',
      note: values[GOAL_NOTE_BLOCK]?.[GOAL_NOTE_INPUT]?.value ?? '',
    });
    if (!form.success) {
      const issue = form.error.issues[0]!;
      const block = issue.path[0] === 'note' ? GOAL_NOTE_BLOCK : GOAL_TARGET_BLOCK;
      return void (await ack({ response_action: 'errors', errors: { [block]: issue.message } }));
    }
    let decision: TGoalDecision;
    let deciderName: string;
    try {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      decision = await adjustGoal(ctx.db, me, meta.goalId, form.data.target, ctx.now());
      deciderName = me.name;
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'adjusting a goal failed');
      const message = error instanceof AppError ? error.message.replace(/`/g, '') : 'Something went wrong on my side — please try again in a minute.';
      return void (await ack({ response_action: 'errors', errors: { [GOAL_TARGET_BLOCK]: message } }));
    }
    await ack();
    await tell(ctx, client, meta, decision, deciderName, form.data.note);
  };
}

async function tell(ctx: TSlackContext, client: TViewArgs['client'], meta: TGoalAdjustMetadata, decision: TGoalDecision, deciderName: string, note: string) {
  const { goal, rep, previousTarget } = decision;
  const withNote = note ? { note } : {};
  const warn = (what: string) => (error: unknown) => ctx.logger.warn({ err: error, goalId: goal.id }, what);
  if (meta.channel && meta.messageTs) {
    const decided = renderGoalDecided({ repName: rep.name, deciderName, goal, previousTarget, ...withNote });
    await client.chat.update({ channel: meta.channel, ts: meta.messageTs, ...decided }).catch(warn('could not update the goal proposal message'));
  }
  // A second submission of the same target (a double click) tells the rep nothing new.
  if (decision.already) return;
  const notice = renderGoalNotice({ kind: 'agreed', byName: deciderName, goal, previousTarget, ...withNote });
  await client.chat.postMessage({ channel: rep.slackUserId, ...notice }).catch(warn('could not DM the rep their adjusted goal'));
}
