import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TDb } from '../../db/client';
import { byEngine, rawRows } from '../../db/query';
import type { TPersonRow } from '../../db/repositories/people';
import { describePersonalData } from '../../src/services/privacy/describe-personal-data';
import { forgetPerson } from '../../src/services/privacy/forget-person';
import { forgottenSubject } from '../../src/services/privacy/forgotten-subject';
import { memoryDb } from '../support/db';
import { plainCell } from '../support/raw-rows';
import { AT, seedEveryTable, type TEveryTable, WS } from '../support/every-table';

/*
 * SPEC §2 Privacy, "ask to be forgotten": the test walks every table of the schema as the database lists it (so a table
 * added later is covered without touching this file) and shows that no row of the person is left — neither theirs
 * nor about them — while every other row is exactly as it was, except references to the person, which are null.
 */

type TRow = Record<string, unknown>;
type TFk = { table: string; from: string; to: string | null; on_delete: string };
type TSnapshot = Map<string, Map<string, TRow>>;

const tablesOf = async (db: TDb): Promise<string[]> =>
  (
    await rawRows<{ name: string }>(
      db,
      byEngine(db, {
        sqlite: sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
        postgres: sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like '__drizzle%' order by table_name`,
      }),
    )
  ).map((t) => t.name);
/** A cell as the same plain value on both engines: instants in epoch ms, booleans 0/1, JSON as its text. */
const plain = (v: unknown): unknown => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : plainCell(v));
/** The primary-key columns of a PostgreSQL table (SQLite rows are keyed by rowid). */
const primaryKeyOf = async (db: TDb, table: string): Promise<string[]> =>
  (
    await rawRows<{ name: string }>(
      db,
      sql`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = ${table}::regclass and i.indisprimary order by a.attnum`,
    )
  ).map((c) => c.name);
/** A table's rows keyed by a stable identity (SQLite's rowid, PostgreSQL's primary key), cells as plain values. */
const rowsOf = async (db: TDb, table: string): Promise<Map<string, TRow>> => {
  if (db.$engine !== 'postgres') {
    const found = await rawRows<TRow>(db, sql.raw(`select rowid as _rowid, * from "${table}"`));
    return new Map(found.map((r) => [String(r._rowid), r]));
  }
  const pk = await primaryKeyOf(db, table);
  if (pk.length === 0) throw new Error(`${table} has no primary key`);
  const found = await rawRows<TRow>(db, sql.raw(`select * from "${table}"`));
  return new Map(found.map((r) => [pk.map((c) => String(r[c])).join('|'), Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)]))]));
};
const foreignKeys = async (db: TDb, table: string): Promise<TFk[]> =>
  db.$engine === 'postgres'
    ? rawRows<TFk>(
        db,
        sql`select rf.relname as "table", a.attname as "from", af.attname as "to",
              case c.confdeltype when 'c' then 'CASCADE' when 'n' then 'SET NULL' when 'd' then 'SET DEFAULT' when 'r' then 'RESTRICT' else 'NO ACTION' end as on_delete
            from pg_constraint c
            join pg_class rf on rf.oid = c.confrelid
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
            join pg_attribute af on af.attrelid = c.confrelid and af.attnum = c.confkey[1]
            where c.contype = 'f' and c.conrelid = ${table}::regclass and cardinality(c.conkey) = 1`,
      )
    : rawRows<TFk>(db, sql.raw(`pragma foreign_key_list("${table}")`));
const snapshot = async (db: TDb): Promise<TSnapshot> => {
  const all: TSnapshot = new Map();
  for (const t of await tablesOf(db)) all.set(t, await rowsOf(db, t));
  return all;
};
const key = (table: string, rowKey: string) => `${table}#${rowKey}`;

/** The identity of the row of `table` whose `column` (its rowid when the key names none) holds `value`. */
function referenced(rows: TSnapshot, table: string, column: string | null, value: unknown): string | undefined {
  for (const [rowKey, row] of rows.get(table)!) if (String(row[column ?? '_rowid']) === String(value)) return rowKey;
  return undefined;
}

/**
 * The rows forgetting `person` must delete, worked out from the schema: the person row; every row that points
 * through an ON DELETE CASCADE key at a row being deleted (theirs, transitively: their 1:1s, those meetings'
 * notes, agenda and action items); deliveries about a deleted meeting or action item; audit lines naming them.
 */
async function rowsToDelete(db: TDb, person: TPersonRow): Promise<Set<string>> {
  const tables = await tablesOf(db);
  const rows = await snapshot(db);
  const doomed = new Set([key('people', referenced(rows, 'people', 'id', person.id)!)]);
  const cascadesOf = new Map<string, TFk[]>();
  for (const table of tables) cascadesOf.set(table, (await foreignKeys(db, table)).filter((fk) => fk.on_delete === 'CASCADE'));
  for (let grew = true; grew; ) {
    grew = false;
    for (const table of tables) {
      const cascades = cascadesOf.get(table)!;
      for (const [rowKey, row] of rows.get(table)!) {
        if (doomed.has(key(table, rowKey))) continue;
        if (cascades.some((fk) => row[fk.from] !== null && doomed.has(key(fk.table, referenced(rows, fk.table, fk.to, row[fk.from]) ?? '')))) {
          doomed.add(key(table, rowKey));
          grew = true;
        }
      }
    }
  }
  const doomedWithId = (table: string, id: unknown) => doomed.has(key(table, referenced(rows, table, 'id', id) ?? ''));
  for (const [rowKey, d] of rows.get('deliveries')!) {
    const aboutMeeting = (d.kind === 'brief' || d.kind === 'agenda_reminder') && doomedWithId('meetings', d.subject_id);
    const aboutItem = String(d.period_key).startsWith('nudge:action_item_due:') && doomedWithId('action_items', d.subject_id);
    if (aboutMeeting || aboutItem) doomed.add(key('deliveries', rowKey));
  }
  const mentions = new RegExp(`(?<![A-Z0-9])${person.slackUserId}(?![A-Z0-9])`);
  for (const [rowKey, a] of rows.get('audit_events')!) {
    if (a.workspace_id === person.workspaceId && (mentions.test(String(a.subject)) || mentions.test(String(a.details)))) doomed.add(key('audit_events', rowKey));
  }
  return doomed;
}

/** Every cell of every table, as text. */
const allText = async (db: TDb) => [...(await snapshot(db))].flatMap(([table, rows]) => [...rows.values()].map((r) => `${table}: ${JSON.stringify(r)}`));

async function forgetAndCheck(db: TDb, person: TPersonRow, markers: string[]) {
  const tables = await tablesOf(db);
  const before = await snapshot(db);
  // A table nobody seeded would prove nothing: seed it in test/support/every-table.ts.
  expect(tables.filter((t) => before.get(t)!.size === 0), 'tables without rows in the fixture').toEqual([]);
  const doomed = await rowsToDelete(db, person);
  const pointsAtPerson = new Map<string, string[]>();
  for (const t of tables) pointsAtPerson.set(t, (await foreignKeys(db, t)).filter((fk) => fk.table === 'people' && fk.on_delete === 'SET NULL').map((fk) => fk.from));
  const textBefore = await allText(db);
  for (const marker of markers) expect(textBefore.some((line) => line.includes(marker)), `fixture holds ${marker}`).toBe(true);

  const result = await forgetPerson(db, person, 'slack', new Date('2026-11-24T18:00:00Z'));

  const after = await snapshot(db);
  let kept = 0;
  let deleted = 0;
  for (const table of tables) {
    const now = after.get(table)!;
    for (const [rowid, row] of before.get(table)!) {
      if (doomed.has(key(table, rowid))) {
        expect(now.has(rowid), `${table} row ${rowid} (the person's) is gone`).toBe(false);
        deleted++;
        continue;
      }
      // Everyone else's rows are untouched, but for references to the person, which are anonymised.
      const want = { ...row };
      for (const column of pointsAtPerson.get(table)!) if (want[column] === person.id) want[column] = null;
      expect(now.get(rowid), `${table} row ${rowid} (not the person's) is unchanged`).toEqual(want);
      kept++;
    }
    const added = [...now.keys()].filter((rowid) => !before.get(table)!.has(rowid));
    if (table !== 'audit_events') expect(added, `new rows in ${table}`).toEqual([]);
  }
  expect(deleted).toBeGreaterThan(20);
  expect(kept).toBeGreaterThan(20);

  // Only the audit line that it happened: no name, the Slack id only as a one-way hash.
  const audit = [...after.get('audit_events')!.values()].filter((a) => a.action === 'person.forgotten');
  expect(audit).toEqual([expect.objectContaining({ workspace_id: WS, actor_id: null, via: 'slack', subject: forgottenSubject(WS, person.slackUserId), details: '{}' })]);
  expect(String(audit[0]!.subject)).toMatch(/^sha256:[0-9a-f]{64}$/);
  // And nowhere in the database a trace of what they wrote, their name or address.
  const textAfter = await allText(db);
  for (const marker of [...markers, person.name, person.email!]) expect(textAfter.filter((line) => line.includes(marker)), marker).toEqual([]);
  return result;
}

describe('forgetPerson: no row of the person is left, in any table (migrated SQLite)', () => {
  it('a rep: their data, their 1:1 with the manager notes included, and audit lines naming them go; the manager is told', async () => {
    const db = await memoryDb();
    const team: TEveryTable = await seedEveryTable(db);
    const result = await forgetAndCheck(db, team.dana, ['dana-secret']);
    expect(result.tell).toEqual([{ slackUserId: 'U0MGR1', name: 'Morgan Manager', isTheirManager: true, reportsToThem: false, hasOneOnOne: true }]);
    expect(result.counts).toMatchObject({ logEntries: 1, activities: 3, deals: 1, dealNotes: 1, goals: 1, activityTargets: 1, coachingSnapshots: 3, meetings: 1, agendaItems: 2, actionItems: 2, deliveries: 2, teamRequests: 1, callReviews: 2, reviewComments: 2 });
    // Eli's and the other workspace's Dana are still all there (checked row by row above); one look to be sure.
    expect(JSON.stringify((await describePersonalData(db, team.eli)).counts)).toBe(JSON.stringify(result.counts));
    expect((await describePersonalData(db, team.stranger)).counts.logEntries).toBe(1);
  });

  it('a manager: their 1:1s with both reps are removed with the private notes; the reps keep their data, now without a manager', async () => {
    const db = await memoryDb();
    const team = await seedEveryTable(db);
    const result = await forgetAndCheck(db, team.manager, ['Private: worried about', "Manager's topic", 'Manager follow-up', "Manager's answer for"]);
    expect(result.tell.map((t) => [t.slackUserId, t.hasOneOnOne, t.reportsToThem])).toEqual([['U0REP1', true, true], ['U0REP2', true, true]]);
    for (const rep of [team.dana, team.eli]) {
      const left = await describePersonalData(db, rep);
      expect(left.counts).toMatchObject({ logEntries: 1, activities: 3, deals: 1, goals: 1, meetings: 0, agendaItems: 0, actionItems: 0 });
    }
  });

  it('forgetting someone already forgotten says so and changes nothing', async () => {
    const db = await memoryDb();
    const team = await seedEveryTable(db);
    await forgetPerson(db, team.eli, 'cli', AT);
    const before = await allText(db);
    await expect(forgetPerson(db, team.eli, 'cli', AT)).rejects.toThrow('already forgotten');
    expect(await allText(db)).toEqual(before);
  });
});
