import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { messageEvent } from './message';

export function registerEvents(app: App, ctx: TSlackContext): void {
  app.event('message', messageEvent(ctx));
}
