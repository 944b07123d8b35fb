import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import type { TEmailLookup, TSlackDirectoryPort } from '../services/imports/ports';

/**
 * The import's Slack directory: `users.lookupByEmail` (scope `users:read.email`). The SDK's own retries
 * wait out 429s here: a lookup is a read, so asking again is harmless.
 */
export function createSlackDirectory(token: string, options: { apiUrl?: string } = {}): TSlackDirectoryPort {
  const client = new WebClient(token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
    logLevel: LogLevel.ERROR,
  });
  return {
    async lookupByEmail(email): Promise<TEmailLookup> {
      try {
        const answer = await client.users.lookupByEmail({ email });
        const id = answer.user?.id;
        return id ? { ok: true, slackUserId: id, tz: answer.user?.tz ?? null } : { ok: false, error: 'no_user_in_answer' };
      } catch (error) {
        const e = error as { code?: string; data?: { error?: string } };
        if (e.code === ErrorCode.PlatformError) return { ok: false, error: e.data?.error ?? 'unknown_error' };
        return { ok: false, error: e.code === ErrorCode.RateLimitedError ? 'ratelimited' : 'request_failed' };
      }
    },
  };
}
