import type { App, MessageShortcut } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { logAsActivityShortcut } from './log-as-activity';
import { reviewCallShortcut } from './review-call';

/** Shortcuts declared in manifest.yml. */
export function registerShortcuts(app: App, ctx: TSlackContext): void {
  app.shortcut<MessageShortcut>('log_as_activity', logAsActivityShortcut(ctx));
  app.shortcut<MessageShortcut>(REVIEW_IDS.shortcut, reviewCallShortcut(ctx));
}
