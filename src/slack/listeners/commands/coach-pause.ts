import { canManageTeam } from '../../../services/teams/authorize';
import { pauseMessages } from '../../../services/settings/pause-messages';
import { resumeMessages } from '../../../services/settings/resume-messages';
import { escapeText } from '../../blocks/escape';
import { publishHome } from '../../home';
import type { TCoachVerbArgs } from './coach-verb';

const HELD = 'your weekly digest, check-ins, nudges and 1:1 agenda reminders';
// Briefs are not held by a pause (see services/settings/pause-messages.ts): a manager is told so, and how to stop one.
const BRIEFS_STILL =
  'Briefs for the 1:1s you hold still arrive before each meeting, since those meetings are still on; cancel a 1:1 with `/coach 1on1 cancel @rep` to stop its brief.';
const STILL_WORKS = '`/log`, `/stats` and my Home tab work as usual.';

/** `/coach pause [duration]`: holds everything unsolicited until then, in the person's own zone. */
export async function pauseFromCommand({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'pause'>): Promise<void> {
  const paused = await pauseMessages(ctx.db, me, parsed.days, ctx.now());
  const lines = [
    `:double_vertical_bar: Paused until *${paused.untilLabel}* (your time, ${escapeText(paused.tz)})${paused.replaced ? `, instead of ${paused.replaced.untilLabel}` : ''}.`,
    `Until then I'll hold ${HELD}. ${STILL_WORKS}`,
    ...(canManageTeam(me) ? [BRIEFS_STILL] : []),
    'Back sooner? `/coach resume`.',
  ];
  await respond({ response_type: 'ephemeral', text: lines.join('\n') });
  await publishHome(ctx, client, command.team_id, me.slackUserId);
}

/** `/coach resume`: ends a pause now. */
export async function resumeFromCommand({ ctx, me, command, respond, client }: TCoachVerbArgs<'resume'>): Promise<void> {
  const { wasPaused } = await resumeMessages(ctx.db, me, ctx.now());
  const text = wasPaused
    ? `:arrow_forward: Welcome back — your pause (until ${wasPaused.untilLabel}) is over, and ${HELD} start again as you set them in \`/coach settings\`.`
    : "You weren't paused, so nothing changed. To hold my messages for a while: `/coach pause 1w`.";
  await respond({ response_type: 'ephemeral', text });
  await publishHome(ctx, client, command.team_id, me.slackUserId);
}
