import type { WebClient } from '@slack/web-api';
import type { TDb } from '../../db/client';
import { encryptionKeysOf, isOAuthEnv, type TSlackSenderEnv } from '../config/env';
import type { TWorkspaceSenders } from '../services/deliveries/port';
import { keyRing } from '../services/installations/token-crypto';
import { createWorkspaceTokens, type TWorkspaceTokens } from '../services/installations/workspace-tokens';
import { createDeliverySlack, createDeliveryWebClient } from './deliver';
import { createTokenRefresher } from './token-refresher';

/**
 * The tokens for work no request starts (deliveries, CLI notices), from the environment: the one bot token in
 * single-workspace mode, each workspace's installation with OAuth (refreshed before it expires).
 */
export function workspaceTokensFromEnv(db: TDb, env: TSlackSenderEnv, now: () => Date = () => new Date()): TWorkspaceTokens {
  if (!isOAuthEnv(env)) return createWorkspaceTokens({ mode: 'single', db, botToken: env.SLACK_BOT_TOKEN! });
  const keys = encryptionKeysOf(env)!;
  return createWorkspaceTokens({
    mode: 'oauth',
    db,
    ring: keyRing(keys.current, keys.previous),
    refresh: createTokenRefresher({ clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET, apiUrl: env.SLACK_API_URL }),
    now,
  });
}

/**
 * A WebClient per token, made once: a token is reused for every send to its workspace until it rotates. The
 * cache is bounded so rotated-out tokens do not pile up in a long-running worker.
 */
export function cachedClients(make: (token: string) => WebClient, max = 1000): (token: string) => WebClient {
  const clients = new Map<string, WebClient>();
  return (token) => {
    let client = clients.get(token);
    if (client) return client;
    if (clients.size >= max) clients.delete(clients.keys().next().value!);
    clients.set(token, (client = make(token)));
    return client;
  };
}

/** The delivery port of each workspace (SPEC §5: "sends them with that workspace's token"); null once it may not be reached. */
export function createWorkspaceSenders(tokens: TWorkspaceTokens, options: { apiUrl?: string | undefined; timeoutMs?: number } = {}): TWorkspaceSenders {
  const clientFor = cachedClients((token) => createDeliveryWebClient(token, { apiUrl: options.apiUrl, timeoutMs: options.timeoutMs }));
  return {
    async forWorkspace(workspaceId) {
      const token = await tokens.tokenFor(workspaceId);
      return token ? createDeliverySlack(clientFor(token)) : null;
    },
  };
}
