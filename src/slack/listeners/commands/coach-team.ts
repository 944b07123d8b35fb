import { getTeamView } from '../../../services/teams/get-team-view';
import { addToTeam } from '../../../services/teams/add-to-team';
import { removeFromTeam } from '../../../services/teams/remove-from-team';
import { renderTeam } from '../../blocks/team';
import { renderTeamAddReply, renderTeamRemovalReply } from '../../blocks/team-consent';
import { personFor } from '../../context';
import { notifyAddedByAdmin, personRef, sendTeamRequests } from '../../team-notices';
import type { TCoachVerbArgs } from './coach-verb';

/** `/coach team`: the manager's reps by tier, with this week's totals and trend. */
export async function showTeam({ ctx, me, respond }: TCoachVerbArgs<'team'>): Promise<void> {
  await respond({ response_type: 'ephemeral', ...renderTeam(await getTeamView(ctx.db, me, ctx.now())) });
}

/** `/coach team add|remove @rep…`: anyone asks (each rep answers in a DM); an admin's add is immediate. */
export async function changeTeam({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'team add' | 'team remove'>): Promise<void> {
  const people = await Promise.all(parsed.userIds.map((id) => personFor(ctx, client, command.team_id, id)));
  if (parsed.verb === 'team remove') {
    const removal = await removeFromTeam(ctx.db, me, people, ctx.now());
    const refs = { removed: removal.removed.map(personRef), notOnTeam: removal.notOnTeam.map(personRef), withdrawn: removal.withdrawn.map(personRef) };
    return void (await respond({ response_type: 'ephemeral', ...renderTeamRemovalReply(refs) }));
  }
  const add = await addToTeam(ctx.db, me, people, ctx.now());
  const notReached = await sendTeamRequests(ctx, client, me, add);
  await notifyAddedByAdmin(ctx, client, me, add);
  const reached = add.asked.filter((a) => !notReached.includes(a.rep));
  await respond({
    response_type: 'ephemeral',
    ...renderTeamAddReply({
      added: add.added.map(({ rep, from }) => ({ rep: personRef(rep), from: from && personRef(from) })),
      asked: reached.map((a) => personRef(a.rep)),
      notReached: notReached.map(personRef),
      already: add.already.map(personRef),
      pending: add.pending.map(personRef),
      refused: add.refused.map(({ person, why }) => ({ person: personRef(person), why })),
    }),
  });
}
