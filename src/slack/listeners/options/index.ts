import type { App } from '@slack/bolt';
import { LOG_ACTIVITY_DEAL_INPUT } from '../../blocks/log-activity-modal';
import type { TSlackContext } from '../../context';
import { logDealOptions } from './log-deal';

/** Options of external selects (`block_suggestion`): Slack waits 3 s for them, so each answers from the database alone. */
export function registerOptions(app: App, ctx: TSlackContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: LOG_ACTIVITY_DEAL_INPUT }, logDealOptions(ctx));
}
