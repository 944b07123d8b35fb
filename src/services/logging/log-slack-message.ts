import { DateTime } from 'luxon';
import { retryWhenBusy, type TDb } from '../../../db/client';
import { setLogEntryReply } from '../../../db/repositories/log-entries';
import { looksLikeQuestion } from '../../domain/activity-grammar';
import { resolvePerson, type TProfileSource } from '../people/resolve-person';
import { logActivity } from './log-activity';
import { messageScope } from './message-scope';
import type { TLogReplies } from './ports';
import { removeLoggedMessage } from './remove-logged-message';
import { messageSourceRef } from './source-refs';

/** A message event as Slack reports it, already normalised (posted, edited or deleted). */
export type TSlackMessage =
  | { kind: 'posted'; channel: string; isDm: boolean; user: string; text: string; ts: string; threadTs?: string }
  | { kind: 'edited'; channel: string; isDm: boolean; user: string; text: string; ts: string; editedTs: string; threadTs?: string }
  | { kind: 'deleted'; channel: string; isDm: boolean; ts: string; threadTs?: string };

export type TLogSlackMessageInput = {
  db: TDb;
  profiles: TProfileSource;
  workspaceId: string;
  message: TSlackMessage;
  now: Date;
  /** How to answer in the message's thread; given the scope so it can answer privately outside the bot's DM. */
  repliesFor: (scope: { privatelyTo?: string; threadTs: string }) => TLogReplies;
  onError: (error: unknown, what: string) => void;
};

export type TLogSlackMessageResult = 'ignored' | 'help' | 'question' | 'removed' | 'logged' | 'duplicate' | 'failed';

/**
 * Logs what a rep writes in the bot's DM or in a check-in thread the bot started, and keeps the log in step
 * with edits and deletions (SPEC §3): the scope check (other channel messages are never read), the person,
 * the idempotency key, the busy retry, the write, the reply and where the reply went, in that order.
 */
export async function logSlackMessage(input: TLogSlackMessageInput): Promise<TLogSlackMessageResult> {
  const { db, workspaceId, message } = input;
  const sourceRef = messageSourceRef(message.channel, message.ts);
  const scope = await messageScope(db, workspaceId, { ...message, sourceRef });
  if (!scope) return 'ignored';
  const threadTs = message.threadTs ?? message.ts;
  // Outside the bot's DM the rep's numbers are confirmed to them alone.
  const replies = input.repliesFor({ threadTs, ...(scope === 'dm' || message.kind === 'deleted' ? {} : { privatelyTo: message.user }) });

  if (message.kind === 'deleted') {
    const removed = await retryWhenBusy(() => removeLoggedMessage(db, workspaceId, sourceRef, input.now));
    if (!removed) return 'ignored';
    await replies.removed(removed);
    return 'removed';
  }
  if (message.kind === 'posted' && message.text.trim().toLowerCase() === 'help') {
    await replies.help();
    return 'help';
  }
  if (message.kind === 'posted' && looksLikeQuestion(message.text)) {
    await replies.question();
    return 'question';
  }
  try {
    const person = await resolvePerson(db, input.profiles, workspaceId, message.user, input.now, (e) => input.onError(e, 'profile refresh failed'));
    const outcome = await retryWhenBusy(() =>
      logActivity(db, {
        workspaceId,
        personId: person.id,
        source: scope === 'dm' && !message.threadTs ? 'dm' : scope === 'logged elsewhere' ? 'shortcut' : 'thread',
        sourceRef,
        text: message.text,
        // "yesterday" means the day before the message was written, however late it is edited.
        writtenAt: DateTime.fromSeconds(Number(message.ts), { zone: person.tz }),
        change: message.kind === 'edited' ? { kind: 'edited', editedTs: message.editedTs } : { kind: 'posted' },
      }),
    );
    if (outcome.status === 'duplicate') return 'duplicate';
    const posted = await replies.confirm(outcome);
    // The confirmation's ts exists only once Slack has answered, so it is recorded after the log's own
    // transaction; if this write is lost, an edit posts a fresh confirmation instead of updating this one.
    if (posted) await retryWhenBusy(() => setLogEntryReply(db, outcome.entry.id, posted.channel, posted.ts));
    return 'logged';
  } catch (error) {
    input.onError(error, 'could not log a message');
    await replies.couldNotSave().catch((e: unknown) => input.onError(e, 'could not tell the rep their message was not saved'));
    return 'failed';
  }
}
