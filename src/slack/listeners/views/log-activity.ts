import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../../../domain/activity-grammar';
import { AppError } from '../../../domain/errors';
import { logActivityForm } from '../../../services/logging/log-activity-form';
import {
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
});

/** The "Log activity" modal. */
export function registerLogActivityViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(LOG_ACTIVITY_VIEW, logActivitySubmission(ctx));
}

/**
 * Log activity submitted: text nothing can be read from is an error on the field; otherwise it is
 * logged (once per submitted form: the view's id and hash are the source reference), the modal turns
 * into the confirmation and the Home tab is redrawn.
 */
export function logActivitySubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const form = ZLogForm.safeParse({ text: view.state.values[LOG_ACTIVITY_TEXT_BLOCK]?.[LOG_ACTIVITY_TEXT_INPUT]?.value ?? undefined });
    if (!form.success) return void (await fieldError(ack, form.error.issues[0]?.message ?? SORRY));
    const workspaceId = workspaceOf(body);
    let result: Awaited<ReturnType<typeof logActivityForm>>;
    try {
      result = await logActivityForm({
        db: ctx.db,
        profiles: slackProfileSource(client),
        workspaceId,
        slackUserId: body.user.id,
        form: { text: form.data.text, viewId: view.id, viewHash: view.hash },
        now: ctx.now(),
        onError: (err) => ctx.logger.warn({ err }, 'profile refresh failed'),
      });
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'could not log from the Log activity modal');
      return void (await fieldError(ack, error instanceof AppError ? error.message.replace(/`/g, '') : SORRY));
    }
    if (!result.ok && 'busy' in result) return void (await fieldError(ack, BUSY));
    if (!result.ok) return void (await fieldError(ack, result.message));
    const { outcome } = result;
    await ack({ response_action: 'update', view: outcome.status === 'duplicate' ? renderLogActivityAlreadyModal() : renderLogActivityDoneModal(outcome.view) });
    if (outcome.status !== 'duplicate') refreshHome(ctx, client, workspaceId, body.user.id);
  };
}

const BUSY = 'Canopy is busy saving something else — press Log again in a moment (it will be logged once).';

function fieldError(ack: TViewArgs['ack'], message: string): Promise<void> {
  return ack({ response_action: 'errors', errors: { [LOG_ACTIVITY_TEXT_BLOCK]: message } });
}
