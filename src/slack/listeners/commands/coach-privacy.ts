import { personalExportFiles } from '../../../domain/personal-export';
import { describePersonalData } from '../../../services/privacy/describe-personal-data';
import { exportPersonalData } from '../../../services/privacy/export-personal-data';
import { renderForgetModal } from '../../blocks/privacy';
import { sendExportToDm } from '../../privacy-notices';
import type { TCoachVerbArgs } from './coach-verb';

const PREPARING = 'Preparing your export… it arrives in our DM as two files: everything in JSON, and your activities as a CSV.';
const SENT = 'Your export is in our DM with me.';
const EXPORT_FAILED = "I couldn't send your export just now — nothing was changed. Please try `/coach export` again in a minute.";
const COULD_NOT_OPEN = "I couldn't open the confirmation just now — nothing was deleted. Try `/coach forget-me` again.";

/** `/coach export`: answered at once, then the person's own data is built and uploaded to their DM (after the ack). */
export async function exportFromCommand({ ctx, me, respond, client }: Omit<TCoachVerbArgs<'export'>, 'parsed' | 'command'>): Promise<void> {
  await respond({ response_type: 'ephemeral', text: PREPARING });
  try {
    const files = personalExportFiles(await exportPersonalData(ctx.db, me, ctx.now()));
    await sendExportToDm(client, me.slackUserId, files);
  } catch (error) {
    ctx.logger.warn({ err: error, slackUserId: me.slackUserId }, 'could not send a personal export');
    return void (await respond({ response_type: 'ephemeral', text: EXPORT_FAILED }));
  }
  await respond({ response_type: 'ephemeral', text: SENT });
}

/** `/coach forget-me`: the confirmation modal, listing what would be deleted (its submission: views/forget-me.ts). */
export async function forgetMeFromCommand({ ctx, me, command, respond, client }: Omit<TCoachVerbArgs<'forget-me'>, 'parsed'>): Promise<void> {
  try {
    await client.views.open({ trigger_id: command.trigger_id, view: renderForgetModal(await describePersonalData(ctx.db, me)) });
  } catch (error) {
    // Most often an expired trigger (Slack allows 3 seconds).
    ctx.logger.warn({ err: error }, 'could not open the forget-me modal');
    await respond({ response_type: 'ephemeral', text: COULD_NOT_OPEN });
  }
}
