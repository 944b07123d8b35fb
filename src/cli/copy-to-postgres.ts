import { copySqliteDatabaseToPostgres } from '../services/storage/copy-sqlite-to-postgres';

export const COPY_USAGE = `Usage: npm run cli -- copy-to-postgres [--from <sqlite file>] [--to <postgres://…>]
  Copies every table of a SQLite database (default: DATABASE_PATH) into an empty PostgreSQL database
  (default: DATABASE_URL), in one transaction, ids kept; then compares the row counts of every table.
  Stop the app and workers first, so nothing is written to SQLite during the copy.`;

/** `copy-to-postgres`: the move from SQLite to PostgreSQL. */
export async function copyToPostgresCommand(args: string[], defaults: { sqlitePath: string; postgresUrl: string | undefined }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(COPY_USAGE);
    return 0;
  }
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if ((flag === '--from' || flag === '--to') && args[i + 1] !== undefined) flags.set(flag, args[++i]!);
    else {
      console.error(`Unknown argument '${flag}'.\n${COPY_USAGE}`);
      return 2;
    }
  }
  const from = flags.get('--from') ?? defaults.sqlitePath;
  const to = flags.get('--to') ?? defaults.postgresUrl;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    console.error(`Say where to copy to: --to postgres://… or DATABASE_URL.\n${COPY_USAGE}`);
    return 2;
  }
  console.log(`Copying ${from} to ${safeUrl(to)} …`);
  const result = await copySqliteDatabaseToPostgres(from, to, ({ table, rows }) => console.log(`  ${table.padEnd(24)} ${rows}`));
  if (!result.ok) {
    console.error(`The copy failed: ${result.error}`);
    return 1;
  }
  console.log(`Copied ${result.rows} rows in ${result.tables.length} tables; every table's row count matches. Set DATABASE_URL to run on PostgreSQL.`);
  return 0;
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
