import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { AppError } from '../../../domain/errors';
import { MAX_ADMINS } from '../../../domain/setup-roles';
import { SETUP_FIELDS, type TSetupForm } from '../../../domain/setup-text';
import { saveSetup, type TSaveSetupResult } from '../../../services/setup/save-setup';
import { SETUP_INPUT, SETUP_VIEW, setupBlockId } from '../../blocks/setup-modal';
import { personFor, type TSlackContext } from '../../context';
import { publishHome } from '../../home';
import { workspaceOf } from '../../payload';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type TValues = ViewSubmitAction['view']['state']['values'];

const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';

export function registerSetupViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(SETUP_VIEW, setupSubmission(ctx));
}

/**
 * Setup submitted: problems go on their fields (the modal stays open with everything typed); else it is saved,
 * the modal closes, and a coaching change is recomputed after the answer (Slack wants it within 3 seconds).
 */
export function setupSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const workspaceId = workspaceOf(body);
    let result: TSaveSetupResult;
    try {
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const form = setupForm(view.state.values);
      // Admins picked who never used Canopy become people first (from users.info), so the setup can check them.
      const picked = (form.admins ?? '').split(',').filter(Boolean).slice(0, MAX_ADMINS);
      await Promise.all(picked.map((id) => personFor(ctx, client, workspaceId, id)));
      result = await saveSetup(ctx.db, { workspaceId, actor: me, via: 'slack', form }, ctx.now());
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'saving the setup failed');
      const message = error instanceof AppError ? error.message.replace(/`/g, '') : SORRY;
      return void (await ack({ response_action: 'errors', errors: { [setupBlockId('stages')]: message } }));
    }
    if (!result.ok) {
      const errors = Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [setupBlockId(field as never), String(message).replace(/`/g, '')]));
      return void (await ack({ response_action: 'errors', errors }));
    }
    await ack();
    if (result.recompute) {
      try {
        await result.recompute();
      } catch (error) {
        // Saved all the same; tonight's run picks the change up.
        ctx.logger.error({ err: error, workspaceId }, 'the recompute after a setup change failed');
      }
    }
    await publishHome(ctx, client, workspaceId, body.user.id);
  };
}

/** Each field's text as submitted; a block missing from the state is left out (unchanged). */
function setupForm(values: TValues): TSetupForm {
  const form: TSetupForm = {};
  for (const field of SETUP_FIELDS) {
    const input = values[setupBlockId(field)]?.[SETUP_INPUT];
    if (!input) continue;
    if (field === 'workingDays') form[field] = (input.selected_options ?? []).map((o) => o.value).join(',');
    else if (input.type === 'timepicker') form[field] = input.selected_time ?? null;
    else if (input.type === 'multi_users_select') form[field] = (input.selected_users ?? []).join(',');
    else if (input.type === 'radio_buttons') form[field] = input.selected_option?.value ?? null;
    else form[field] = input.value ?? null;
  }
  return form;
}
