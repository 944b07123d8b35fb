import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { messageEvent } from './message';
import { registerHomeEvents } from './app-home';
import { userChangeEvent } from './user-change';

export function registerEvents(app: App, ctx: TSlackContext): void {
  app.event('message', messageEvent(ctx));
  registerHomeEvents(app, ctx);
  app.event('user_change', userChangeEvent(ctx));
}
