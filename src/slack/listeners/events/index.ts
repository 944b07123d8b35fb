import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { messageEvent } from './message';
import { registerHomeEvents } from './app-home';
import { uninstalledEvent } from './uninstalled';
import { userChangeEvent } from './user-change';

export function registerEvents(app: App, ctx: TSlackContext): void {
  app.event('message', messageEvent(ctx));
  registerHomeEvents(app, ctx);
  app.event('user_change', userChangeEvent(ctx));
  app.event('app_uninstalled', uninstalledEvent(ctx));
  app.event('tokens_revoked', uninstalledEvent(ctx));
}
