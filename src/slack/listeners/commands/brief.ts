import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { splitCommandText } from '../../../domain/command-text';
import { getBriefOnDemandFor } from '../../../services/briefs/get-brief-for-slack-user';
import { renderBrief } from '../../blocks/brief';
import { personFor, type TSlackContext } from '../../context';
import { respondError } from '../../respond-error';
import { NO_UNFURL } from '../../blocks/limits';

const USAGE = 'Which rep? `/brief @rep` gives you the brief for your next 1:1 with them.';

/** `/brief @rep`: the pre-1:1 brief on demand, for the rep's manager or an admin. */
export function briefCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      const { userIds, plainAtNames } = splitCommandText(command.text);
      if (userIds.length !== 1 || plainAtNames.length > 0) return void (await respond({ response_type: 'ephemeral', text: USAGE }));
      const me = await personFor(ctx, client, command.team_id, command.user_id);
      const view = await getBriefOnDemandFor(ctx.db, me, userIds[0]!, ctx.now());
      // It may hold recording links (call reviews): never unfurled.
      await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderBrief(view) });
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
