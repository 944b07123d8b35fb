import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { logCommand as logCommandText } from '../../../services/logging/log-command';
import { renderHelp } from '../../blocks/help';
import { renderLogConfirmation } from '../../blocks/log-confirmation';
import type { TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { slackProfileSource } from '../../profiles';
import { respondError } from '../../respond-error';

/** `/log <text>`: the same grammar as check-in replies; the confirmation is ephemeral. */
export function logCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      if (command.text.trim() === '') return void (await respond({ response_type: 'ephemeral', ...renderHelp({ isManager: false }) }));
      const outcome = await logCommandText({
        db: ctx.db,
        profiles: slackProfileSource(client),
        workspaceId: command.team_id,
        slackUserId: command.user_id,
        triggerId: command.trigger_id,
        text: command.text,
        now: ctx.now(),
        onError: (err) => ctx.logger.warn({ err }, 'profile refresh failed'),
      });
      if (outcome.status === 'duplicate') return;
      await respond({ response_type: 'ephemeral', ...renderLogConfirmation(outcome.view) });
      refreshHome(ctx, client, command.team_id, command.user_id);
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
