import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { findPersonBySlackId } from '../../../../db/repositories/people';
import { splitCommandText } from '../../../domain/command-text';
import { getBriefOnDemand } from '../../../services/briefs/get-brief';
import { renderBrief } from '../../blocks/brief';
import { personFor, type TSlackContext } from '../../context';
import { respondError } from '../../respond-error';

const USAGE = 'Which rep? `/brief @rep` gives you the brief for your next 1:1 with them.';
// The same words for an unknown user as for someone else's rep, so the answer reveals nothing.
const NOT_YOURS = 'Briefs are for the rep’s manager and admins. `/brief @rep` works for the reps on your team.';

/** `/brief @rep`: the pre-1:1 brief on demand, for the rep's manager or an admin. */
export function briefCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      const { userIds, plainAtNames } = splitCommandText(command.text);
      if (userIds.length !== 1 || plainAtNames.length > 0) return void (await respond({ response_type: 'ephemeral', text: USAGE }));
      const me = await personFor(ctx, client, command.team_id, command.user_id);
      const rep = findPersonBySlackId(ctx.db, command.team_id, userIds[0]!);
      if (!rep) return void (await respond({ response_type: 'ephemeral', text: NOT_YOURS }));
      const view = getBriefOnDemand(ctx.db, me, rep, ctx.now());
      await respond({ response_type: 'ephemeral', ...renderBrief(view) });
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
