import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { upsertProfile } from '../../db/repositories/people';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { importCsv, type TImportKind, type TImportResult } from '../../src/services/imports/import-csv';
import { memoryDb } from '../support/db';
import { queryRows } from '../support/raw-rows';
import { s } from '../support/tables';

const T = 'T0IMPORT';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'csv');
const fixture = (kind: TImportKind) => readFileSync(join(FIXTURES, `${kind}.csv`));
const NOW = new Date('2024-06-01T12:00:00Z');
const HINT = ': add it as a CRM name of one of them with /coach setup or "npm run cli -- setup set --stages …"';

const PEOPLE = `slack_user_id,name,email,role,manager,tz,quota
U0REP1,Rae Rep,rae@example.com,rep,mo@example.com,America/New_York,5
U0MGR1,Mo Manager,mo@example.com,manager,,America/New_York,
`;

let db: TDb;
const run = (kind: TImportKind, csv: string | Buffer, workspaceId = T) => importCsv(db, { workspaceId, kind, csv, now: NOW });
const rows = (query: string, ...params: unknown[]) => queryRows(db, query, ...params);
const iso = (ms: unknown) => new Date(ms as number).toISOString();

/** The errors of a failed import, as `line: message` strings. */
function errorsOf(result: TImportResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`);
}

/** Every table the import writes, so a test can tell that nothing at all changed. */
async function snapshot() {
  // SQLite's ids handed out, too; PostgreSQL's sequences advance on any attempted insert, so there only the rows.
  const tables = ['people', 'teams', 'deals', 'deal_stage_history', 'activities', ...(db.$engine === 'postgres' ? [] : ['sqlite_sequence'])];
  const all: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables) all[t] = await rows(`select * from ${t} order by 1, 2`);
  return all;
}

async function importFixtures() {
  for (const kind of ['people', 'deals', 'activities'] as const) expect(await run(kind, fixture(kind))).toMatchObject({ ok: true });
}

beforeEach(async () => {
  db = await memoryDb();
  await ensureWorkspace(db, T);
});

describe('importCsv: people', () => {
  it('imports the example file: managers by id or e-mail, named before or after their reps', async () => {
    expect(await run('people', fixture('people'))).toEqual({ ok: true, kind: 'people', rows: 11, inserted: 11, updated: 0, unchanged: 0, notes: [] });
    const people = await rows(
      `select p.slack_user_id as id, p.role, p.tz, p.quota, m.slack_user_id as manager
       from people p left join people m on m.id = p.manager_id order by p.slack_user_id`,
    );
    expect(people.find((p) => p.id === 'U01REP0001')).toEqual({ id: 'U01REP0001', role: 'rep', tz: 'America/New_York', quota: 6, manager: 'U01MGR0001' });
    expect(people.find((p) => p.id === 'U01REP0008')).toMatchObject({ role: 'rep', manager: 'U01MGR0002', quota: 3 });
    expect(people.find((p) => p.id === 'U01MGR0002')).toMatchObject({ role: 'manager', manager: 'U01ADM0001', quota: null });
    expect(people.find((p) => p.id === 'U01ADM0001')).toMatchObject({ role: 'admin', manager: null });
    expect(await rows('select name from people where slack_user_id = ?', 'U01REP0008')).toEqual([{ name: 'Hugo "Hutch" Lindqvist' }]);
    const teams = await rows('select t.name, p.slack_user_id as manager from teams t join people p on p.id = t.manager_id order by t.name');
    expect(teams).toEqual([
      { name: "Jon Reyes's team", manager: 'U01MGR0002' },
      { name: "Maya Chen's team", manager: 'U01MGR0001' },
      { name: "Priya Nair's team", manager: 'U01ADM0001' },
    ]);
  });

  it('promotes a rep who manages someone, and counts an edited row as updated', async () => {
    await run('people', PEOPLE.replace('mo@example.com,manager', 'mo@example.com,rep'));
    expect(await rows("select role from people where slack_user_id = 'U0MGR1'")).toEqual([{ role: 'manager' }]);
    const edited = PEOPLE.replace('Rae Rep,rae@example.com,rep,mo@example.com,America/New_York', 'Rae Rep,rae@example.com,rep,,America/Chicago');
    expect(await run('people', edited)).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
    expect(await rows("select tz, manager_id from people where slack_user_id = 'U0REP1'")).toEqual([{ tz: 'America/Chicago', manager_id: null }]);
  });

  it('finds a manager already in the workspace, and keeps stored values for absent columns', async () => {
    await run('people', PEOPLE);
    const result = await run('people', 'Slack User ID, Name ,TZ,manager\nU0REP2,Ray,Europe/Paris,U0MGR1\nU0REP1,Rae Rep,America/New_York,mo@example.com\n');
    expect(result).toMatchObject({ ok: true, inserted: 1, updated: 0, unchanged: 1 });
    expect(await rows("select email, quota, role from people where slack_user_id = 'U0REP1'")).toEqual([{ email: 'rae@example.com', quota: 5, role: 'rep' }]);
  });

  it('reports each bad row with its line and column (a reference to a bad row is not reported again)', async () => {
    const csv = `slack_user_id,name,email,role,manager,tz,quota
U0A,"Ann
Two-Line Name",ann@example.com,rep,,UTC,
U0B,Bob,bob@example.com,boss,,Mars/Base,-1
not-an-id,Cy,cy,rep,,UTC,x
U0D,Di,di@example.com,rep,U0D,UTC,
U0E,Ed,ed@example.com,rep,nobody@example.com,UTC,
U0A,Ann Again,ann2@example.com,rep,,UTC,
U0F,Fi,ann@example.com,rep,,UTC,
U0G,Gus,gus@example.com,,U0H,UTC,
U0H,Hal,hal@example.com,,U0G,UTC,
U0I,,,rep,,,
U0J,Jo,jo@example.com,rep,U0B,UTC,
`;
    expect(errorsOf(await run('people', csv))).toEqual([
      "4: role 'boss' is not one of rep, manager, admin; tz 'Mars/Base' is not an IANA time zone (like America/New_York); quota -1 is outside 0–1000000000",
      "5: slack_user_id 'not-an-id' is not a Slack user id (like U024BE7LH); email 'cy' is not an e-mail address; quota 'x' is not a whole number",
      "6: manager 'U0D' is this person: nobody manages themself",
      "7: manager 'nobody@example.com' is neither in this file nor in the workspace",
      '8: slack_user_id U0A is also on line 2',
      "9: email 'ann@example.com' is also on line 2",
      '10: manager chain loops: U0G → U0H → U0G (lines 10, 11)',
      '12: name is required',
    ]);
    expect(await rows('select cast(count(*) as integer) as n from people')).toEqual([{ n: 0 }]);
  });
});

describe('importCsv: deals', () => {
  beforeEach(async () => {
    await run('people', fixture('people'));
  });

  it('imports the example file with amounts in cents and stage history', async () => {
    expect(await run('deals', fixture('deals'))).toEqual({ ok: true, kind: 'deals', rows: 11, inserted: 11, updated: 0, unchanged: 0, notes: [] });
    const [acme] = await rows("select * from deals where external_id = 'OPP-1001'");
    expect(acme).toMatchObject({ name: 'Acme Corp', name_key: 'acme corp', amount_cents: 2_400_000, stage: 'won', furthest_stage: 'negotiation', outcome: 'won' });
    // Ana is in New York: a date alone is midnight there, a time without offset is her wall clock.
    expect(iso(acme!.created_at)).toBe('2024-01-08T05:00:00.000Z');
    expect(iso(acme!.closed_at)).toBe('2024-02-20T21:30:00.000Z');
    const history = await rows('select stage, entered_at, log_entry_id from deal_stage_history where deal_id = ? order by entered_at', acme!.id);
    expect(history.map((h) => [h.stage, iso(h.entered_at), h.log_entry_id])).toEqual([
      ['negotiation', '2024-01-08T05:00:00.000Z', null],
      ['won', '2024-02-20T21:30:00.000Z', null],
    ]);
    expect(await rows("select stage, outcome, amount_cents, closed_at from deals where external_id = 'OPP-1003'")).toEqual([
      { stage: 'demo', outcome: 'open', amount_cents: 1_200_000, closed_at: null },
    ]);
    expect(await rows("select amount_cents from deals where external_id = 'OPP-1011'")).toEqual([{ amount_cents: null }]);
  });

  it('records what a later export changed (no day invented for an unknown move) and leaves history logged in Slack alone', async () => {
    await run('deals', fixture('deals'));
    const [deal] = await rows("select id, rep_id from deals where external_id = 'OPP-1003'");
    const [entry] = await db
      .insert(s.logEntries)
      .values({ workspaceId: T, personId: Number(deal!.rep_id), source: 'dm', sourceRef: 'msg:1', rawText: 'moved Initech to proposal', createdAt: new Date(0) })
      .returning({ id: s.logEntries.id });
    await db.insert(s.dealStageHistory).values({ dealId: Number(deal!.id), stage: 'proposal', enteredAt: new Date('2024-02-10T15:00:00Z'), logEntryId: entry!.id });
    const changed = fixture('deals').toString().replace('12000,2024-02-02T10:00:00-05:00,demo,open,', '12000,2024-02-02T10:00:00-05:00,proposal,won,2024-03-20');
    expect(await run('deals', changed)).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 10 });
    expect(await run('deals', changed)).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 11 });
    const history = await rows('select stage, entered_at, log_entry_id, estimated from deal_stage_history where deal_id = ? order by entered_at, id', deal!.id);
    expect(history.map((h) => [h.stage, iso(h.entered_at), h.log_entry_id, h.estimated])).toEqual([
      ['demo', '2024-02-02T15:00:00.000Z', null, 1], // its stage when first imported: the day it got there is not known
      ['proposal', '2024-02-10T15:00:00.000Z', 1, 0],
      ['proposal', '2024-03-20T04:00:00.000Z', null, 1], // reached before it closed, on a day the export does not say
      ['won', '2024-03-20T04:00:00.000Z', null, 0],
    ]);
    expect(await rows('select stage, furthest_stage, outcome from deals where id = ?', deal!.id)).toEqual([{ stage: 'won', furthest_stage: 'proposal', outcome: 'won' }]);
  });

  it('reports each bad row with its line and column', async () => {
    const csv = `deal_id,rep,name,amount,created_at,furthest_stage,outcome,closed_at
D1,U01REP0001,Fine,100,2024-01-01,demo,open,
D2,U09NOBODY,Who,100,2024-01-01,demo,open,
D3,U01REP0001,Odd Stage,100,2024-01-01,haggling,open,
D4,U01REP0001,Result As Stage,100,2024-01-01,Won,lost,2024-02-01
D5,U01REP0001,No Close,100,2024-01-01,demo,lost,
D6,U01REP0001,Open But Closed,100,2024-01-01,demo,open,2024-02-01
D7,U01REP0001,Dots,24.000,2024-01-01,demo,open,
D8,U01REP0001,Backwards,100,2024-03-01,demo,won,2024-02-01
D1,U01REP0001,Again,100,2024-01-01,demo,open,
D9,U01REP0001,Bad Date,100,01/02/2024,demo,maybe,
`;
    expect(errorsOf(await run('deals', csv))).toEqual([
      "3: rep 'U09NOBODY' is not a person of this workspace (import people first)",
      `4: furthest_stage 'haggling' is not a stage of this workspace (prospecting, discovery, demo, proposal, negotiation, won, lost)${HINT}`,
      "5: outcome lost but furthest_stage 'Won' is the won stage",
      '6: closed_at is required for a lost deal',
      '7: closed_at must be empty for an open deal',
      "8: amount '24.000' could be read two ways (a decimal dot or a thousands dot): pass --decimal-comma if commas mark decimals in this file",
      '9: closed_at is before created_at',
      "10: deal_id 'D1' is also on line 2",
      "11: created_at '01/02/2024' could be February 1 or January 2: pass --date-format MM/DD/YYYY (month first, as US exports write dates) or --date-format DD/MM/YYYY; outcome 'maybe' is not one of open, won, lost",
    ]);
    expect(await rows('select cast(count(*) as integer) as n from deals')).toEqual([{ n: 0 }]);
  });

  it('keeps a 5,000-character name, and shortens it in messages', async () => {
    const long = 'x'.repeat(5000);
    expect(await run('deals', `deal_id,rep,name,created_at,furthest_stage,outcome\nD1,U01REP0001,"${long}",2024-01-01,demo,open\n`)).toMatchObject({ ok: true });
    expect(await rows('select length(name) as n from deals')).toEqual([{ n: 5000 }]);
    const [error] = errorsOf(await run('deals', `deal_id,rep,name,created_at,furthest_stage,outcome\nD2,U01REP0001,x,2024-01-01,${long},open\n`));
    expect(error).toBe(`2: furthest_stage '${'x'.repeat(39)}…' is not a stage of this workspace (prospecting, discovery, demo, proposal, negotiation, won, lost)${HINT}`);
  });
});

describe('importCsv: activities', () => {
  beforeEach(async () => {
    await run('people', fixture('people'));
    await run('deals', fixture('deals'));
  });

  it('imports the example file; two identical rows are two activities', async () => {
    expect(await run('activities', fixture('activities'))).toEqual({ ok: true, kind: 'activities', rows: 17, inserted: 17, updated: 0, unchanged: 0, notes: [] });
    const farid = await rows("select type, count, stage, import_ref from activities a join people p on p.id = a.rep_id where p.slack_user_id = 'U01REP0006'");
    expect(farid).toHaveLength(2);
    expect(farid[0]).toMatchObject({ type: 'call', count: 4, stage: 'discovery' });
    expect(farid[0]!.import_ref).not.toBe(farid[1]!.import_ref);
    expect(await rows("select type from activities where type not in ('call','email','meeting','demo','proposal','social','other')")).toEqual([]);
    const [deal] = await rows("select last_activity_at from deals where external_id = 'OPP-1003'");
    expect(iso(deal!.last_activity_at)).toBe('2024-03-04T19:30:00.000Z');
  });

  it('imports a file of many identical rows (one row per call, date only) as that many activities, once', async () => {
    const csv = `occurred_at,rep,type\n${'2024-03-04,U01REP0001,call\n'.repeat(300)}2024-03-05,U01REP0001,call\n`;
    expect(await run('activities', csv)).toMatchObject({ ok: true, inserted: 301 });
    expect(await run('activities', csv)).toMatchObject({ ok: true, inserted: 0, unchanged: 301 });
    expect(await rows('select cast(count(*) as integer) as n from activities')).toEqual([{ n: 301 }]);
  });

  it('reads a timestamp without offset in the rep’s zone, across both DST changes', async () => {
    const csv = `occurred_at,rep,type
2024-01-15T09:00:00,U01REP0001,call
2024-07-01T09:00,U01REP0001,call
2024-03-10T02:30,U01REP0001,call
2024-11-03T01:30:00,U01REP0001,call
2024-03-10,U01REP0001,call
2024-07-01T09:00:00+02:00,U01REP0001,call
2024-07-01 09:00:00Z,U01REP0001,call
`;
    await run('activities', csv);
    // Rows are written in the order of their import refs, not of the file: compare them sorted.
    expect((await rows('select occurred_at from activities order by occurred_at')).map((r) => iso(r.occurred_at))).toEqual([
      '2024-01-15T14:00:00.000Z',
      '2024-03-10T05:00:00.000Z',
      '2024-03-10T07:30:00.000Z', // 02:30 does not exist that night: 03:30 EDT
      '2024-07-01T07:00:00.000Z',
      '2024-07-01T09:00:00.000Z',
      '2024-07-01T13:00:00.000Z',
      '2024-11-03T05:30:00.000Z', // 01:30 happens twice: the first, EDT
    ]);
  });

  it('reports each bad row with its line and column, counting lines inside quoted values', async () => {
    const csv = `occurred_at,rep,type,count,deal_id,stage,notes
2024-03-04T09:00,U01REP0001,call,1,,,"first line
second line
third line"
2024-03-04T09:00,U01REP0001,tweet,1,,,
2024-03-04T09:00,U01REP0001,calls,0,,,
2024-03-04T09:00,U01REP0001,call,501,,,
2024-03-04T09:00,U01REP0001,call,2.5,,,
2024-03-04T09:00,nobody@example.com,call,1,,,
2024-03-04T09:00,U01REP0001,call,1,OPP-404,,
2024-03-04T09:00,U01REP0001,call,1,,closing,
yesterday,U01REP0001,call,1,,,
2024-03-04T09:00,U01REP0001,call,1,,
2024-03-04T09:00,U01REP0001,call,1,,,,extra
`;
    expect(errorsOf(await run('activities', csv))).toEqual([
      "5: type 'tweet' is not one of call, email, meeting, demo, proposal, social, other",
      '6: count 0 is outside 1–500',
      '7: count 501 is outside 1–500',
      "8: count '2.5' is not a whole number",
      "9: rep 'nobody@example.com' is not a person of this workspace (import people first)",
      "10: deal_id 'OPP-404' is not a deal of this workspace (import deals first)",
      `11: stage 'closing' is not a stage of this workspace (prospecting, discovery, demo, proposal, negotiation, won, lost)${HINT}`,
      "12: occurred_at 'yesterday' is not an ISO-8601 date or time (like 2024-03-15 or 2024-03-15T09:30); for another format pass --date-format, e.g. MM/DD/YYYY",
      '13: has 6 values but the header has 7 columns: notes missing',
      '14: has 8 values but the header has 7 columns: is a comma inside a value that is not quoted?',
    ]);
  });

  it('imports nothing from a file with 99 good rows and 1 bad one', async () => {
    const good = Array.from({ length: 99 }, (_, i) => `2024-03-04T09:${String(i % 60).padStart(2, '0')},U01REP0002,call,${1 + (i % 9)},,`);
    const csv = ['occurred_at,rep,type,count,deal_id,stage', ...good.slice(0, 50), '2024-03-04T09:00,U01REP0002,call,1,,nowhere', ...good.slice(50)].join('\n');
    expect(errorsOf(await run('activities', csv))).toEqual([
      `52: stage 'nowhere' is not a stage of this workspace (prospecting, discovery, demo, proposal, negotiation, won, lost)${HINT}`,
    ]);
    expect(await rows('select cast(count(*) as integer) as n from activities')).toEqual([{ n: 0 }]);
    expect(await run('activities', ['occurred_at,rep,type,count,deal_id,stage', ...good].join('\n'))).toMatchObject({ ok: true, inserted: 99 });
  });

  it('handles a file larger than one read chunk and one write batch: lines, duplicates, re-import', async () => {
    const row = (i: number) => `2024-0${1 + (i % 9)}-1${i % 10}T${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')},U01REP000${1 + (i % 8)},call,${1 + (i % 500)},,discovery`;
    const body = Array.from({ length: 25_000 }, (_, i) => row(i));
    body[20_000] = body[10]!; // the same activity twice, far apart: two activities
    const csv = ['occurred_at,rep,type,count,deal_id,stage', ...body].join('\n');
    expect(csv.length).toBeGreaterThan(1 << 20);
    const broken = csv.replace(`\n${body[24_000]}\n`, `\n${body[24_000]!.replace('call', 'cal')}\n`);
    expect(errorsOf(await run('activities', broken))).toEqual(["24002: type 'cal' is not one of call, email, meeting, demo, proposal, social, other"]);
    expect(await run('activities', csv)).toMatchObject({ ok: true, rows: 25_000, inserted: 25_000 });
    expect(await run('activities', csv)).toMatchObject({ ok: true, inserted: 0, unchanged: 25_000 });
    expect(await rows('select cast(count(distinct import_ref) as integer) as n from activities')).toEqual([{ n: 25_000 }]);
  });

  it('inserts nothing when the same file is imported again after the reps’ zones changed (Slack profile refresh)', async () => {
    expect(await run('activities', fixture('activities'))).toMatchObject({ ok: true, inserted: 17 });
    const activities = await rows('select * from activities order by id');
    // As the profile refresh from Slack's users.info does: New York reps (local times in the file) move to Chicago,
    // and Hugo, whom the file names by e-mail, to London.
    const refresh = async (slackUserId: string, tz: string) => {
      const [p] = await rows('select name, email from people where slack_user_id = ?', slackUserId);
      await upsertProfile(db, T, slackUserId, { name: p!.name as string, email: p!.email as string, tz, isAdmin: false, isBot: false, isDeleted: false }, NOW);
    };
    await refresh('U01REP0001', 'America/Chicago');
    await refresh('U01REP0002', 'America/Chicago');
    await refresh('U01REP0008', 'Europe/London');
    expect(await rows("select tz from people where slack_user_id in ('U01REP0001', 'U01REP0002') ")).toEqual([{ tz: 'America/Chicago' }, { tz: 'America/Chicago' }]);
    const before = await snapshot();
    expect(before.activities).toEqual(activities);

    expect(await run('activities', fixture('activities'))).toEqual({ ok: true, kind: 'activities', rows: 17, inserted: 0, updated: 0, unchanged: 17, notes: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('reads a row the same way however the rep and the time are written', async () => {
    const csv = `occurred_at,rep,type,count,deal_id,stage
2024-03-04T09:15:00,U01REP0001,calls,6,,prospecting
2024-03-04T16:00:00Z,U01REP0001,email,1,,
2024-03-04T09:15:00,U01REP0001,calls,6,,prospecting
`;
    expect(await run('activities', csv)).toMatchObject({ ok: true, inserted: 3 });
    // The same rep by e-mail (any case), the same wall time and instant spelt otherwise, the same type and stage in other words.
    const respelt = `Occurred At,Rep,Type,Count,Deal ID,Stage
2024-03-04 09:15,Ana.Ortiz@example.com,Call,6,,Prospecting
2024-03-04T11:00:00-05:00,ana.ortiz@example.com,emails,,,
2024-03-04t09:15:00.000,u01rep0001,call,6,,PROSPECTING
`;
    expect(await run('activities', respelt)).toMatchObject({ ok: true, inserted: 0, unchanged: 3 });
    // A local time is not the instant it resolves to today, even when they agree: the rep's zone may change.
    expect(await run('activities', 'occurred_at,rep,type\n2024-03-04T14:15:00Z,U01REP0001,call\n')).toMatchObject({ ok: true, inserted: 1 });
    expect(await rows('select cast(count(*) as integer) as n from activities')).toEqual([{ n: 4 }]);
  });

  it('reports at most 200 bad rows, then how many more', async () => {
    const bad = Array.from({ length: 250 }, () => '2024-03-04T09:00,U01REP0001,tweet');
    const errors = errorsOf(await run('activities', ['occurred_at,rep,type', ...bad].join('\n')));
    expect(errors).toHaveLength(201);
    expect(errors[199]).toMatch(/^201: type 'tweet'/);
    expect(errors[200]).toBe('0: …and 50 more bad rows');
  });
});

describe('importCsv: any file', () => {
  it('changes nothing when the same files are imported again', async () => {
    await importFixtures();
    const before = await snapshot();
    expect(await run('people', fixture('people'))).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 11 });
    expect(await run('deals', fixture('deals'))).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 11 });
    expect(await run('activities', fixture('activities'))).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 17 });
    expect(await snapshot()).toEqual(before);
  });

  it('takes columns in any order, ignores unknown ones, and reads header names loosely', async () => {
    const csv = 'TZ,Favourite Colour,Name,Slack-User-ID,Role\nEurope/Paris,blue,Zoé,U0ZOE,Admin\n';
    expect(await run('people', csv)).toMatchObject({ ok: true, inserted: 1 });
    expect(await rows('select slack_user_id, name, role, tz from people')).toEqual([{ slack_user_id: 'U0ZOE', name: 'Zoé', role: 'admin', tz: 'Europe/Paris' }]);
  });

  it('accepts a byte-order mark and CRLF line endings, and counts lines the same', async () => {
    const csv = `\uFEFF${PEOPLE.replace('America/New_York,5', 'Mars/Base,5')}`.replace(/\n/g, '\r\n');
    expect(errorsOf(await run('people', csv))).toEqual(["2: tz 'Mars/Base' is not an IANA time zone (like America/New_York)"]);
    expect(await run('people', `\uFEFF${PEOPLE}`.replace(/\n/g, '\r\n'))).toMatchObject({ ok: true, inserted: 2 });
    expect(await rows("select name from people where slack_user_id = 'U0MGR1'")).toEqual([{ name: 'Mo Manager' }]);
  });

  it('requires a header with the columns of the kind', async () => {
    expect(errorsOf(await run('people', ''))).toEqual(['1: the file is empty: its first line must be a header naming the columns']);
    expect(errorsOf(await run('people', '\n\n'))).toEqual(['1: the file is empty: its first line must be a header naming the columns']);
    expect(await run('people', 'slack_user_id,name,tz\n')).toEqual({ ok: true, kind: 'people', rows: 0, inserted: 0, updated: 0, unchanged: 0, notes: [] });
    expect(errorsOf(await run('deals', '\ndeal_id,rep,rep,name\n'))).toEqual([
      "2: column rep appears twice; missing column furthest_stage (a deals file has the columns deal_id, rep, furthest_stage, and may have name, amount, currency, created_at, outcome, closed_at; name another file's columns with --map or --from)",
    ]);
  });

  it('reports an unclosed quote at the line where the quoted value starts, without throwing', async () => {
    const csv = 'slack_user_id,name,tz\nU0A,"Ann\nLee",UTC\nU0B,Bob,UTC\nU0C,"Cy,UTC\nU0D,Di,UTC\n';
    expect(errorsOf(await run('people', csv))).toEqual(['5: a quoted value starts here but its closing quote (") is missing']);
  });

  it('refuses a workspace that does not exist', async () => {
    expect(errorsOf(await run('people', PEOPLE, 'T0NOWHERE'))).toEqual(['0: workspace T0NOWHERE does not exist']);
  });
});
