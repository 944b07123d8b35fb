import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { handleReviewThreadMessage } from '../../../services/call-reviews/review-thread-message';
import { logSlackMessage } from '../../../services/logging/log-slack-message';
import type { TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { threadReplies } from '../../log-replies';
import { slackProfileSource } from '../../profiles';
import { reviewThreadSlack } from '../../review-relay';
import { classifyMessageEvent } from './message-shape';

/**
 * A message in the bot's DM or in a check-in thread the bot started (or an edit or deletion of one):
 * logged by one service, which decides whether Canopy may read it at all (SPEC §3 privacy). A reply in a call
 * review's thread (a question about the review, or the answer to one) is a review comment, never activity.
 */
export function messageEvent(ctx: TSlackContext) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    const message = classifyMessageEvent(event);
    if (message.kind === 'ignored') return;
    const workspaceId = context.teamId ?? body.team_id;
    const onError = (err: unknown, what: string) => ctx.logger.warn({ err, ts: message.ts }, what);
    const thread = await handleReviewThreadMessage({ db: ctx.db, slack: reviewThreadSlack(client), workspaceId, message, now: ctx.now(), onError });
    if (thread !== 'not a review thread') return;
    const result = await logSlackMessage({
      db: ctx.db,
      profiles: slackProfileSource(client),
      workspaceId,
      message,
      now: ctx.now(),
      repliesFor: ({ threadTs, privatelyTo }) => threadReplies(client, { channel: message.channel, threadTs, ...(privatelyTo ? { privatelyTo } : {}) }, ctx.logger),
      onError,
    });
    if (result === 'logged' && message.kind !== 'deleted') refreshHome(ctx, client, workspaceId, message.user);
  };
}
