import { existsSync } from 'node:fs';
import { closeDb, openDb } from '../../../db/client';
import { copySqliteToPostgres, countRows, type TTableCopy } from '../../../db/copy-to-postgres';
import { openPostgres } from '../../../db/postgres';

export type TCopyResult = { ok: true; tables: TTableCopy[]; rows: number } | { ok: false; error: string };

/**
 * Moves a SQLite database to PostgreSQL: migrates both to the current schema, copies every table in one
 * transaction, then counts every table on both sides; any difference is an error.
 */
export async function copySqliteDatabaseToPostgres(sqlitePath: string, postgresUrl: string, onTable?: (copy: TTableCopy) => void): Promise<TCopyResult> {
  if (!existsSync(sqlitePath)) return { ok: false, error: `No SQLite database at ${sqlitePath}` };
  const source = openDb(sqlitePath);
  let target;
  try {
    target = await openPostgres(postgresUrl, { poolMax: 2 });
  } catch (error) {
    await closeDb(source);
    return { ok: false, error: `Could not open the PostgreSQL database: ${(error as Error).message}` };
  }
  try {
    const tables = await copySqliteToPostgres(source, target, onTable);
    const [from, to] = [await countRows(source), await countRows(target)];
    const differ = [...from].filter(([table, n]) => to.get(table) !== n);
    if (differ.length > 0) return { ok: false, error: `Row counts differ after the copy: ${differ.map(([t, n]) => `${t} ${n} → ${to.get(t)}`).join(', ')}` };
    return { ok: true, tables, rows: tables.reduce((sum, t) => sum + t.rows, 0) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    await closeDb(source);
    await closeDb(target);
  }
}
