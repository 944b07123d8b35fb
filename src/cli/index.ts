import { rmSync } from 'node:fs';
import { loadDotenv } from '../config/load-dotenv';
import { closeDb, DatabaseUnavailableError, describeDatabase, openDatabase, type TDatabaseConfig, type TDb } from '../../db/client';
import { cleanEnv, ZSlackSenderEnv, ZStorageEnv } from '../config/env';
import { createNoticeClient } from '../slack/privacy-notices';
import { workspaceTokensFromEnv } from '../slack/workspace-senders';
import { copyToPostgresCommand } from './copy-to-postgres';
import { demoCommand, parseDemoArgs } from './demo/index';
import { importCommand } from './import';
import { previewCommand } from './preview';
import { exportCommand, forgetCommand } from './privacy';
import { reencryptCommand } from './reencrypt';
import { runCommand } from './run';
import { setupCommand } from './setup';

const USAGE = `Usage: npm run cli -- <verb>
  migrate                                         create or upgrade the database (DATABASE_URL, else DATABASE_PATH)
  copy-to-postgres [--from <file>] [--to <url>]   move a SQLite database (DATABASE_PATH) into an empty PostgreSQL one (DATABASE_URL)
  demo [--db <file>]                              build a synthetic team and show what Slack would show
  import <people|deals|activities> <file.csv> --workspace <team_id> [--from salesforce|hubspot|pipedrive] [--map field=Column,…]
         [--date-format MM/DD/YYYY|DD/MM/YYYY|DD.MM.YYYY|…] [--decimal-comma] [--skip-invalid]   Slack token (SLACK_BOT_TOKEN or the OAuth install): people by e-mail
  setup show --workspace <team_id>                the workspace's setup (stages, thresholds, tiers, zone…)
  setup set --workspace <team_id> [--flag value …]  change it (setup --help lists every flag)
  run recompute [--workspace T…] [--now <ISO-8601>] [--dry-run]      tiers, expectations, focus areas, in-process
  run <plan|deliver-due> [--workspace T…] [--now <ISO-8601>] [--dry-run]  plan briefs and reminders and queue them / send what is due now
  run purge [--now <ISO-8601>]                    delete workspaces uninstalled over 30 days ago (the daily purge job)
  reencrypt                                       after a key rotation: every installation's tokens under CANOPY_ENCRYPTION_KEY
  preview brief <slack-user-id> [--now <ISO-8601>] [--workspace T…]  a rep's pre-1:1 brief as their manager gets it
  preview digest <slack-user-id> [--now <ISO-8601>] [--workspace T…] a rep's weekly digest (a manager's team digest)
  preview home <slack-user-id> [--now <ISO-8601>] [--workspace T…]   the person's Home tab
  preview stats <slack-user-id> [period] [deals] [--now <ISO-8601>] [--workspace T…]  the person's own /stats (this week by default)
  export <slack-user-id|email> --workspace <team_id> [--out file.json]   a person's own data (JSON on stdout, or the file and an activities CSV beside it)
  forget <slack-user-id|email> --workspace <team_id> [--yes]             delete a person's data for good (without --yes: what it would delete)`;

/**
 * The admin CLI of SPEC §6: thin verbs over the services. The composition root: the only place that opens
 * the database, which each verb is given. Exit codes: 0 ok, 1 failed, 2 usage.
 */
async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  loadDotenv();
  const env = ZStorageEnv.safeParse(cleanEnv());
  if (!env.success) {
    console.error(`Invalid environment: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    console.log(USAGE);
    return 0;
  }
  switch (verb) {
    case 'migrate': {
      await closeDb(await openDatabase(env.data));
      console.log(`Database ${describeDatabase(env.data)} is up to date.`);
      return 0;
    }
    case 'copy-to-postgres':
      return copyToPostgresCommand(rest, { sqlitePath: env.data.DATABASE_PATH, postgresUrl: env.data.DATABASE_URL });
    case 'demo': {
      const demo = parseDemoArgs(rest);
      if (typeof demo === 'string') {
        console.error(demo);
        return 2;
      }
      // Every demo starts from an empty database of its own (not DATABASE_PATH).
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${demo.dbPath}${suffix}`, { force: true });
      return withDb({ DATABASE_PATH: demo.dbPath }, (db) => demoCommand(db, demo));
    }
    case 'import':
      return withDb(env.data, (db) => importCommand(rest, db));
    case 'setup':
      return withDb(env.data, (db) => setupCommand(rest, db));
    case 'run':
      return withDb(env.data, (db) => runCommand(rest, db, describeDatabase(env.data)));
    case 'preview':
      return withDb(env.data, (db) => previewCommand(rest, db, describeDatabase(env.data)));
    case 'reencrypt':
      return withDb(env.data, (db) => reencryptCommand(rest, db, cleanEnv(), new Date()));
    case 'export':
      return withDb(env.data, (db) => exportCommand(rest, db, new Date()));
    case 'forget': {
      // With the workspace's bot token, the people the forgotten person leaves behind are told by DM; without, the CLI says whom to tell.
      const slack = ZSlackSenderEnv.safeParse(cleanEnv());
      return withDb(env.data, (db) => {
        const clientFor = async (workspaceId: string) => {
          if (!slack.success) return undefined;
          const token = await workspaceTokensFromEnv(db, slack.data).tokenFor(workspaceId);
          return token ? createNoticeClient(token, slack.data.SLACK_API_URL) : undefined;
        };
        return forgetCommand(rest, db, new Date(), clientFor);
      });
    }
    default:
      console.error(verb ? `Unknown verb '${verb}'.\n${USAGE}` : USAGE);
      return 2;
  }
}

/** Opens (and migrates) the configured database for one verb, and closes it when the verb is done. */
async function withDb(config: TDatabaseConfig, verb: (db: TDb) => number | Promise<number>): Promise<number> {
  const db = await openDatabase(config, { poolMax: 2 });
  try {
    return await verb(db);
  } finally {
    await closeDb(db);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DatabaseUnavailableError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
