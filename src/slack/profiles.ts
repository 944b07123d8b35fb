import type { WebClient } from '@slack/web-api';
import { IANAZone } from 'luxon';
import type { TProfile } from '../../db/repositories/people';
import type { TProfileSource } from '../services/resolve-person';

/** People's names, zones and admin flags from `users.info`. Returns null when Slack can't say. */
export function slackProfileSource(client: WebClient): TProfileSource {
  return {
    async fetchProfile(slackUserId) {
      try {
        const { user } = await client.users.info({ user: slackUserId });
        if (!user) return null;
        const profile: TProfile = {
          // The full name reads best in briefs and team lists; the display name is often a handle.
          name: user.real_name || user.profile?.real_name || user.profile?.display_name || user.name || slackUserId,
          email: user.profile?.email ?? null,
          tz: user.tz && IANAZone.isValidZone(user.tz) ? user.tz : 'UTC',
          isAdmin: Boolean(user.is_admin || user.is_owner),
          isBot: Boolean(user.is_bot),
          isDeleted: Boolean(user.deleted),
        };
        return profile;
      } catch {
        return null;
      }
    },
  };
}
