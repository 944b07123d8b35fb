import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { rememberAppId as saveAppId } from '../services/workspaces/remember-app-id';
import type { TSlackContext } from './context';

/**
 * Notes our app's id from the requests Slack sends (`api_app_id`), once per workspace and process, after the
 * listener has run (so never before an ack): digests sent later by the worker link to the app's Home tab with it.
 */
export function rememberAppId(ctx: TSlackContext): Middleware<AnyMiddlewareArgs> {
  const known = new Map<string, string>();
  return async ({ body, context, next }) => {
    await next();
    const appId = (body as { api_app_id?: unknown }).api_app_id;
    const teamId = context.teamId;
    if (typeof appId !== 'string' || !/^A[A-Z0-9]+$/.test(appId) || !teamId || known.get(teamId) === appId) return;
    try {
      // The workspace row appears with the first person seen; until then there is nothing to update.
      if (await saveAppId(ctx.db, teamId, appId)) known.set(teamId, appId);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'could not remember the app id');
    }
  };
}
