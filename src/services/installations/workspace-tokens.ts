import type { TDb } from '../../../db/client';
import { findWorkspaceInstallState, findWorkspaceUninstalledAt } from '../../../db/repositories/workspaces';
import { findInstallation } from './find-installation';
import type { TSlackInstallation, TTokenRefresher } from './port';
import { storeInstallation } from './store-installation';
import type { TKeyRing } from './token-crypto';

/** Refresh a rotating token this long before it expires: a job's send must never race its expiry. */
export const REFRESH_MARGIN_MS = 10 * 60 * 1000;

export type TWorkspaceTokens = {
  /** The bot token that reaches the workspace's people, or null when nothing may be sent there (uninstalled, revoked, never installed). */
  tokenFor(workspaceId: string): Promise<string | null>;
};

export type TWorkspaceTokensOptions =
  | { mode: 'single'; db: TDb; botToken: string }
  | { mode: 'oauth'; db: TDb; ring: TKeyRing; refresh: TTokenRefresher; now: () => Date; marginMs?: number; onRefreshed?: (workspaceId: string) => void };

/**
 * Tokens for work no incoming request starts (deliveries, CLI notices; SPEC §5 "with that workspace's token"). In
 * single-workspace mode, the one bot token for every workspace not marked uninstalled. With OAuth, the workspace's
 * installation (else its org's), decrypted; a rotating token that expires within the margin is refreshed and stored
 * before it is used, since no incoming event would refresh it. One refresh at a time per installation in this
 * process; two processes racing both store a valid token, and the later one wins.
 */
export function createWorkspaceTokens(options: TWorkspaceTokensOptions): TWorkspaceTokens {
  if (options.mode === 'single') {
    const { db, botToken } = options;
    return { tokenFor: async (workspaceId) => ((await findWorkspaceUninstalledAt(db, workspaceId)) ? null : botToken) };
  }
  const { db, ring, refresh, now } = options;
  const marginMs = options.marginMs ?? REFRESH_MARGIN_MS;
  const refreshing = new Map<string, Promise<string | null>>();

  const refreshed = async (workspaceId: string, installation: TSlackInstallation, refreshToken: string): Promise<string | null> => {
    const fresh = await refresh(refreshToken);
    const at = now();
    const updated: TSlackInstallation = {
      ...installation,
      bot: { ...installation.bot!, token: fresh.accessToken, refreshToken: fresh.refreshToken, expiresAt: Math.floor(at.getTime() / 1000) + fresh.expiresInSeconds },
    };
    await storeInstallation(db, ring, updated, { at, refreshed: true });
    options.onRefreshed?.(workspaceId);
    return fresh.accessToken;
  };

  return {
    async tokenFor(workspaceId) {
      const state = await findWorkspaceInstallState(db, workspaceId);
      if (state?.uninstalledAt) return null;
      const found = await findInstallation(db, ring, { teamId: workspaceId, isEnterpriseInstall: false, enterpriseId: state?.enterpriseId ?? undefined });
      const bot = found?.installation.bot;
      if (!found || !bot?.token) return null;
      const expiresAtMs = bot.expiresAt ? bot.expiresAt * 1000 : null;
      if (expiresAtMs === null || !bot.refreshToken || expiresAtMs - now().getTime() > marginMs) return bot.token;
      const key = found.row.installKey;
      let pending = refreshing.get(key);
      if (!pending) {
        pending = refreshed(workspaceId, found.installation, bot.refreshToken).finally(() => refreshing.delete(key));
        refreshing.set(key, pending);
      }
      return pending;
    },
  };
}
