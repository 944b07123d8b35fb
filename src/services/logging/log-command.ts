import { DateTime } from 'luxon';
import { retryWhenBusy, type TDb } from '../../../db/client';
import { resolvePerson, type TProfileSource } from '../people/resolve-person';
import { logActivity, type TLogOutcome } from './log-activity';
import { slashSourceRef } from './source-refs';

export type TLogCommandInput = {
  db: TDb;
  profiles: TProfileSource;
  workspaceId: string;
  slackUserId: string;
  triggerId: string;
  text: string;
  now: Date;
  onError?: (error: unknown) => void;
};

/** `/log <text>`: the same grammar as check-in replies, logged once per invocation, waiting out a busy database. */
export async function logCommand(input: TLogCommandInput): Promise<TLogOutcome> {
  const { db, workspaceId } = input;
  const person = await resolvePerson(db, input.profiles, workspaceId, input.slackUserId, input.now, input.onError);
  return retryWhenBusy(() =>
    logActivity(db, {
      workspaceId,
      personId: person.id,
      source: 'slash',
      sourceRef: slashSourceRef(input.triggerId),
      text: input.text,
      writtenAt: DateTime.fromJSDate(input.now, { zone: person.tz }),
      change: { kind: 'posted' },
    }),
  );
}
