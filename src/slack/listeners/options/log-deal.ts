import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { listDealChoices } from '../../../services/logging/list-deal-choices';
import { MAX_SELECT_OPTIONS } from '../../blocks/limits';
import { renderDealOptions } from '../../blocks/log-activity-modal';
import type { TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';

type TOptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

// What the rep typed in the picker; a name is never longer than this is useful for, and anything odd is "nothing typed".
const ZQuery = z
  .string()
  .transform((text) => text.slice(0, 100))
  .catch('');

/** The Log activity modal's deal picker: the asker's own open deals matching what they typed; none when anything fails. */
export function logDealOptions(ctx: TSlackContext) {
  return async ({ ack, body }: TOptionsArgs) => {
    try {
      const choices = await listDealChoices(ctx.db, {
        workspaceId: workspaceOf(body),
        slackUserId: body.user.id,
        query: ZQuery.parse(body.value),
        limit: MAX_SELECT_OPTIONS,
      });
      await ack(renderDealOptions(choices));
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not list deals for the deal picker');
      await ack({ options: [] });
    }
  };
}
