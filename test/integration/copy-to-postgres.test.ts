import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb, type TDb } from '../../db/client';
import { tablesInCopyOrder } from '../../db/copy-to-postgres';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { upsertProfile } from '../../db/repositories/people';
import * as sqliteSchema from '../../db/schema/index';
import { databaseUrlOf, memoryDb } from '../support/db';
import { testPostgresUrl } from '../support/postgres';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** `npm run cli -- <args>` as a process, on SQLite unless told otherwise: its exit code and output. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(TSX, ['src/cli/index.ts', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** Every row of every table, in primary-key order, as each engine's schema reads it (Dates, booleans, objects). */
async function everyRow(db: TDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const pair of tablesInCopyOrder()) {
    const table = db.$engine === 'postgres' ? pair.pg : pair.sqlite;
    const columns = getTableColumns(table);
    const key = 'id' in columns ? [asc(columns.id!)] : Object.values(columns).map((c) => asc(c));
    out[pair.name] = await (db as unknown as { select: () => { from: (t: unknown) => { orderBy: (...o: unknown[]) => Promise<unknown[]> } } })
      .select()
      .from(table)
      .orderBy(...key);
  }
  return out;
}

// The copy needs a PostgreSQL to copy into: it runs in the suite's PostgreSQL run (DATABASE_URL), as CI does.
describe.skipIf(!testPostgresUrl())('copy-to-postgres: a SQLite database moved to PostgreSQL', { timeout: 120_000 }, () => {
  let dir: string;
  let sqlitePath: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canopy-copy-'));
    sqlitePath = join(dir, 'canopy.db');
    // The demo fills most tables with a realistic team; the few it leaves empty get a row each here.
    const demo = await cli(['demo', '--db', sqlitePath, '--now', '2026-12-07T14:05:00Z']);
    expect(demo.code, demo.output.slice(-2000)).toBe(0);
    const db = openDb(sqlitePath);
    const ws = (db.select().from(sqliteSchema.workspaces).get() as { id: string }).id;
    const [rep] = db.select().from(sqliteSchema.people).orderBy(asc(sqliteSchema.people.id)).limit(1).all();
    const at = new Date('2026-12-01T10:00:00Z');
    db.insert(sqliteSchema.goals).values({ workspaceId: ws, personId: rep!.id, metric: 'deals_won', target: 5.5, periodStart: '2026-10-01', periodEnd: '2026-12-31', status: 'agreed', agreedAt: at }).run();
    const targets = [{ type: 'call' as const, per: 'week' as const, amount: 12 }];
    db.insert(sqliteSchema.activityTargets).values({ workspaceId: ws, personId: rep!.id, targets, proposedTargets: targets, proposedById: rep!.id, agreedAt: at }).run();
    db.insert(sqliteSchema.auditEvents).values({ workspaceId: ws, actorId: rep!.id, via: 'cli', action: 'setup.stages', subject: 'stages', details: { before: ['a'], after: ['b'] }, createdAt: at }).run();
    db.insert(sqliteSchema.teamRequests).values({ workspaceId: ws, managerId: rep!.id, repId: rep!.id, status: 'declined', answeredAt: at, createdAt: at }).run();
    db.insert(sqliteSchema.installations).values({ installKey: `:${ws}`, teamId: ws, botUserId: 'U0BOT', secrets: 'v1.a.b.c', keyId: 'k1' }).run();
    await closeDb(db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every table row for row, keeps ids, and new rows continue after them', async () => {
    const target = await memoryDb();
    const url = databaseUrlOf(target)!;
    const copy = await cli(['copy-to-postgres', '--from', sqlitePath], { DATABASE_URL: url });
    expect(copy.code, copy.output).toBe(0);
    expect(copy.output).toMatch(/every table's row count matches/);

    const source = openDb(sqlitePath);
    const [from, to] = [await everyRow(source), await everyRow(target)];
    for (const pair of tablesInCopyOrder()) {
      expect(from[pair.name]!.length, `${pair.name} has rows in the source`).toBeGreaterThan(0);
      expect(to[pair.name], pair.name).toEqual(from[pair.name]);
    }
    await closeDb(source);

    // Identity sequences start after the copied ids: the next person gets a new id, not a duplicate-key error.
    const maxId = Math.max(...(from.people as { id: number }[]).map((p) => p.id));
    await ensureWorkspace(target, 'T0NEW');
    const added = await upsertProfile(target, 'T0NEW', 'U0NEW', { name: 'New', email: 'new@example.com', tz: 'UTC', isAdmin: false, isBot: false, isDeleted: false }, new Date());
    expect(added.id).toBeGreaterThan(maxId);
  });

  it('refuses a PostgreSQL database that holds data, and changes nothing there', async () => {
    const target = await memoryDb();
    const url = databaseUrlOf(target)!;
    await ensureWorkspace(target, 'T0ALREADY');
    const copy = await cli(['copy-to-postgres', '--from', sqlitePath], { DATABASE_URL: url });
    expect(copy.code).toBe(1);
    expect(copy.output).toMatch(/not empty \(workspaces: 1, stages: 7\)/);
    expect((await everyRow(target)).people).toEqual([]);
  });

  it('explains its usage, and a missing source or target', async () => {
    expect((await cli(['copy-to-postgres', '--help'])).output).toMatch(/Copies every table/);
    const noTarget = await cli(['copy-to-postgres', '--from', sqlitePath]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.output).toMatch(/--to postgres:\/\/… or DATABASE_URL/);
    const noSource = await cli(['copy-to-postgres', '--from', join(dir, 'missing.db'), '--to', databaseUrlOf(await memoryDb())!]);
    expect(noSource.code).toBe(1);
    expect(noSource.output).toMatch(/No SQLite database at/);
  });
});
