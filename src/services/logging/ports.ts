import type { TLogEntryRecord } from '../../../db/repositories/log-entries';
import type { TLogOutcome } from './log-activity';

/** Where a posted message landed. */
export type TPostedReply = { channel: string; ts: string };

/**
 * How the logging services answer the rep in Slack; `src/slack/log-replies.ts` implements it for one
 * message's thread (privately to the rep outside the bot's DM).
 */
export type TLogReplies = {
  /** The grammar help, in the message's thread. */
  help(): Promise<void>;
  /** A question was not logged: how to log, and where questions go. */
  question(): Promise<void>;
  /**
   * The confirmation of what was logged; an edit updates the earlier confirmation. Returns where a new
   * confirmation was posted when it is a message an edit may update later (not an ephemeral one).
   */
  confirm(outcome: Exclude<TLogOutcome, { status: 'duplicate' }>): Promise<TPostedReply | null>;
  /** After a logged message is deleted, its confirmation says the activity is gone. */
  removed(entry: TLogEntryRecord): Promise<void>;
  /** Nothing could be saved (the database stayed busy, or something broke): the rep is asked to resend. */
  couldNotSave(): Promise<void>;
};
