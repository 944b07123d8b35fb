import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { publishHome } from '../../home';

/** The Home tab, published fresh each time the person opens it. */
export function registerHomeEvents(app: App, ctx: TSlackContext): void {
  app.event('app_home_opened', appHomeOpened(ctx));
}

export function appHomeOpened(ctx: TSlackContext) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    // The Messages tab needs nothing from us.
    if (event.tab !== 'home') return;
    await publishHome(ctx, client, context.teamId ?? body.team_id, event.user);
  };
}
