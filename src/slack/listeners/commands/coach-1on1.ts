import { parseOneOnOneSpec } from '../../../domain/schedule';
import { canManageTeam } from '../../../services/teams/authorize';
import { cancelOneOnOneWith } from '../../../services/one-on-ones/cancel-one-on-one';
import { listMyOneOnOnes } from '../../../services/one-on-ones/list-one-on-ones';
import { scheduleOneOnOne } from '../../../services/one-on-ones/schedule-one-on-one';
import { escapeText } from '../../blocks/escape';
import { renderOneOnOneList, renderScheduled } from '../../blocks/one-on-ones';
import { personFor } from '../../context';
import { publishHome } from '../../home';
import { notifyRepOfCancel, notifyRepOfSchedule } from '../../one-on-one-notices';
import type { TCoachVerbArgs } from './coach-verb';

/** `/coach 1on1 @rep weekly tue 10:00`: schedules (or reschedules) the manager's recurring 1:1 with a rep. */
export async function scheduleFromCommand({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'1on1'>): Promise<void> {
  const spec = parseOneOnOneSpec(parsed.words);
  if (!spec.ok) return void (await respond({ response_type: 'ephemeral', text: spec.message }));
  const rep = await personFor(ctx, client, command.team_id, parsed.userId);
  const result = await scheduleOneOnOne(ctx.db, me, rep, spec.spec, ctx.now());
  await respond({ response_type: 'ephemeral', ...renderScheduled(result.summary, result.changed) });
  await notifyRepOfSchedule(ctx, client, result);
  await Promise.all([publishHome(ctx, client, command.team_id, me.slackUserId), publishHome(ctx, client, command.team_id, rep.slackUserId)]);
}

/** `/coach 1on1 cancel @rep`. */
export async function cancelFromCommand({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'1on1 cancel'>): Promise<void> {
  const rep = await personFor(ctx, client, command.team_id, parsed.userId);
  const cancelled = await cancelOneOnOneWith(ctx.db, me, rep, ctx.now());
  const name = escapeText(rep.name || 'them');
  if (!cancelled) return void (await respond({ response_type: 'ephemeral', text: `You have no 1:1 scheduled with ${name}.` }));
  await respond({ response_type: 'ephemeral', text: `Cancelled your 1:1 with ${name} (${escapeText(cancelled.scheduleText)}). No more briefs for it.` });
  await notifyRepOfCancel(ctx, client, { repSlackUserId: rep.slackUserId, managerName: me.name, scheduleText: cancelled.scheduleText });
  await Promise.all([publishHome(ctx, client, command.team_id, me.slackUserId), publishHome(ctx, client, command.team_id, rep.slackUserId)]);
}

/** `/coach 1on1`: the person's 1:1s, next meeting first, in their own zone. */
export async function listFromCommand({ ctx, me, respond }: TCoachVerbArgs<'1on1 list'>): Promise<void> {
  await respond({ response_type: 'ephemeral', ...renderOneOnOneList(await listMyOneOnOnes(ctx.db, me, ctx.now()), canManageTeam(me)) });
}
