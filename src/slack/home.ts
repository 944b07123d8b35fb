import type { WebClient } from '@slack/web-api';
import { getHome } from '../services/home/get-home';
import { renderHome } from './blocks/home';
import { personFor, type TSlackContext } from './context';

/**
 * Builds and publishes a person's Home tab. Called on `app_home_opened` and after anything shown on it
 * changes; it never throws, so a Slack or storage hiccup never undoes or fails the change that triggered it.
 */
export async function publishHome(ctx: TSlackContext, client: WebClient, workspaceId: string, slackUserId: string): Promise<void> {
  try {
    const person = await personFor(ctx, client, workspaceId, slackUserId);
    const view = renderHome(await getHome(ctx.db, person, ctx.now()));
    await client.views.publish({ user_id: slackUserId, view });
  } catch (error) {
    ctx.logger.warn({ err: error, slackUserId }, 'could not publish the Home tab');
  }
}

/**
 * Republishes the person's Home tab in the background, after something they did changed it (logging
 * activity). The caller's reply never waits for it; failures are logged by `publishHome`.
 */
export function refreshHome(ctx: TSlackContext, client: WebClient, workspaceId: string, slackUserId: string): void {
  void publishHome(ctx, client, workspaceId, slackUserId);
}
