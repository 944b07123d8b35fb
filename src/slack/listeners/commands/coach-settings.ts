import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { TPersonRow } from '../../../../db/repositories/people';
import { getSettings } from '../../../services/settings/get-settings';
import { renderSettingsModal } from '../../blocks/settings-modal';
import type { TSlackContext } from '../../context';

const COULD_NOT_OPEN = "I couldn't open your settings just now — try `/coach settings` again, or the Settings button on my Home tab.";

/** `/coach settings`: the settings modal (its submission is handled in views/home.ts). */
export async function openSettings(args: { ctx: TSlackContext; me: TPersonRow; command: SlashCommand; respond: RespondFn; client: WebClient }): Promise<void> {
  const { ctx, me, command, respond, client } = args;
  try {
    await client.views.open({ trigger_id: command.trigger_id, view: renderSettingsModal(await getSettings(ctx.db, me, ctx.now())) });
  } catch (error) {
    // Most often an expired trigger (Slack allows 3 seconds): say so rather than fail silently.
    ctx.logger.warn({ err: error }, 'could not open the settings modal');
    await respond({ response_type: 'ephemeral', text: COULD_NOT_OPEN });
  }
}
