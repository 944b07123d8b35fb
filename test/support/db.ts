import { openDb, type TDb } from '../../db/client';
import { upsertProfile, type TPersonRow } from '../../db/repositories/people';
import { ensureWorkspace } from '../../db/repositories/workspaces';

/** A migrated in-memory database: the real schema and migrations, no mocks. */
export function memoryDb(): TDb {
  return openDb(':memory:');
}

export function addPerson(
  db: TDb,
  workspaceId: string,
  slackUserId: string,
  overrides: Partial<{ name: string; tz: string; isAdmin: boolean }> = {},
): TPersonRow {
  ensureWorkspace(db, workspaceId);
  return upsertProfile(
    db,
    workspaceId,
    slackUserId,
    { name: overrides.name ?? slackUserId, email: `${slackUserId.toLowerCase()}@example.com`, tz: overrides.tz ?? 'UTC', isAdmin: overrides.isAdmin ?? false, isBot: false, isDeleted: false },
    new Date(),
  );
}
