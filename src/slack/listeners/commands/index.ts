import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { briefCommand } from './brief';
import { coachCommand } from './coach';
import { logCommand } from './log';
import { statsCommand } from './stats';

export function registerCommands(app: App, ctx: TSlackContext): void {
  app.command('/stats', statsCommand(ctx));
  app.command('/log', logCommand(ctx));
  app.command('/coach', coachCommand(ctx));
  app.command('/brief', briefCommand(ctx));
}
