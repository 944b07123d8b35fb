import type { TDb } from '../../../db/client';
import { isCheckinThread } from '../../../db/repositories/deliveries';
import { findLogEntry } from '../../../db/repositories/log-entries';

export type TMessageScope = 'dm' | 'checkin' | 'logged elsewhere';

/**
 * Whether Canopy may read a Slack message (SPEC §3 privacy), and as what: the bot's DMs and check-in
 * threads it started; elsewhere only edits and deletions of a message the rep chose to log (the "Log
 * as activity" shortcut). Undefined: not ours to read.
 */
export async function messageScope(
  db: TDb,
  workspaceId: string,
  message: { kind: 'posted' | 'edited' | 'deleted'; isDm: boolean; channel: string; threadTs?: string; sourceRef: string },
): Promise<TMessageScope | undefined> {
  if (message.isDm) return 'dm';
  if (message.threadTs && (await isCheckinThread(db, workspaceId, message.channel, message.threadTs))) return 'checkin';
  if (message.kind !== 'posted' && (await findLogEntry(db, workspaceId, message.sourceRef))) return 'logged elsewhere';
  return undefined;
}
