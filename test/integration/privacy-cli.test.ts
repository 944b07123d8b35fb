import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { findPersonBySlackId } from '../../db/repositories/people';
import { exportCommand, forgetCommand } from '../../src/cli/privacy';
import type { TPersonalExport } from '../../src/domain/personal-export';
import { memoryDb } from '../support/db';
import { seedEveryTable, WS } from '../support/every-table';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { s } from '../support/tables';

const NOW = new Date('2026-11-24T18:00:00Z');

/*
 * `npm run cli -- export|forget <user> --workspace T` (SPEC §6) for departed staff: the verbs as the CLI runs them,
 * on a migrated SQLite with rows in every table, output captured; `forget` tells people through the fake Slack.
 */
describe('npm run cli -- export | forget', () => {
  let db: TDb;
  let out: string[];
  let err: string[];
  let dir: string;
  let fake: TFakeSlack;
  const output = { log: (line: string) => void out.push(line), error: (line: string) => void err.push(line) };

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    db = await memoryDb();
    await seedEveryTable(db);
    out = [];
    err = [];
    dir = mkdtempSync(join(tmpdir(), 'canopy-privacy-'));
    fake.reset();
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('export <slack id> prints the JSON: her raw texts, nobody else’s, not her manager’s private notes', async () => {
    expect(await exportCommand(['U0REP1', '--workspace', WS], db, NOW, output)).toBe(0);
    const json = JSON.parse(out.join('\n')) as TPersonalExport;
    expect(json.profile).toMatchObject({ slackUserId: 'U0REP1', name: 'Dana Rep', manager: { slackUserId: 'U0MGR1', name: 'Morgan Manager' } });
    expect(json.logEntries.map((e) => e.rawText)).toEqual(['4 calls, demo with Acme dana-secret']);
    expect(json.agendaItems.map((a) => a.text)).toEqual(['My topic dana-secret']);
    expect(json.actionItems.map((a) => a.text)).toEqual(['Rep follow-up dana-secret', 'Manager follow-up for dana-secret']);
    const text = JSON.stringify(json);
    for (const absent of ['eli-secret', 'sam-secret', 'Private: worried about', "Manager's topic", 'percentile 40']) expect(text).not.toContain(absent);
    expect(err).toEqual([]);
  });

  it('export <email> --out writes the JSON and the activities CSV beside it, and never overwrites', async () => {
    const file = join(dir, 'dana.json');
    expect(await exportCommand(['u0rep1@example.com', '--workspace', WS, '--out', file], db, NOW, output)).toBe(0);
    expect(out.join('\n')).toContain(`Wrote ${file} (Dana Rep: 1 log entries, 3 activities, 1 deals) and ${join(dir, 'dana-activities.csv')}`);
    expect((JSON.parse(readFileSync(file, 'utf8')) as TPersonalExport).profile.email).toBe('u0rep1@example.com');
    expect(readFileSync(join(dir, 'dana-activities.csv'), 'utf8').split('\r\n')[0]).toBe('occurred_at,rep,type,count,deal_id,stage,deal_name,source,raw_text');
    expect(await exportCommand(['U0REP1', '--workspace', WS, '--out', file], db, NOW, output)).toBe(1);
    expect(err.join('\n')).toContain('exists: nothing was overwritten');
  });

  it.each([
    { args: ['U0NOBODY', '--workspace', WS], code: 1, want: 'Nobody with Slack id U0NOBODY in workspace T0CANOPY.' },
    { args: ['nobody@example.com', '--workspace', WS], code: 1, want: 'Nobody with e-mail nobody@example.com' },
    { args: ['Dana', '--workspace', WS], code: 1, want: 'neither a Slack user id' },
    { args: ['U0REP1'], code: 2, want: '--workspace <team_id> is missing' },
    { args: ['U0REP1', '--workspace', 'acme'], code: 2, want: "--workspace 'acme' is not a Slack team id" },
    { args: ['U0REP1', 'U0REP2', '--workspace', WS], code: 2, want: 'unexpected argument(s): U0REP2' },
  ])('export $args → $code', async ({ args, code, want }) => {
    expect(await exportCommand(args, db, NOW, output)).toBe(code);
    expect(err.join('\n')).toContain(want);
    expect(out).toEqual([]);
  });

  it('forget without --yes says what it would delete and whom it tells, and deletes nothing', async () => {
    expect(await forgetCommand(['U0REP1', '--workspace', WS], db, NOW, undefined, output)).toBe(2);
    const text = out.join('\n');
    expect(text).toContain('Forgetting Dana Rep (U0REP1, u0rep1@example.com) in T0CANOPY would delete, in one transaction:');
    expect(text).toContain('  - 1 message they logged, word for word, and the 3 activities recorded');
    expect(text).toContain('with their notes (private notes included)');
    expect(text).toContain('  * Morgan Manager (U0MGR1): their 1:1 is cancelled; their manager; told by DM');
    expect(text).toContain('npm run cli -- forget U0REP1 --workspace T0CANOPY --yes');
    expect(await findPersonBySlackId(db, WS, 'U0REP1')).toBeDefined();
    expect(await db.select().from(s.auditEvents)).toHaveLength(4);
  });

  it('forget --yes deletes, keeps a hashed audit line, and tells the manager by DM', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.url });
    expect(await forgetCommand(['u0rep1@example.com', '--workspace', WS, '--yes'], db, NOW, client, output)).toBe(0);
    expect(out[0]).toContain('Forgot Dana Rep (U0REP1, u0rep1@example.com): their data is deleted');
    expect(out[1]).toBe('Told by DM: Morgan Manager.');
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0MGR1');
    expect(dm.args.text).toBe("An admin deleted *Dana Rep*'s data from Canopy, and your 1:1s with them are cancelled and they are no longer on your team.");
    expect(await findPersonBySlackId(db, WS, 'U0REP1')).toBeUndefined();
    expect((await db.select().from(s.auditEvents)).filter((a) => a.action === 'person.forgotten')).toEqual([expect.objectContaining({ via: 'cli', actorId: null, subject: expect.stringMatching(/^sha256:/) })]);
  });

  it('forget --yes without a bot token names whom to tell', async () => {
    expect(await forgetCommand(['U0MGR1', '--workspace', WS, '--yes'], db, NOW, undefined, output)).toBe(0);
    expect(out.join('\n')).toContain('SLACK_BOT_TOKEN is not set, so nobody was told. Tell them yourself: Dana Rep (U0REP1), Eli Rep (U0REP2).');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('`npm run cli -- --help` lists export and forget', () => {
    const cwd = join(import.meta.dirname, '..', '..');
    const text = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', '--help'], { cwd, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: join(dir, 'unused.db') } });
    expect(text).toContain('export <slack-user-id|email> --workspace <team_id> [--out file.json]');
    expect(text).toContain('forget <slack-user-id|email> --workspace <team_id> [--yes]');
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });
});
