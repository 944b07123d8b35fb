import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { adjustTargets } from '../../../services/targets/adjust-targets';
import { type TTargetsDecision } from '../../../services/targets/target-rules';
import {
  renderTargetsDecided,
  renderTargetsNotice,
  TARGETS_ADJUST_VIEW,
  TARGETS_INPUT,
  TARGETS_INPUT_BLOCK,
  TARGETS_NOTE_BLOCK,
  TARGETS_NOTE_INPUT,
  TARGETS_NOTE_MAX,
  type TTargetsAdjustMetadata,
  ZTargetsAdjustMetadata,
} from '../../blocks/targets';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ZAdjustForm = z.object({
  targets: z.string().trim().min(1, 'Enter the targets, like 25 calls, 10 emails.').max(160, 'That is too long — up to three numbers and what they count.'),
  note: z.string().trim().max(TARGETS_NOTE_MAX, `Keep the note under ${TARGETS_NOTE_MAX} characters.`),
});
const EXPIRED = 'This form has expired — close it and press Adjust on the proposal again.';

/** The adjust-targets modal. */
export function registerTargetViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(TARGETS_ADJUST_VIEW, adjustTargetsSubmission(ctx));
}

/**
 * Adjust submitted: bad targets are shown on their field (the modal stays open); otherwise the set is
 * agreed with the new targets, the manager's proposal message is updated and the rep is told (with the note).
 */
export function adjustTargetsSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    // Validation answers go in the ack itself, so the (fast, local) work happens before it.
    const meta = metadataOf(view.private_metadata, ZTargetsAdjustMetadata);
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [TARGETS_INPUT_BLOCK]: EXPIRED } }));
    const values = view.state.values;
    const form = ZAdjustForm.safeParse({
      targets: values[TARGETS_INPUT_BLOCK]?.[TARGETS_INPUT]?.value ?? '',
      note: values[TARGETS_NOTE_BLOCK]?.[TARGETS_NOTE_INPUT]?.value ?? '',
    });
    if (!form.success) {
      const issue = form.error.issues[0]!;
      const block = issue.path[0] === 'note' ? TARGETS_NOTE_BLOCK : TARGETS_INPUT_BLOCK;
      return void (await ack({ response_action: 'errors', errors: { [block]: issue.message } }));
    }
    let decision: TTargetsDecision;
    let deciderName: string;
    try {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      decision = await adjustTargets(ctx.db, me, meta.targetsId, form.data.targets, ctx.now());
      deciderName = me.name;
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'adjusting targets failed');
      const message = error instanceof AppError ? error.message.replace(/`/g, '') : 'Something went wrong on my side — please try again in a minute.';
      return void (await ack({ response_action: 'errors', errors: { [TARGETS_INPUT_BLOCK]: message } }));
    }
    await ack();
    await tell(ctx, client, meta, decision, deciderName, form.data.note);
  };
}

async function tell(ctx: TSlackContext, client: TViewArgs['client'], meta: TTargetsAdjustMetadata, decision: TTargetsDecision, deciderName: string, note: string) {
  const { set, rep } = decision;
  const withNote = note ? { note } : {};
  const warn = (what: string) => (error: unknown) => ctx.logger.warn({ err: error, targetsId: set.id }, what);
  if (meta.channel && meta.messageTs) {
    const decided = renderTargetsDecided({ repName: rep.name, deciderName, set, ...withNote });
    await client.chat.update({ channel: meta.channel, ts: meta.messageTs, ...decided }).catch(warn('could not update the targets proposal message'));
  }
  // A second submission of the same targets (a double click) tells the rep nothing new.
  if (decision.already) return;
  const notice = renderTargetsNotice({ kind: 'agreed', byName: deciderName, set, ...withNote });
  await client.chat.postMessage({ channel: rep.slackUserId, ...notice }).catch(warn('could not DM the rep their adjusted targets'));
}
