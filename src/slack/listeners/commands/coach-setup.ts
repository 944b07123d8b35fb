import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { TPersonRow } from '../../../../db/repositories/people';
import { AppError } from '../../../domain/errors';
import { openSetupForm } from '../../../services/setup/open-setup-form';
import { renderSetupModal } from '../../blocks/setup-modal';
import type { TSlackContext } from '../../context';

const COULD_NOT_OPEN = "I couldn't open the setup just now — try `/coach setup` again, or *Edit setup* on my Home tab.";

/** `/coach setup` (admins): the setup modal (its submission is handled in views/setup.ts); anyone else is told who can. */
export async function openSetup(args: { ctx: TSlackContext; me: TPersonRow; command: SlashCommand; respond: RespondFn; client: WebClient }): Promise<void> {
  const { ctx, me, command, respond, client } = args;
  let view;
  try {
    view = renderSetupModal(await openSetupForm(ctx.db, me));
  } catch (error) {
    if (error instanceof AppError) return void (await respond({ response_type: 'ephemeral', text: error.message }));
    throw error;
  }
  try {
    await client.views.open({ trigger_id: command.trigger_id, view });
  } catch (error) {
    // Most often an expired trigger (Slack allows 3 seconds): say so rather than fail silently.
    ctx.logger.warn({ err: error }, 'could not open the setup modal');
    await respond({ response_type: 'ephemeral', text: COULD_NOT_OPEN });
  }
}
