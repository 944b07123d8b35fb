import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TDb } from '../../db/client';
import { rawRows } from '../../db/query';
import { importCommand } from '../../src/cli/import';
import { memoryDb } from '../support/db';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';

const T = 'T0LOOKUP';
let slack: TFakeSlack;
let db: TDb;
let lines: string[];
const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
const env = () => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.url });
const rows = (query: string) => rawRows<Record<string, unknown>>(db, sql.raw(query));

function tempCsv(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'canopy-people-')), name);
  writeFileSync(path, text);
  return path;
}

// Row 3 repeats Mo's address as his rep's manager and row 4 names a stranger: Slack is asked once per address.
const PEOPLE = `name,email,role,manager,tz
Mo Manager,mo@example.com,manager,,
Rae Rep,RAE@example.com,rep,mo@example.com,America/Chicago
Ray Rep,ray@example.com,rep,Mo Manager,
Stan Ger,stranger@example.com,rep,mo@example.com,UTC
`;

beforeAll(async () => {
  slack = await startFakeSlack({
    users: [
      { id: 'U0MO', name: 'mo', real_name: 'Mo Manager', tz: 'America/New_York', profile: { email: 'mo@example.com' } },
      { id: 'U0RAE', name: 'rae', real_name: 'Rae Rep', tz: 'America/Denver', profile: { email: 'rae@example.com' } },
      { id: 'U0RAY', name: 'ray', real_name: 'Ray Rep', tz: 'Europe/Dublin', profile: { email: 'ray@example.com' } },
    ],
  });
});
afterAll(() => slack.close());
beforeEach(async () => {
  db = await memoryDb();
  lines = [];
  slack.reset();
});

describe('import people by e-mail (users.lookupByEmail)', () => {
  it('finds each address once in Slack; a stranger is a line error naming the address; nothing is imported', async () => {
    const file = tempCsv('people.csv', PEOPLE);
    expect(await importCommand(['people', file, '--workspace', T], db, io, env())).toBe(1);
    expect(lines).toEqual([
      'Cannot import people.csv:',
      "  line 5: email 'stranger@example.com' is not the address of anyone in this Slack workspace (users.lookupByEmail: users_not_found)",
      'Nothing was imported.',
    ]);
    const asked = slack.callsTo('users.lookupByEmail').map((c) => c.args.email).sort();
    expect(asked).toEqual(['mo@example.com', 'rae@example.com', 'ray@example.com', 'stranger@example.com']);
    expect(slack.callsTo('users.lookupByEmail').every((c) => c.token === 'xoxb-test-token')).toBe(true);
    expect(await rows('select cast(count(*) as integer) as n from people')).toEqual([{ n: 0 }]);
  });

  it('imports them with Slack ids and zones from Slack (the file’s zone wins), managers by e-mail or name', async () => {
    const file = tempCsv('people.csv', PEOPLE.split('\n').slice(0, 4).join('\n'));
    expect(await importCommand(['people', file, '--workspace', T], db, io, env())).toBe(0);
    expect(lines.at(-1)).toBe('Imported people.csv: 3 rows — 3 new, 0 updated, 0 unchanged');
    expect(await rows(`select p.slack_user_id as id, p.email, p.tz, m.slack_user_id as manager from people p left join people m on m.id = p.manager_id order by p.slack_user_id`)).toEqual([
      { id: 'U0MO', email: 'mo@example.com', tz: 'America/New_York', manager: null },
      { id: 'U0RAE', email: 'RAE@example.com', tz: 'America/Chicago', manager: 'U0MO' },
      { id: 'U0RAY', email: 'ray@example.com', tz: 'Europe/Dublin', manager: 'U0MO' },
    ]);
    // Known now: the next import asks Slack nothing.
    slack.reset();
    lines = [];
    expect(await importCommand(['people', file, '--workspace', T], db, io, env())).toBe(0);
    expect(slack.callsTo('users.lookupByEmail')).toEqual([]);
    expect(lines.at(-1)).toBe('Imported people.csv: 3 rows — 0 new, 0 updated, 3 unchanged');
  });

  it('without SLACK_BOT_TOKEN, an e-mail-only row says what to set', async () => {
    const file = tempCsv('people.csv', 'name,email,tz\nMo Manager,mo@example.com,UTC\n');
    expect(await importCommand(['people', file, '--workspace', T], db, io, {})).toBe(1);
    expect(lines[1]).toBe(
      "  line 2: slack_user_id is empty and Slack was not asked for 'mo@example.com': no Slack token for this workspace (install Canopy in it with OAuth, or set SLACK_BOT_TOKEN in single-workspace mode) to look people up by e-mail, or fill in slack_user_id",
    );
    expect(slack.calls).toEqual([]);
  });

  it('--skip-invalid imports the good rows and writes the bad ones with their reason beside the file', async () => {
    const file = tempCsv('team.csv', PEOPLE);
    expect(await importCommand(['people', file, '--workspace', T, '--skip-invalid'], db, io, env())).toBe(0);
    const rejected = file.replace(/\.csv$/, '.rejected.csv');
    expect(lines).toEqual([
      'Created workspace T0LOOKUP: no workspace had this id yet (check that it is your Slack team id)',
      'Imported team.csv: 3 rows — 3 new, 0 updated, 0 unchanged',
      `Skipped 1 bad row: written with the reason for each to ${rejected}`,
    ]);
    expect(readFileSync(rejected, 'utf8')).toBe(
      'name,email,role,manager,tz,reason\n' +
        "Stan Ger,stranger@example.com,rep,mo@example.com,UTC,email 'stranger@example.com' is not the address of anyone in this Slack workspace (users.lookupByEmail: users_not_found)\n",
    );
    expect(await rows('select cast(count(*) as integer) as n from people')).toEqual([{ n: 3 }]);
  });

  it('--skip-invalid also drops a row whose manager was rejected, and without bad rows writes no file', async () => {
    const csv = `slack_user_id,name,manager,tz\nU0A,Ann,,Mars/Base\nU0B,Bob,U0A,UTC\nU0C,Cy,,UTC\n`;
    const file = tempCsv('chain.csv', csv);
    expect(await importCommand(['people', file, '--workspace', T, '--skip-invalid'], db, io, {})).toBe(0);
    expect(lines.slice(1)).toEqual([
      'Imported chain.csv: 1 rows — 1 new, 0 updated, 0 unchanged',
      `Skipped 2 bad rows: written with the reason for each to ${file.replace(/\.csv$/, '.rejected.csv')}`,
    ]);
    expect(readFileSync(file.replace(/\.csv$/, '.rejected.csv'), 'utf8').split('\n').slice(1, 3)).toEqual([
      "U0A,Ann,,Mars/Base,tz 'Mars/Base' is not an IANA time zone (like America/New_York)",
      "U0B,Bob,U0A,UTC,manager 'U0A' is neither in this file nor in the workspace",
    ]);
    const clean = tempCsv('clean.csv', 'slack_user_id,name,tz\nU0D,Di,UTC\n');
    lines = [];
    expect(await importCommand(['people', clean, '--workspace', T, '--skip-invalid'], db, io, {})).toBe(0);
    expect(lines).toEqual(['Imported clean.csv: 1 rows — 1 new, 0 updated, 0 unchanged']);
    expect(existsSync(clean.replace(/\.csv$/, '.rejected.csv'))).toBe(false);
  });
});
