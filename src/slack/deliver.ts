import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { asDeliveryFailure, DeliveryFailure, type TDeliveryPort } from '../services/deliveries/port';

/*
 * The Slack side of deliveries: post a DM, find one we posted, and say what a failure means. Retries and
 * pacing belong to the caller (the `deliver` queue, or `run deliver-due`), never to the SDK: its own retry
 * loop would resend a message whose answer was lost, and would hold a worker for up to 30 minutes.
 */

/** `metadata.event_type` of every delivery we post: how a retry recognises a message an earlier attempt got through. */
export const DELIVERY_EVENT_TYPE = 'canopy_delivery';

/**
 * Error codes after which a retry cannot succeed: the recipient is gone or cannot be messaged, our token
 * is not valid any more, or the message itself is refused. Anything else with `ok: false` is retried.
 */
const PERMANENT = new Set([
  'user_not_found', 'users_not_found', 'user_disabled', 'account_inactive', 'channel_not_found', 'not_in_channel', 'is_archived',
  'cannot_dm_bot', 'messages_tab_disabled', 'restricted_action', 'ekm_access_denied', 'team_access_not_granted',
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'org_login_required',
  'invalid_blocks', 'invalid_blocks_format', 'invalid_metadata_format', 'invalid_metadata_schema', 'metadata_too_large',
  'msg_too_long', 'no_text', 'too_many_attachments', 'invalid_arguments', 'as_user_not_supported',
]);
/** Slack's own "something broke on our side" answers (sent with HTTP 200): the operation may have partly happened. */
const UNCERTAIN = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Classifies an error thrown by `@slack/web-api` (by its `code`, as the SDK documents) into the delivery port's failure kinds. */
export function classifySlackError(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } } | null;
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryFailure('rate_limited', 'ratelimited', Math.max(1, e.retryAfter ?? 1) * 1000);
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new DeliveryFailure('rate_limited', code, 1000);
      return new DeliveryFailure(PERMANENT.has(code) ? 'permanent' : UNCERTAIN.has(code) ? 'uncertain' : 'rejected', code);
    }
    case ErrorCode.HTTPError:
      return new DeliveryFailure('uncertain', `http_${e.statusCode ?? 'error'}`);
    case ErrorCode.RequestError:
      return new DeliveryFailure('uncertain', 'request_error');
    default:
      // Anything else (a bug, an SDK change) is retried but cannot prove nothing was posted.
      return asDeliveryFailure(error);
  }
}

/**
 * The WebClient for deliveries: no SDK retries and 429s rejected at once (the queue retries and paces), and a
 * request timeout well under the claim lease, so a sender never holds a claim that another may take over.
 */
export function createDeliveryWebClient(token: string, options: { apiUrl?: string; timeoutMs?: number } = {}): WebClient {
  return new WebClient(token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });
}

type THistoryMessage = { ts?: string; bot_id?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

/** Pages of history read when looking for a delivery: a DM with the bot rarely has more since a delivery was planned. */
const HISTORY_PAGES = 5;

export function createDeliverySlack(client: WebClient): TDeliveryPort {
  return {
    async post({ userId, deliveryId, kind, message }) {
      try {
        const result = await client.chat.postMessage({
          channel: userId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: deliveryId, kind } },
        });
        if (!result.channel || !result.ts) throw new DeliveryFailure('uncertain', 'no_channel_or_ts');
        return { channel: result.channel, ts: result.ts };
      } catch (error) {
        throw classifySlackError(error);
      }
    },

    async findDelivered({ userId, deliveryId, oldest }) {
      try {
        const opened = await client.conversations.open({ users: userId });
        const channel = opened.channel?.id;
        if (!channel) return null;
        let cursor: string | undefined;
        for (let page = 0; page < HISTORY_PAGES; page++) {
          const history = await client.conversations.history({
            channel,
            oldest: (oldest.getTime() / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 100,
            ...(cursor ? { cursor } : {}),
          });
          const found = (history.messages as THistoryMessage[] | undefined)?.find(
            (m) => m.metadata?.event_type === DELIVERY_EVENT_TYPE && Number(m.metadata.event_payload?.delivery_id) === deliveryId,
          );
          if (found?.ts) return { channel, ts: found.ts };
          cursor = history.response_metadata?.next_cursor || undefined;
          if (!history.has_more || !cursor) return null;
        }
        // Not in the pages read: treat as not posted (a resend is the lesser evil than a lost brief).
        return null;
      } catch (error) {
        throw classifySlackError(error);
      }
    },
  };
}
