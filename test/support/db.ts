import { openDb, type TDb } from '../../db/client';
import { postgresPool } from '../../db/postgres';
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

/**
 * The connection string of a PostgreSQL test database (for a child process or another connection to the same
 * data), or undefined for SQLite.
 */
export function databaseUrlOf(db: TDb): string | undefined {
  if (db.$engine !== 'postgres') return undefined;
  return (postgresPool(db) as unknown as { options: { connectionString: string } }).options.connectionString;
}
