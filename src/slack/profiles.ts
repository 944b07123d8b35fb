import type { WebClient } from '@slack/web-api';
import { IANAZone } from 'luxon';
import type { TProfile, TSlackStatus } from '../../db/repositories/people';
import type { TProfileSource } from '../services/people/resolve-person';

/** People's names, zones, admin flags and status from `users.info`. Returns null when Slack can't say. */
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
          status: slackStatusOf(user.profile ?? {}),
        };
        return profile;
      } catch {
        return null;
      }
    },
  };
}

/** A Slack profile's status fields (`users.info`, `user_change`); `status_expiration` is epoch seconds, 0 for none. */
export function slackStatusOf(profile: { status_emoji?: string; status_text?: string; status_expiration?: number }): TSlackStatus {
  const expiration = Number(profile.status_expiration ?? 0);
  return {
    emoji: (profile.status_emoji ?? '').slice(0, 100),
    text: (profile.status_text ?? '').slice(0, 200),
    expiresAt: Number.isFinite(expiration) && expiration > 0 ? new Date(expiration * 1000) : null,
  };
}
