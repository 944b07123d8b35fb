import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { applyProfileChange } from '../../../services/people/apply-profile-change';
import type { TSlackContext } from '../../context';
import { slackStatusOf } from '../../profiles';

// Only what we store; Slack sends the whole profile. A status field it leaves out reads as "no status".
const ZUserChange = z.object({
  id: z.string().regex(/^[UW][A-Z0-9]+$/),
  // A zone Slack sends that luxon doesn't know (or none) leaves the stored one as it is.
  tz: z.string().refine((zone) => IANAZone.isValidZone(zone)).optional().catch(undefined),
  deleted: z.boolean().optional().catch(undefined),
  profile: z
    .object({
      status_emoji: z.string().catch(''),
      status_text: z.string().catch(''),
      status_expiration: z.number().catch(0),
    })
    .catch({ status_emoji: '', status_text: '', status_expiration: 0 }),
});

/**
 * `user_change`: someone's profile changed (Slack sends it for everyone in the workspace). Their status, time
 * zone and whether the account was deactivated are stored when Canopy knows them, so "away" holds messages from the moment it is set, not from the next
 * daily profile refresh. Nobody is created from this event.
 */
export function userChangeEvent(ctx: TSlackContext) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs) => {
    const user = ZUserChange.safeParse(event.user);
    if (!user.success) return void ctx.logger.warn({ issues: user.error.issues }, 'user_change without a usable user');
    const workspaceId = context.teamId ?? body.team_id;
    const { id, tz, deleted } = user.data;
    await applyProfileChange(ctx.db, workspaceId, { slackUserId: id, status: slackStatusOf(user.data.profile), ...(tz ? { tz } : {}), ...(deleted !== undefined ? { isDeleted: deleted } : {}) });
  };
}
