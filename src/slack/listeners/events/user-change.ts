import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { recordSlackStatus } from '../../../services/resolve-person';
import type { TSlackContext } from '../../context';
import { slackStatusOf } from '../../profiles';

// Only what we store; Slack sends the whole profile. A status field it leaves out reads as "no status".
const ZUserChange = z.object({
  id: z.string().regex(/^[UW][A-Z0-9]+$/),
  profile: z
    .object({
      status_emoji: z.string().catch(''),
      status_text: z.string().catch(''),
      status_expiration: z.number().catch(0),
    })
    .catch({ status_emoji: '', status_text: '', status_expiration: 0 }),
});

/**
 * `user_change`: someone's profile changed (Slack sends it for everyone in the workspace). Their status is
 * stored when Canopy knows them, so "away" holds messages from the moment it is set, not from the next
 * daily profile refresh. Nobody is created from this event.
 */
export function userChangeEvent(ctx: TSlackContext) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs) => {
    const user = ZUserChange.safeParse(event.user);
    if (!user.success) return void ctx.logger.warn({ issues: user.error.issues }, 'user_change without a usable user');
    const workspaceId = context.teamId ?? body.team_id;
    recordSlackStatus(ctx.db, workspaceId, user.data.id, slackStatusOf(user.data.profile));
  };
}
