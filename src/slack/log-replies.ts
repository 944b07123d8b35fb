import type { WebClient } from '@slack/web-api';
import type { TDb } from '../../db/client';
import type { TLogEntryRecord } from '../../db/repositories/log-entries';
import type { Logger } from '../logger';
import { rememberConfirmation, type TLogOutcome } from '../services/logging/log-activity';
import { renderLogConfirmation } from './blocks/log-confirmation';

/**
 * Confirms a logged message in its thread; an edit updates the earlier confirmation instead of adding
 * one. In a shared channel the confirmation is shown to the rep alone: their numbers stay theirs.
 */
export async function postConfirmation(
  db: TDb,
  client: WebClient,
  outcome: Exclude<TLogOutcome, { status: 'duplicate' }>,
  where: { channel: string; threadTs: string; privatelyTo?: string },
  logger: Logger,
): Promise<void> {
  const message = renderLogConfirmation(outcome.view);
  const { entry } = outcome;
  if (where.privatelyTo) {
    await client.chat.postEphemeral({ channel: where.channel, user: where.privatelyTo, thread_ts: where.threadTs, ...message });
    return;
  }
  if (outcome.status === 'updated' && entry.replyChannel && entry.replyTs) {
    try {
      await client.chat.update({ channel: entry.replyChannel, ts: entry.replyTs, ...message });
      return;
    } catch (error) {
      logger.warn({ err: error }, 'could not update the confirmation; posting a new one');
    }
  }
  const posted = await client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, ...message });
  if (posted.ts) rememberConfirmation(db, entry.id, posted.channel ?? where.channel, posted.ts);
}

/** After the rep deletes a logged message, its confirmation says the activity is gone. */
export async function showRemoved(client: WebClient, removed: TLogEntryRecord, logger: Logger): Promise<void> {
  if (!removed.replyChannel || !removed.replyTs) return;
  const message = renderLogConfirmation({ activities: [], dealUpdates: [], unknown: [], problems: [], edited: false, removed: true });
  await client.chat
    .update({ channel: removed.replyChannel, ts: removed.replyTs, ...message })
    .catch((error: unknown) => logger.warn({ err: error }, 'could not update the confirmation of a deleted message'));
}
