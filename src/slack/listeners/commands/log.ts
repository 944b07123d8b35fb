import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { DateTime } from 'luxon';
import { retryWhenBusy } from '../../../../db/client';
import { logActivity } from '../../../services/logging/log-activity';
import { renderHelp } from '../../blocks/help';
import { renderLogConfirmation } from '../../blocks/log-confirmation';
import { personFor, type TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { respondError } from '../../respond-error';

/** `/log <text>`: the same grammar as check-in replies; the confirmation is ephemeral. */
export function logCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      if (command.text.trim() === '') {
        const help = renderHelp({ isManager: false });
        return void (await respond({ response_type: 'ephemeral', ...help }));
      }
      const person = await personFor(ctx, client, command.team_id, command.user_id);
      const outcome = await retryWhenBusy(() => logActivity(ctx.db, {
        workspaceId: command.team_id,
        personId: person.id,
        source: 'slash',
        // Slash commands are not retried by Slack, but a trigger id is unique per invocation anyway.
        sourceRef: `slash:${command.trigger_id}`,
        text: command.text,
        writtenAt: DateTime.fromJSDate(ctx.now(), { zone: person.tz }),
        change: { kind: 'posted' },
      }));
      if (outcome.status === 'duplicate') return;
      await respond({ response_type: 'ephemeral', ...renderLogConfirmation(outcome.view) });
      refreshHome(ctx, client, command.team_id, command.user_id);
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
