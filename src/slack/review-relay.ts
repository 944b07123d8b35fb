import type { WebClient } from '@slack/web-api';
import type { TReviewThreadSlack } from '../services/call-reviews/thread-port';

/** The review-thread port on Slack's Web API: questions and answers carry recording links, so nothing unfurls. */
export function reviewThreadSlack(client: WebClient): TReviewThreadSlack {
  return {
    async openDm(slackUserId) {
      const opened = await client.conversations.open({ users: slackUserId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
      return channel;
    },
    async post(where, message) {
      const posted = await client.chat.postMessage({
        channel: where.channel,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ts) throw new Error('chat.postMessage gave no ts');
      return { channel: posted.channel ?? where.channel, ts: posted.ts };
    },
    async update(where, message) {
      await client.chat.update({ channel: where.channel, ts: where.ts, text: message.text, blocks: message.blocks });
    },
    async remove(where) {
      await client.chat.delete({ channel: where.channel, ts: where.ts });
    },
  };
}
