import { openDb, type TDb } from '../../db/client';
import { freshPostgresDb, testPostgresUrl } from './postgres';
import { upsertProfile, type TPersonRow } from '../../db/repositories/people';
import { ensureWorkspace } from '../../db/repositories/workspaces';

/**
 * A migrated database of its own: in-memory SQLite, or, when the suite runs with DATABASE_URL, a fresh PostgreSQL
 * database copied from the run's template. The real schema and migrations, no mocks.
 */
export async function memoryDb(): Promise<TDb> {
  return testPostgresUrl() ? freshPostgresDb() : openDb(':memory:');
}

export async function addPerson(
  db: TDb,
  workspaceId: string,
  slackUserId: string,
  overrides: Partial<{ name: string; tz: string; isAdmin: boolean }> = {},
): Promise<TPersonRow> {
  await ensureWorkspace(db, workspaceId);
  return upsertProfile(
    db,
    workspaceId,
    slackUserId,
    { name: overrides.name ?? slackUserId, email: `${slackUserId.toLowerCase()}@example.com`, tz: overrides.tz ?? 'UTC', isAdmin: overrides.isAdmin ?? false, isBot: false, isDeleted: false },
    new Date(),
  );
}
