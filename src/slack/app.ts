import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { encryptionKeysOf, isOAuthEnv, type TEnv } from '../config/env';
import type { THealthCheck } from '../health';
import { toSlackLogger } from '../logger';
import { createMetrics, type TMetrics } from '../observability/metrics';
import type { TSlackContext } from './context';
import { registerActions } from './listeners/actions/index';
import { registerCommands } from './listeners/commands/index';
import { registerEvents } from './listeners/events/index';
import { registerOptions } from './listeners/options/index';
import { registerShortcuts } from './listeners/shortcuts/index';
import { registerViews } from './listeners/views/index';
import { recordInteractionListeners } from './interaction-registry';
import { importRowTotals } from '../services/imports/import-totals';
import { createOpsRoutes } from './ops-routes';
import { rememberAppId } from './remember-app-id';
import { instrumentRequests, requestProperties } from './request-context';
import { answerUnknownInteractions } from './unknown-interactions';
import { installCallbacks, isVisitorError } from './install-pages';
import { createInstallationStore } from './installation-store';
import { BOT_SCOPES } from './scopes';
import { keyRing } from '../services/installations/token-crypto';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_URI_PATH = '/slack/oauth_redirect';

export type TSlackAppOptions = {
  env: TEnv;
  ctx: TSlackContext;
  health: THealthCheck;
  /** The app's metrics registry (`GET /metrics`); a fresh one by default. */
  metrics?: TMetrics;
  /** Tests raise Bolt's unhandled-request timeout so a request nobody acks shows as a hang, not a 404 after 3 s. */
  unhandledRequestTimeoutMillis?: number;
  /** Key prefix of the queues the dashboard shows (tests use their own). */
  queuePrefix?: string;
};

/**
 * Bolt's OAuth for any number of workspaces (SPEC §2), when configured: `/slack/install` redirects to Slack's
 * authorize page with a state bound to the browser by a cookie, `/slack/oauth_redirect` checks both, exchanges the code
 * (at `SLACK_API_URL` too, so tests use the fake Slack) and stores the installation encrypted. Each request is then
 * authorized with its workspace's token, refreshed by Bolt when it is about to expire.
 */
function oauthOptions(env: TEnv, ctx: TSlackContext, clientOptions: { slackApiUrl?: string }) {
  if (!isOAuthEnv(env)) return undefined;
  const keys = encryptionKeysOf(env)!;
  return {
    clientId: env.SLACK_CLIENT_ID,
    clientSecret: env.SLACK_CLIENT_SECRET,
    stateSecret: env.SLACK_STATE_SECRET,
    // Install instants are compared with Slack's event_time: the real clock, whatever ctx.now says.
    installationStore: createInstallationStore({ db: ctx.db, ring: keyRing(keys.current, keys.previous), now: () => new Date() }),
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_URI_PATH,
      // Straight to Slack's authorize page: Canopy has no landing page of its own.
      directInstall: true,
      stateVerification: true,
      callbackOptions: installCallbacks(ctx.logger, INSTALL_PATH),
      clientOptions,
    },
  };
}

/** The Bolt app: HTTP on `POST /slack/events` (plus `GET /healthz`), or Socket Mode when an app token is set. */
export function createSlackApp({ env, ctx, health, metrics = createMetrics(), unhandledRequestTimeoutMillis, queuePrefix }: TSlackAppOptions): App {
  metrics.watchImports(() => importRowTotals(ctx.db));
  const ops = createOpsRoutes({ metrics, logger: ctx.logger, redisUrl: env.REDIS_URL, adminPassword: env.ADMIN_PASSWORD, queuePrefix });
  const customRoutes = [
    ...ops.routes,
    {
      path: '/healthz',
      method: ['GET'],
      handler: async (_req: unknown, res: import('node:http').ServerResponse) => {
        const status = await health();
        res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status));
      },
    },
  ];
  const clientOptions = env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {};
  const common = {
    // With OAuth there is no one token: Bolt authorizes each request with its workspace's installation.
    token: env.SLACK_BOT_TOKEN,
    // @slack/oauth logs a visitor's cancelled or expired install as an error; the install pages answer it with a 4xx.
    logger: toSlackLogger(ctx.logger, { notOurError: (error) => error instanceof Error && isVisitorError((error as { code?: string }).code) }),
    logLevel: LogLevel.INFO,
    clientOptions,
    // Nothing reads Bolt's conversation context; its in-memory store cost every request a lookup and an Error on a miss.
    convoStore: false as const,
  };
  const oauth = oauthOptions(env, ctx, clientOptions);
  const { installerOptions, ...oauthRest } = oauth ?? { installerOptions: {} };
  const app = env.SLACK_APP_TOKEN
    ? // In Socket Mode the receiver serves custom routes (/healthz) and the OAuth pages on the installer's port.
      new App({ ...common, ...oauthRest, socketMode: true, appToken: env.SLACK_APP_TOKEN, customRoutes, installerOptions: { ...installerOptions, port: env.PORT } })
    : new App({
        ...common,
        receiver: new HTTPReceiver({
          signingSecret: env.SLACK_SIGNING_SECRET!,
          endpoints: '/slack/events',
          customRoutes,
          logger: common.logger,
          customPropertiesExtractor: requestProperties,
          ...(unhandledRequestTimeoutMillis ? { unhandledRequestTimeoutMillis } : {}),
          ...oauthRest,
          installerOptions,
        }),
      });
  instrumentRequests(app, { metrics, logger: ctx.logger });
  const interactions = recordInteractionListeners(app);
  app.use(answerUnknownInteractions(interactions, ctx, metrics));
  app.use(rememberAppId(ctx));
  registerCommands(app, ctx);
  registerEvents(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerOptions(app, ctx);
  registerShortcuts(app, ctx);
  // Last of the global middleware: the listeners registered by id run from here, without Bolt's walk over all of them.
  app.use(interactions.dispatch);
  app.error(async (error) => {
    ctx.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  const stop = app.stop.bind(app);
  app.stop = async (...args: unknown[]) => (await ops.close(), stop(...args));
  return app;
}
