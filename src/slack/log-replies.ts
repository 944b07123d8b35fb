import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';
import type { TLogReplies } from '../services/logging/ports';
import { renderHelp } from './blocks/help';
import { renderLogConfirmation, renderQuestionNotLogged } from './blocks/log-confirmation';

const COULD_NOT_SAVE = "I couldn't save that just now, so nothing was logged from it — please send it again in a minute.";

/**
 * The logging services' replies in one message's thread: an edit updates the earlier confirmation instead
 * of adding one. In a shared channel the confirmation is shown to the rep alone: their numbers stay theirs.
 */
export function threadReplies(client: WebClient, where: { channel: string; threadTs: string; privatelyTo?: string }, logger: Logger): TLogReplies {
  const { channel, threadTs, privatelyTo } = where;
  return {
    async help() {
      await client.chat.postMessage({ channel, thread_ts: threadTs, ...renderHelp({ isManager: false }) });
    },
    async question() {
      const message = renderQuestionNotLogged();
      if (privatelyTo) await client.chat.postEphemeral({ channel, user: privatelyTo, thread_ts: threadTs, ...message });
      else await client.chat.postMessage({ channel, thread_ts: threadTs, ...message });
    },
    async confirm(outcome) {
      const message = renderLogConfirmation(outcome.view);
      const { entry } = outcome;
      if (privatelyTo) {
        await client.chat.postEphemeral({ channel, user: privatelyTo, thread_ts: threadTs, ...message });
        return null;
      }
      if (outcome.status === 'updated' && entry.replyChannel && entry.replyTs) {
        try {
          await client.chat.update({ channel: entry.replyChannel, ts: entry.replyTs, ...message });
          return null;
        } catch (error) {
          logger.warn({ err: error }, 'could not update the confirmation; posting a new one');
        }
      }
      const posted = await client.chat.postMessage({ channel, thread_ts: threadTs, ...message });
      return posted.ts ? { channel: posted.channel ?? channel, ts: posted.ts } : null;
    },
    async removed(entry) {
      if (!entry.replyChannel || !entry.replyTs) return;
      const message = renderLogConfirmation({ activities: [], dealUpdates: [], unknown: [], problems: [], edited: false, removed: true });
      await client.chat
        .update({ channel: entry.replyChannel, ts: entry.replyTs, ...message })
        .catch((error: unknown) => logger.warn({ err: error }, 'could not update the confirmation of a deleted message'));
    },
    async couldNotSave() {
      await client.chat.postMessage({ channel, thread_ts: threadTs, text: COULD_NOT_SAVE });
    },
  };
}
