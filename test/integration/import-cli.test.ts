import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { importCommand } from '../../src/cli/import';
import { memoryDb } from '../support/db';
import { countRows } from '../support/deliveries';
import { s } from '../support/tables';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'csv');
const PEOPLE = join(FIXTURES, 'people.csv');

let db: TDb;
let lines: string[];
const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
const workspaces = async () => (await db.select({ id: s.workspaces.id }).from(s.workspaces).orderBy(s.workspaces.id)).map((w) => w.id);
const count = (table: 'stages' | 'people' | 'activities') => countRows(db, table);

function tempCsv(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'canopy-import-')), name);
  writeFileSync(path, text);
  return path;
}

beforeEach(async () => {
  db = await memoryDb();
  lines = [];
});

describe('import CLI verb', () => {
  it('prints the counts, or the numbered problems and that nothing was imported', async () => {
    await ensureWorkspace(db, 'T0CLI');
    expect(await importCommand(['people', PEOPLE, '--workspace', 'T0CLI'], db, io)).toBe(0);
    expect(lines).toEqual(['Imported people.csv: 11 rows — 11 new, 0 updated, 0 unchanged']);
    const bad = tempCsv('bad.csv', 'slack_user_id,name,tz\nU0A,Ann,Mars/Base\n');
    lines.length = 0;
    expect(await importCommand(['people', bad, '--workspace=T0CLI'], db, io)).toBe(1);
    expect(lines).toEqual(['Cannot import bad.csv:', "  line 2: tz 'Mars/Base' is not an IANA time zone (like America/New_York)", 'Nothing was imported.']);
  });

  it('explains its usage on bad arguments', async () => {
    expect(await importCommand(['peeple', 'x.csv'], db, io)).toBe(2);
    expect(lines.join('\n')).toContain("unknown kind 'peeple'");
    expect(lines.join('\n')).toContain('--workspace <team_id> is missing');
    expect(await importCommand(['people', '/nonexistent/people.csv', '--workspace', 'T1'], db, io)).toBe(1);
    expect(lines.at(-1)).toBe('Cannot read /nonexistent/people.csv: no such file');
  });

  it('takes only a Slack team or enterprise id as --workspace, and creates nothing otherwise', async () => {
    for (const id of ['t0cli', 'T0cli', 'acme', 'U0CLI', 'T', 'T0-CLI', '']) {
      lines = [];
      expect(await importCommand(['people', PEOPLE, '--workspace', id], db, io)).toBe(2);
      expect(lines.join('\n')).toBe(
        `--workspace '${id}' is not a Slack team id: T (or E, for an Enterprise Grid) then upper-case letters and digits, like T024BE7LD\n` +
          'Usage: npm run cli -- import <people|deals|activities> <file.csv> --workspace <team_id>\n' +
          '  [--from salesforce|hubspot|pipedrive] [--map field=Column,…] [--date-format MM/DD/YYYY|DD/MM/YYYY|DD.MM.YYYY|…]\n' +
          '  [--decimal-comma] [--skip-invalid]',
      );
    }
    expect(await workspaces()).toEqual([]);
    lines = [];
    expect(await importCommand(['people', PEOPLE, '--workspace=E0GRID'], db, io)).toBe(0);
    expect(await workspaces()).toEqual(['E0GRID']);
  });

  it('creates a workspace that does not exist yet, and says so; an existing one silently', async () => {
    expect(await importCommand(['people', PEOPLE, '--workspace', 'T0NEW'], db, io)).toBe(0);
    expect(lines).toEqual([
      'Created workspace T0NEW: no workspace had this id yet (check that it is your Slack team id)',
      'Imported people.csv: 11 rows — 11 new, 0 updated, 0 unchanged',
    ]);
    expect(await workspaces()).toEqual(['T0NEW']);
    expect(await count('stages')).toBeGreaterThan(0);
    lines = [];
    expect(await importCommand(['people', PEOPLE, '--workspace', 'T0NEW'], db, io)).toBe(0);
    expect(lines).toEqual(['Imported people.csv: 11 rows — 0 new, 0 updated, 11 unchanged']);
  });

  it('leaves no new workspace behind when the import fails', async () => {
    const bad = tempCsv('bad.csv', 'slack_user_id,name,tz\nU0A,Ann,Mars/Base\n');
    expect(await importCommand(['people', bad, '--workspace', 'T0TYPO'], db, io)).toBe(1);
    expect(lines).toEqual(['Cannot import bad.csv:', "  line 2: tz 'Mars/Base' is not an IANA time zone (like America/New_York)", 'Nothing was imported.']);
    expect(await importCommand(['activities', join(FIXTURES, 'activities.csv'), '--workspace', 'T0TYPO'], db, io)).toBe(1);
    expect(await workspaces()).toEqual([]);
    expect([await count('stages'), await count('people'), await count('activities')]).toEqual([0, 0, 0]);
  });
});
