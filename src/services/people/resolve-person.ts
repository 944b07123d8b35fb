import type { TDb } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow, type TProfile, upsertProfile } from '../../../db/repositories/people';
import { ensureWorkspace } from '../../../db/repositories/workspaces';

/** Where people's names, zones, admin flags and Slack status come from (Slack's `users.info` in production). */
export type TProfileSource = { fetchProfile(slackUserId: string): Promise<TProfile | null> };

/** Profiles are refreshed at most this often; a changed time zone shows up within a day. */
export const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The person behind a Slack user id, created from their Slack profile on first sight. A stale
 * profile is refreshed in the background so a command never waits on Slack for it.
 */
export async function resolvePerson(
  db: TDb,
  profiles: TProfileSource,
  workspaceId: string,
  slackUserId: string,
  now: Date,
  onBackgroundError: (error: unknown) => void = () => {},
): Promise<TPersonRow> {
  const known = await findPersonBySlackId(db, workspaceId, slackUserId);
  // A person's row implies their workspace's (a foreign key); only a first sight needs to check it, or create it.
  if (!known) await ensureWorkspace(db, workspaceId);
  const fresh = known?.profileRefreshedAt && now.getTime() - known.profileRefreshedAt.getTime() < PROFILE_TTL_MS;
  if (known && fresh) return known;
  if (known) {
    refreshProfile(db, profiles, workspaceId, slackUserId, now).catch(onBackgroundError);
    return known;
  }
  return (await refreshProfile(db, profiles, workspaceId, slackUserId, now)) ?? createWithoutProfile(db, workspaceId, slackUserId);
}

async function refreshProfile(db: TDb, profiles: TProfileSource, workspaceId: string, slackUserId: string, now: Date) {
  const profile = await profiles.fetchProfile(slackUserId);
  if (!profile) return undefined;
  return upsertProfile(db, workspaceId, slackUserId, profile, now);
}

/** Slack did not answer: keep going with what we know; the profile is fetched again next time (no refresh stamp). */
async function createWithoutProfile(db: TDb, workspaceId: string, slackUserId: string): Promise<TPersonRow> {
  const row = await upsertProfile(
    db,
    workspaceId,
    slackUserId,
    { name: slackUserId, email: null, tz: 'UTC', isAdmin: false, isBot: false, isDeleted: false },
    new Date(0),
  );
  return row;
}
