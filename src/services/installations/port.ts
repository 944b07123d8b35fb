/*
 * What the installation services know of Slack: the installation object Bolt's OAuth flow builds (a structural copy
 * of @slack/oauth's `Installation`, which `src/slack/installation-store.ts` converts to and from), and the one Web API
 * call they need, the token refresh, behind a port that `src/slack/token-refresher.ts` implements.
 */

/** A workspace's or an Enterprise Grid org's installation, as `oauth.v2.access` described it. Stored whole, encrypted. */
export type TSlackInstallation = {
  team?: { id: string; name?: string } | undefined;
  enterprise?: { id: string; name?: string } | undefined;
  user?: { token?: string | undefined; refreshToken?: string | undefined; expiresAt?: number | undefined; scopes?: string[] | undefined; id: string };
  bot?: { token: string; refreshToken?: string | undefined; expiresAt?: number | undefined; scopes: string[]; id: string; userId: string };
  appId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
  authVersion?: 'v1' | 'v2' | undefined;
  [more: string]: unknown;
};

/** Which installation serves a request or a job: a workspace, or an org (an org install serves each of its workspaces). */
export type TInstallationQuery = { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall: boolean };

/** A new bot token from `oauth.v2.access` with `grant_type=refresh_token`. */
export type TRefreshedToken = { accessToken: string; refreshToken: string; expiresInSeconds: number };

/** Exchanges a refresh token for a new token (and refresh token); throws when Slack refuses. */
export type TTokenRefresher = (refreshToken: string) => Promise<TRefreshedToken>;
