import { openDatabase, type TDb } from '../../../db/client';

/**
 * For a child process: opens the database its parent named in the environment (`DATABASE_URL`, else the SQLite file
 * at `DATABASE_PATH`; see shared-db.ts). Kept apart from shared-db.ts, which needs vitest's context.
 */
export function openFromEnv(): Promise<TDb> {
  const path = process.env.DATABASE_PATH;
  if (!path && !process.env.DATABASE_URL) throw new Error('DATABASE_PATH or DATABASE_URL is required');
  return openDatabase({ DATABASE_PATH: path ?? '', DATABASE_URL: process.env.DATABASE_URL || undefined });
}
