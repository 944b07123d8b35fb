import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { logSharedMessage } from '../../../services/logging/log-shared-message';
import { renderLogConfirmation } from '../../blocks/log-confirmation';
import type { TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { workspaceOf } from '../../payload';
import { slackProfileSource } from '../../profiles';
import { respondError } from '../../respond-error';

const NOT_YOURS = 'You can log your own messages only — this one was written by someone else.';
const ALREADY = 'That message is already logged — edit it and the log follows.';

/** The "Log as activity" message shortcut: one of the rep's own messages, logged once, confirmed privately. */
export function logAsActivityShortcut(ctx: TSlackContext) {
  return async ({ ack, shortcut, respond, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    // Only a message shortcut carries a message (and a response_url); a forged global shortcut with this id has neither.
    if ((shortcut as { type?: string }).type !== 'message_action' || !shortcut.message) return;
    try {
      const workspaceId = workspaceOf(shortcut);
      const outcome = await logSharedMessage({
        db: ctx.db,
        profiles: slackProfileSource(client),
        workspaceId,
        slackUserId: shortcut.user.id,
        message: { author: shortcut.message.user, channel: shortcut.channel.id, ts: shortcut.message.ts, text: shortcut.message.text ?? '' },
        now: ctx.now(),
        onError: (err) => ctx.logger.warn({ err }, 'profile refresh failed'),
      });
      if (outcome.status === 'not_yours') return void (await respond({ response_type: 'ephemeral', text: NOT_YOURS }));
      if (outcome.status === 'duplicate') return void (await respond({ response_type: 'ephemeral', text: ALREADY }));
      await respond({ response_type: 'ephemeral', ...renderLogConfirmation(outcome.view) });
      refreshHome(ctx, client, workspaceId, shortcut.user.id);
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
