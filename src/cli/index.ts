import { loadDotenv } from '../config/load-dotenv';
import { openDb } from '../../db/client';
import { ZStorageEnv } from '../config/env';
import { demoCommand } from './demo/index';
import { importCommand } from './import';
import { previewCommand } from './preview';
import { runCommand } from './run';

const USAGE = `Usage: npm run cli -- <verb>
  migrate                                         create or upgrade the database (DATABASE_PATH)
  demo [--db <file>]                              build a synthetic team and show what Slack would show
  import <people|deals|activities> <file.csv> --workspace <team_id>
  run recompute [--workspace T…] [--now <ISO-8601>] [--dry-run]      tiers, expectations, focus areas, in-process
  run <plan|deliver-due> [--workspace T…] [--now <ISO-8601>] [--dry-run]  plan briefs and reminders and queue them / send what is due now
  preview brief <slack-user-id> [--now <ISO-8601>] [--workspace T…]  a rep's pre-1:1 brief as their manager gets it
  preview digest <slack-user-id> [--now <ISO-8601>] [--workspace T…] a rep's weekly digest (a manager's team digest)
  preview home <slack-user-id> [--now <ISO-8601>] [--workspace T…]   the person's Home tab`;

/** The admin CLI of SPEC §6: thin verbs over the services. Exit codes: 0 ok, 1 failed, 2 usage. */
async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  loadDotenv();
  const env = ZStorageEnv.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
  if (!env.success) {
    console.error(`Invalid environment: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  switch (verb) {
    case 'migrate': {
      openDb(env.data.DATABASE_PATH).$client.close();
      console.log(`Database ${env.data.DATABASE_PATH} is up to date.`);
      return 0;
    }
    case 'demo':
      return demoCommand(rest);
    case 'import': {
      const db = openDb(env.data.DATABASE_PATH);
      try {
        return await importCommand(rest, db);
      } finally {
        db.$client.close();
      }
    }
    case 'run':
      return runCommand(rest);
    case 'preview':
      return previewCommand(rest);
    default:
      console.error(verb ? `Unknown verb '${verb}'.\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
