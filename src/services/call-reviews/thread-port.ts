import type { KnownBlock } from '@slack/types';

/*
 * How the review-thread services reach Slack: a person's DM with the app, a post in a channel or thread, and the
 * copies passed on kept in step with edits and deletions.
 * `src/slack/review-relay.ts` implements it on Slack's Web API; links in these messages are never unfurled
 * (a recording link must not turn into a preview).
 */

export type TThreadMessage = { text: string; blocks: KnownBlock[] };
export type TThreadPosted = { channel: string; ts: string };

export type TReviewThreadSlack = {
  /** The DM channel between the app and this Slack user. */
  openDm(slackUserId: string): Promise<string>;
  /** Posts a message (in a thread when `threadTs` is given); where it landed. Throws when Slack refused it. */
  post(where: { channel: string; threadTs?: string }, message: TThreadMessage): Promise<TThreadPosted>;
  /** Replaces a message the app posted (a copy passed on, after its author edited the original). Throws when Slack refused it. */
  update(where: TThreadPosted, message: TThreadMessage): Promise<void>;
  /** Deletes a message the app posted (a copy passed on, after its author deleted the original). Throws when Slack refused it. */
  remove(where: TThreadPosted): Promise<void>;
};
