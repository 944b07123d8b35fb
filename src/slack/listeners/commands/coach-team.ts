import { getTeamView } from '../../../services/teams/get-team-view';
import { addToTeam } from '../../../services/teams/add-to-team';
import { removeFromTeam } from '../../../services/teams/remove-from-team';
import { renderTeam } from '../../blocks/team';
import { personFor } from '../../context';
import type { TCoachVerbArgs } from './coach-verb';
import { describeJoinedTeam, describeTeamChange, describeTeamRemoval } from './team-messages';

/** `/coach team`: the manager's reps by tier, with this week's totals and trend. */
export async function showTeam({ ctx, me, respond }: TCoachVerbArgs<'team'>): Promise<void> {
  await respond({ response_type: 'ephemeral', ...renderTeam(getTeamView(ctx.db, me, ctx.now())) });
}

/** `/coach team add|remove @rep…`. */
export async function changeTeam({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'team add' | 'team remove'>): Promise<void> {
  const people = await Promise.all(parsed.userIds.map((id) => personFor(ctx, client, command.team_id, id)));
  if (parsed.verb === 'team remove') {
    return void (await respond({ response_type: 'ephemeral', text: describeTeamRemoval(removeFromTeam(ctx.db, me, people)) }));
  }
  const change = addToTeam(ctx.db, me, people);
  await respond({ response_type: 'ephemeral', text: describeTeamChange(change) });
  // Nobody's numbers start reaching someone new without them knowing.
  for (const rep of [...change.added, ...change.moved]) {
    await client.chat
      .postMessage({ channel: rep.slackUserId, text: describeJoinedTeam(me) })
      .catch((error: unknown) => ctx.logger.warn({ err: error, rep: rep.slackUserId }, 'could not tell a rep they joined a team'));
  }
}
