import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { AppError } from '../../../domain/errors';
import { findPerson } from '../../../services/people/find-person';
import { forgetPerson } from '../../../services/privacy/forget-person';
import * as F from '../../blocks/privacy';
import type { TSlackContext } from '../../context';
import { publishHome } from '../../home';
import { workspaceOf } from '../../payload';
import { tellForgotten } from '../../privacy-notices';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const EXPIRED = 'This confirmation has expired — nothing was deleted. Send `/coach forget-me` again.';
const NOTHING = 'There is nothing to delete: Canopy stores nothing about you.';
const SORRY = 'Something went wrong on my side — nothing was deleted. Please try `/coach forget-me` again in a minute.';

export function registerForgetMeViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(F.FORGET_VIEW, forgetMeSubmission(ctx));
}

/**
 * The forget-me confirmation submitted: without FORGET typed, the field says so and nothing happens. Else the
 * modal turns to "Deleting…" at once (the ack), the person is forgotten, the modal says it is done, their Home
 * tab is wiped, and the people they leave behind are told.
 */
export function forgetMeSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const typed = view.state.values[F.FORGET_CONFIRM_BLOCK]?.[F.FORGET_CONFIRM_INPUT]?.value;
    if (!F.confirmsForget(typed)) return void (await ack({ response_action: 'errors', errors: { [F.FORGET_CONFIRM_BLOCK]: F.FORGET_CONFIRM_ERROR } }));
    const meta = metadataOf(view.private_metadata, F.ZForgetMetadata);
    // Only the person who opened it may confirm it (a modal is theirs, but the metadata is checked all the same).
    if (!meta || meta.slackUserId !== body.user.id) return void (await ack({ response_action: 'update', view: F.renderForgetProblemModal(EXPIRED) }));
    await ack({ response_action: 'update', view: F.renderForgettingModal() });
    const workspaceId = workspaceOf(body);
    const show = (modal: Awaited<ReturnType<typeof F.renderForgottenModal>>) =>
      client.views.update({ view_id: view.id, view: modal }).catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not update the forget-me modal'));
    try {
      const me = await findPerson(ctx.db, workspaceId, body.user.id);
      if (!me) return void (await show(F.renderForgetProblemModal(NOTHING)));
      const result = await forgetPerson(ctx.db, me, 'slack', ctx.now());
      const { told } = await tellForgotten(client, result, ctx.logger);
      await show(F.renderForgottenModal(told));
      await client.views.publish({ user_id: body.user.id, view: F.renderForgottenHome() }).catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not wipe the Home tab'));
      await Promise.all(result.tell.map((t) => publishHome(ctx, client, workspaceId, t.slackUserId)));
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'forget-me failed');
      await show(F.renderForgetProblemModal(error instanceof AppError ? error.message : SORRY));
    }
  };
}
