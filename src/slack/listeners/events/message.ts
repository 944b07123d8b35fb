import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { DateTime } from 'luxon';
import { retryWhenBusy } from '../../../../db/client';
import { logActivity, removeLoggedMessage } from '../../../services/logging/log-activity';
import { messageScope } from '../../../services/logging/message-scope';
import { renderHelp } from '../../blocks/help';
import { personFor, type TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { postConfirmation, showRemoved } from '../../log-replies';
import { classifyMessageEvent } from './message-shape';

const COULD_NOT_SAVE = "I couldn't save that just now, so nothing was logged from it — please send it again in a minute.";

/**
 * Logs what a rep writes in the bot's DM or in a check-in thread the bot started, and keeps the log
 * in step with edits and deletions. Other channel messages are never read (SPEC §3 privacy).
 */
export function messageEvent(ctx: TSlackContext) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    const change = classifyMessageEvent(event);
    if (change.kind === 'ignored') return;
    const workspaceId = context.teamId ?? body.team_id;
    const sourceRef = `msg:${change.channel}:${change.ts}`;
    const readable = messageScope(ctx.db, workspaceId, { ...change, sourceRef });
    if (!readable) return;

    if (change.kind === 'deleted') {
      const removed = await retryWhenBusy(() => removeLoggedMessage(ctx.db, workspaceId, sourceRef, ctx.now()));
      if (removed) await showRemoved(client, removed, ctx.logger);
      return;
    }
    const threadTs = change.threadTs ?? change.ts;
    if (change.kind === 'posted' && change.text.trim().toLowerCase() === 'help') {
      await client.chat.postMessage({ channel: change.channel, thread_ts: threadTs, ...renderHelp({ isManager: false }) });
      return;
    }
    // Outside the bot's DM the rep's numbers are confirmed to them alone.
    const where = { channel: change.channel, threadTs, ...(readable === 'dm' ? {} : { privatelyTo: change.user }) };
    try {
      const person = await personFor(ctx, client, workspaceId, change.user);
      const outcome = await retryWhenBusy(() =>
        logActivity(ctx.db, {
          workspaceId,
          personId: person.id,
          source: readable === 'dm' && !change.threadTs ? 'dm' : readable === 'logged elsewhere' ? 'shortcut' : 'thread',
          sourceRef,
          text: change.text,
          // "yesterday" means the day before the message was written, however late it is edited.
          writtenAt: DateTime.fromSeconds(Number(change.ts), { zone: person.tz }),
          change: change.kind === 'edited' ? { kind: 'edited', editedTs: change.editedTs } : { kind: 'posted' },
        }),
      );
      if (outcome.status === 'duplicate') return;
      await postConfirmation(ctx.db, client, outcome, where, ctx.logger);
      refreshHome(ctx, client, workspaceId, change.user);
    } catch (error) {
      ctx.logger.error({ err: error, sourceRef }, 'could not log a message');
      await client.chat
        .postMessage({ channel: change.channel, thread_ts: threadTs, text: COULD_NOT_SAVE })
        .catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not tell the rep their message was not saved'));
    }
  };
}
