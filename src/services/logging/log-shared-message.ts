import { DateTime } from 'luxon';
import { retryWhenBusy, type TDb } from '../../../db/client';
import { resolvePerson, type TProfileSource } from '../people/resolve-person';
import { logActivity, type TLogOutcome } from './log-activity';
import { messageSourceRef } from './source-refs';

export type TLogSharedMessageInput = {
  db: TDb;
  profiles: TProfileSource;
  workspaceId: string;
  /** Who used the shortcut. */
  slackUserId: string;
  message: { author: string | undefined; channel: string; ts: string; text: string };
  now: Date;
  onError?: (error: unknown) => void;
};

/**
 * The "Log as activity" message shortcut: logs one of the rep's own messages anywhere in Slack. The message
 * is keyed like a DM (channel + ts), so logging it twice, or from two places, counts once; someone else's
 * message is refused.
 */
export async function logSharedMessage(input: TLogSharedMessageInput): Promise<TLogOutcome | { status: 'not_yours' }> {
  const { db, workspaceId, message } = input;
  if (!message.author || message.author !== input.slackUserId) return { status: 'not_yours' };
  const person = await resolvePerson(db, input.profiles, workspaceId, input.slackUserId, input.now, input.onError);
  return retryWhenBusy(() =>
    logActivity(db, {
      workspaceId,
      personId: person.id,
      source: 'shortcut',
      sourceRef: messageSourceRef(message.channel, message.ts),
      text: message.text,
      writtenAt: DateTime.fromSeconds(Number(message.ts), { zone: person.tz }),
      change: { kind: 'posted' },
    }),
  );
}
