import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { DateTime } from 'luxon';
import { retryWhenBusy } from '../../../../db/client';
import { logActivity } from '../../../services/logging/log-activity';
import { renderLogConfirmation } from '../../blocks/log-confirmation';
import { personFor, type TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { respondError } from '../../respond-error';

const NOT_YOURS = 'You can log your own messages only — this one was written by someone else.';

/**
 * The "Log as activity" message shortcut: logs one of the rep's own messages anywhere in Slack. The
 * message is keyed like a DM (channel + ts), so logging it twice, or from two places, counts once.
 */
export function logAsActivityShortcut(ctx: TSlackContext) {
  return async ({ ack, shortcut, respond, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    try {
      const author = shortcut.message.user;
      if (!author || author !== shortcut.user.id) return void (await respond({ response_type: 'ephemeral', text: NOT_YOURS }));
      const workspaceId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
      const person = await personFor(ctx, client, workspaceId, shortcut.user.id);
      const outcome = await retryWhenBusy(() => logActivity(ctx.db, {
        workspaceId,
        personId: person.id,
        source: 'shortcut',
        sourceRef: `msg:${shortcut.channel.id}:${shortcut.message.ts}`,
        text: shortcut.message.text ?? '',
        writtenAt: DateTime.fromSeconds(Number(shortcut.message.ts), { zone: person.tz }),
        change: { kind: 'posted' },
      }));
      if (outcome.status === 'duplicate') {
        return void (await respond({ response_type: 'ephemeral', text: 'That message is already logged — edit it and the log follows.' }));
      }
      await respond({ response_type: 'ephemeral', ...renderLogConfirmation(outcome.view) });
      refreshHome(ctx, client, workspaceId, shortcut.user.id);
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
