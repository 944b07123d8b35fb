import type { App, MessageShortcut } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { logAsActivityShortcut } from './log-as-activity';

/** Shortcuts declared in manifest.yml. */
export function registerShortcuts(app: App, ctx: TSlackContext): void {
  app.shortcut<MessageShortcut>('log_as_activity', logAsActivityShortcut(ctx));
}
