import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { parseCoachCommand } from '../../../domain/command-text';
import { canManageTeam } from '../../../services/authorize';
import { addToTeam, getTeamOverview, removeFromTeam } from '../../../services/manage-team';
import { renderHelp } from '../../blocks/help';
import { renderTeam } from '../../blocks/team';
import { personFor, type TSlackContext } from '../../context';
import { respondError } from '../../respond-error';
import { describeTeamChange, describeTeamRemoval } from './team-messages';
import { DateTime } from 'luxon';

/** `/coach <verb>`: help, and the team verbs. Unknown or empty verbs get help. */
export function coachCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      const parsed = parseCoachCommand(command.text);
      const me = await personFor(ctx, client, command.team_id, command.user_id);
      if (parsed.verb === 'invalid') return void (await respond({ response_type: 'ephemeral', text: parsed.message }));
      if (parsed.verb === 'help') {
        const help = renderHelp({ isManager: canManageTeam(me), ...(parsed.unknownVerb ? { unknownVerb: parsed.unknownVerb } : {}) });
        return void (await respond({ response_type: 'ephemeral', ...help }));
      }
      if (parsed.verb === 'team') {
        const overview = getTeamOverview(ctx.db, me, ctx.now());
        const reps = overview.reps.map((r) => ({
          slackUserId: r.person.slackUserId,
          name: r.person.name,
          weekTotal: r.weekTotal,
          trendSparkline: r.trendSparkline,
          lastActivityLabel: r.lastActivityAt ? DateTime.fromJSDate(r.lastActivityAt, { zone: me.tz }).toRelative({ base: DateTime.fromJSDate(ctx.now()) }) : null,
        }));
        return void (await respond({ response_type: 'ephemeral', ...renderTeam({ managerName: me.name, reps }) }));
      }
      const people = await Promise.all(parsed.userIds.map((id) => personFor(ctx, client as WebClient, command.team_id, id)));
      const text =
        parsed.verb === 'team add'
          ? describeTeamChange(addToTeam(ctx.db, me, people))
          : describeTeamRemoval(removeFromTeam(ctx.db, me, people));
      await respond({ response_type: 'ephemeral', text });
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
