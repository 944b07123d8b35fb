import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../../../domain/activity-grammar';
import { AppError } from '../../../domain/errors';
import { logActivityForm, type TLogFormErrors } from '../../../services/logging/log-activity-form';
import {
  LOG_ACTIVITY_DEAL_BLOCK,
  LOG_ACTIVITY_DEAL_INPUT,
  LOG_ACTIVITY_STAGE_BLOCK,
  LOG_ACTIVITY_STAGE_INPUT,
  LOG_ACTIVITY_TEXT_BLOCK,
  LOG_ACTIVITY_TEXT_INPUT,
  LOG_ACTIVITY_VIEW,
  renderLogActivityAlreadyModal,
  renderLogActivityDoneModal,
} from '../../blocks/log-activity-modal';
import type { TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { workspaceOf } from '../../payload';
import { slackProfileSource } from '../../profiles';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const SORRY = "I couldn't save that just now, so nothing was logged — please press Log it again in a minute.";
const ZLogForm = z.object({
  text: z
    .string({ error: 'What did you do? For example: 4 calls, demo with Acme.' })
    .trim()
    .min(1, 'What did you do? For example: 4 calls, demo with Acme.')
    .max(MAX_INPUT_CHARS, `Keep it under ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters — send the rest in a second go.`),
  // The picker's option values are deal ids and stage keys we rendered; anything else is refused on its field.
  deal: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, "That deal isn't one I recognise — pick it again from the list.")
    .transform(Number)
    .optional(),
  stage: z.string().regex(/^.{1,150}$/s, "That stage isn't one I recognise — pick it again from the list.").optional(),
});
const FIELD_BLOCKS = { text: LOG_ACTIVITY_TEXT_BLOCK, deal: LOG_ACTIVITY_DEAL_BLOCK, stage: LOG_ACTIVITY_STAGE_BLOCK } as const;

/** The "Log activity" modal. */
export function registerLogActivityViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(LOG_ACTIVITY_VIEW, logActivitySubmission(ctx));
}

/**
 * Log activity submitted: text nothing can be read from, or a picked deal or stage that can no longer be
 * picked, is an error on its field (Slack keeps what was typed and picked); otherwise it is logged (once
 * per submitted form: the view's id and hash are the source reference), the modal turns into the
 * confirmation and the Home tab is redrawn.
 */
export function logActivitySubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const values = view.state.values;
    const form = ZLogForm.safeParse({
      text: values[LOG_ACTIVITY_TEXT_BLOCK]?.[LOG_ACTIVITY_TEXT_INPUT]?.value ?? undefined,
      deal: values[LOG_ACTIVITY_DEAL_BLOCK]?.[LOG_ACTIVITY_DEAL_INPUT]?.selected_option?.value ?? undefined,
      stage: values[LOG_ACTIVITY_STAGE_BLOCK]?.[LOG_ACTIVITY_STAGE_INPUT]?.selected_option?.value ?? undefined,
    });
    if (!form.success) return void (await fieldErrors(ack, issuesByField(form.error.issues)));
    const workspaceId = workspaceOf(body);
    let result: Awaited<ReturnType<typeof logActivityForm>>;
    try {
      result = await logActivityForm({
        db: ctx.db,
        profiles: slackProfileSource(client),
        workspaceId,
        slackUserId: body.user.id,
        form: { text: form.data.text, viewId: view.id, viewHash: view.hash, dealId: form.data.deal, stage: form.data.stage },
        now: ctx.now(),
        onError: (err) => ctx.logger.warn({ err }, 'profile refresh failed'),
      });
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'could not log from the Log activity modal');
      return void (await fieldError(ack, error instanceof AppError ? error.message.replace(/`/g, '') : SORRY));
    }
    if (!result.ok && 'busy' in result) return void (await fieldError(ack, BUSY));
    if (!result.ok) return void (await fieldErrors(ack, result.errors));
    const { outcome } = result;
    await ack({ response_action: 'update', view: outcome.status === 'duplicate' ? renderLogActivityAlreadyModal() : renderLogActivityDoneModal(outcome.view) });
    if (outcome.status !== 'duplicate') refreshHome(ctx, client, workspaceId, body.user.id);
  };
}

const BUSY = 'Canopy is busy saving something else — press Log again in a moment (it will be logged once).';

function fieldError(ack: TViewArgs['ack'], message: string): Promise<void> {
  return fieldErrors(ack, { text: message });
}

/** Each message under its field; Slack keeps what the rep typed and picked. */
function fieldErrors(ack: TViewArgs['ack'], errors: TLogFormErrors): Promise<void> {
  const byBlock = Object.fromEntries(Object.entries(errors).map(([field, message]) => [FIELD_BLOCKS[field as keyof TLogFormErrors], message]));
  return ack({ response_action: 'errors', errors: byBlock });
}

function issuesByField(issues: readonly z.core.$ZodIssue[]): TLogFormErrors {
  const errors: TLogFormErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if ((field === 'text' || field === 'deal' || field === 'stage') && !errors[field]) errors[field] = issue.message;
  }
  return Object.keys(errors).length > 0 ? errors : { text: SORRY };
}
