import { LogLevel, WebClient } from '@slack/web-api';
import type { TTokenRefresher } from '../services/installations/port';

/**
 * The token-refresh port on Slack's `oauth.v2.access` (`grant_type=refresh_token`, token rotation). `apiUrl` lets
 * tests point it at the fake Slack, as `SLACK_API_URL` does for every other call.
 */
export function createTokenRefresher(options: { clientId: string; clientSecret: string; apiUrl?: string | undefined }): TTokenRefresher {
  const client = new WebClient(undefined, { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), logLevel: LogLevel.ERROR, timeout: 10_000 });
  return async (refreshToken) => {
    const answer = await client.oauth.v2.access({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    if (!answer.access_token || !answer.refresh_token || answer.expires_in === undefined) {
      throw new Error('oauth.v2.access answered a refresh without access_token, refresh_token or expires_in');
    }
    return { accessToken: answer.access_token, refreshToken: answer.refresh_token, expiresInSeconds: answer.expires_in };
  };
}
