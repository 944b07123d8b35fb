import { describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { describePersonalData } from '../../src/services/privacy/describe-personal-data';
import { forgetPerson } from '../../src/services/privacy/forget-person';
import { forgottenSubject } from '../../src/services/privacy/forgotten-subject';
import { memoryDb } from '../support/db';
import { AT, seedEveryTable, type TEveryTable, WS } from '../support/every-table';

/*
 * SPEC §2 Privacy, "ask to be forgotten": the test walks every table of the schema as SQLite lists it (so a table
 * added later is covered without touching this file) and shows that no row of the person is left — neither theirs
 * nor about them — while every other row is exactly as it was, except references to the person, which are null.
 */

type TRow = Record<string, unknown>;
type TFk = { table: string; from: string; to: string; on_delete: string };

const tablesOf = (db: TDb): string[] =>
  (db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name").all() as { name: string }[]).map((t) => t.name);
const rowsOf = (db: TDb, table: string): Map<number, TRow> =>
  new Map((db.$client.prepare(`select rowid as _rowid, * from "${table}"`).all() as TRow[]).map((r) => [Number(r._rowid), r]));
const foreignKeys = (db: TDb, table: string): TFk[] => db.$client.prepare(`pragma foreign_key_list("${table}")`).all() as TFk[];
const snapshot = (db: TDb) => new Map(tablesOf(db).map((t) => [t, rowsOf(db, t)]));
const key = (table: string, rowid: number) => `${table}#${rowid}`;

/**
 * The rows forgetting `person` must delete, worked out from the schema: the person row; every row that points
 * through an ON DELETE CASCADE key at a row being deleted (theirs, transitively: their 1:1s, those meetings'
 * notes, agenda and action items); deliveries about a deleted meeting or action item; audit lines naming them.
 */
function rowsToDelete(db: TDb, person: TPersonRow): Set<string> {
  const doomed = new Set([key('people', person.id)]);
  const tables = tablesOf(db);
  const rows = new Map(tables.map((t) => [t, rowsOf(db, t)]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const table of tables) {
      const cascades = foreignKeys(db, table).filter((fk) => fk.on_delete === 'CASCADE');
      for (const [rowid, row] of rows.get(table)!) {
        if (doomed.has(key(table, rowid))) continue;
        if (cascades.some((fk) => row[fk.from] !== null && doomed.has(key(fk.table, Number(row[fk.from]))))) {
          doomed.add(key(table, rowid));
          grew = true;
        }
      }
    }
  }
  for (const [rowid, d] of rows.get('deliveries')!) {
    const aboutMeeting = (d.kind === 'brief' || d.kind === 'agenda_reminder') && doomed.has(key('meetings', Number(d.subject_id)));
    const aboutItem = String(d.period_key).startsWith('nudge:action_item_due:') && doomed.has(key('action_items', Number(d.subject_id)));
    if (aboutMeeting || aboutItem) doomed.add(key('deliveries', rowid));
  }
  const mentions = new RegExp(`(?<![A-Z0-9])${person.slackUserId}(?![A-Z0-9])`);
  for (const [rowid, a] of rows.get('audit_events')!) {
    if (a.workspace_id === person.workspaceId && (mentions.test(String(a.subject)) || mentions.test(String(a.details)))) doomed.add(key('audit_events', rowid));
  }
  return doomed;
}

/** Every cell of every table, as text. */
const allText = (db: TDb) => [...snapshot(db)].flatMap(([table, rows]) => [...rows.values()].map((r) => `${table}: ${JSON.stringify(r)}`));

async function forgetAndCheck(db: TDb, person: TPersonRow, markers: string[]) {
  const tables = tablesOf(db);
  // A table nobody seeded would prove nothing: seed it in test/support/every-table.ts.
  expect(tables.filter((t) => rowsOf(db, t).size === 0), 'tables without rows in the fixture').toEqual([]);
  const before = snapshot(db);
  const doomed = rowsToDelete(db, person);
  const pointsAtPerson = new Map(tables.map((t) => [t, foreignKeys(db, t).filter((fk) => fk.table === 'people' && fk.on_delete === 'SET NULL').map((fk) => fk.from)]));
  for (const marker of markers) expect(allText(db).some((line) => line.includes(marker)), `fixture holds ${marker}`).toBe(true);

  const result = await forgetPerson(db, person, 'slack', new Date('2026-11-24T18:00:00Z'));

  const after = snapshot(db);
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
  for (const marker of [...markers, person.name, person.email!]) expect(allText(db).filter((line) => line.includes(marker)), marker).toEqual([]);
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
    const before = allText(db);
    await expect(forgetPerson(db, team.eli, 'cli', AT)).rejects.toThrow('already forgotten');
    expect(allText(db)).toEqual(before);
  });
});
