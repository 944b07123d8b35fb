import { addAgendaItem } from '../../../services/one-on-ones/add-agenda-item';
import { getAgenda } from '../../../services/one-on-ones/get-agenda';
import { renderAgenda } from '../../blocks/one-on-ones';
import { publishHome } from '../../home';
import type { TCoachVerbArgs } from './coach-verb';

/** `/coach agenda [@person] [text]`: adds a topic to the next 1:1 (or, without text, shows its agenda). */
export async function handleAgenda({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'agenda'>): Promise<void> {
  const target = parsed.withUserId ? { withSlackUserId: parsed.withUserId } : {};
  if (parsed.text === '') {
    return void (await respond({ response_type: 'ephemeral', ...renderAgenda(await getAgenda(ctx.db, me, target, ctx.now()), false) }));
  }
  const view = await addAgendaItem(ctx.db, me, { ...target, text: parsed.text }, ctx.now());
  await respond({ response_type: 'ephemeral', ...renderAgenda(view, true) });
  await Promise.all([publishHome(ctx, client, command.team_id, me.slackUserId), publishHome(ctx, client, command.team_id, view.oneOnOne.other.slackUserId)]);
}
