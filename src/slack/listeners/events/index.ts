import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { messageEvent } from './message';
import { registerHomeEvents } from './app-home';

export function registerEvents(app: App, ctx: TSlackContext): void {
  app.event('message', messageEvent(ctx));
  registerHomeEvents(app, ctx);
}
