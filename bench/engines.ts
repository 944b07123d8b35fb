import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import pg from 'pg';
import { closeDb, openDb, type TDb } from '../db/client';
import { copySqliteToPostgres } from '../db/copy-to-postgres';
import { openPostgres } from '../db/postgres';
import { findPersonBySlackId } from '../db/repositories/people';
import { recomputeWorkspace } from '../src/services/coaching/recompute-workspace';
import { planDeliveries } from '../src/services/deliveries/plan-deliveries';
import { getRepStatsById } from '../src/services/stats/get-rep-stats';
import { createPlanWorkspace } from './deliveries-data';
import { BENCH_NOW, BENCH_WORKSPACE, benchDatabase } from './stats-data';
import { percentile } from './stats';

/*
 * The same work on both engines, side by side, on the same data: the SQLite bench databases (2,000 reps with a
 * year of activity, ~1M rows; 10,000 people for the planner) and a PostgreSQL copy of each made with the
 * `copy-to-postgres` code. Target: PostgreSQL within 2× of SQLite. Needs a PostgreSQL: BENCH_POSTGRES_URL, else
 * DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a database of its own is made and dropped.
 */

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_RATIO = 2;
const ROUNDS = 3;
const STATS_SAMPLE = 200;
const PLAN_NOW = DateTime.fromISO('2026-11-25T12:05:00Z', { zone: 'utc' });

type TFigure = { name: string; sqlite: number; postgres: number; unit: 'ms' };
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`);

async function withPostgresCopy<T>(sqlitePath: string, label: string, work: (db: TDb) => Promise<T>): Promise<T> {
  const name = `canopy_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const target = await openPostgres(url.toString(), { poolMax: 10 });
    const source = openDb(sqlitePath, { migrate: false });
    const started = performance.now();
    const copied = await copySqliteToPostgres(source, target);
    await closeDb(source);
    await (target as unknown as { execute: (q: string) => Promise<unknown> }).execute('analyze');
    console.log(`  copied ${copied.reduce((n, t) => n + t.rows, 0).toLocaleString('en-US')} rows to PostgreSQL in ${ms(performance.now() - started)}`);
    try {
      return await work(target);
    } finally {
      await closeDb(target);
    }
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/** A private copy of a SQLite bench file, so the shared one is never written. */
async function sqliteCopy(path: string, dir: string, name: string): Promise<string> {
  const copy = join(dir, name);
  const source = new Database(path, { readonly: true, fileMustExist: true });
  await source.backup(copy);
  source.close();
  return copy;
}

async function recomputeFigure(db: TDb): Promise<number> {
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await recomputeWorkspace(db, { workspaceId: BENCH_WORKSPACE, now: BENCH_NOW.toJSDate() });
    rounds.push(performance.now() - started);
  }
  return median(rounds);
}

/** `/stats` as the service computes it (this week), for a sample of reps: the median of the per-request p50. */
async function statsFigures(db: TDb, repIds: string[]): Promise<{ p50: number; p95: number }> {
  const ids: number[] = [];
  for (const slackId of repIds.slice(0, STATS_SAMPLE)) ids.push((await findPersonBySlackId(db, BENCH_WORKSPACE, slackId))!.id);
  const p50s: number[] = [];
  const p95s: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const times: number[] = [];
    for (const id of ids) {
      const started = performance.now();
      await getRepStatsById(db, id, 'week', BENCH_NOW.toJSDate());
      times.push(performance.now() - started);
    }
    p50s.push(percentile(times, 50));
    p95s.push(percentile(times, 95));
  }
  return { p50: median(p50s), p95: median(p95s) };
}

/** A planner run at Wednesday noon over 10,000 people, each round on a fresh copy (a run records what it planned). */
async function planRound(db: TDb): Promise<number> {
  const started = performance.now();
  await planDeliveries(db, { now: PLAN_NOW.toJSDate(), dryRun: true });
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-engines-'));
  const figures: TFigure[] = [];
  try {
    const { path, repIds } = await benchDatabase();
    const statsPath = await sqliteCopy(path, dir, 'stats.db');

    console.log('recompute and /stats: 2,000 reps, a year of activity');
    const sqliteDb = openDb(statsPath);
    const sqliteStats = await statsFigures(sqliteDb, repIds);
    const sqliteRecompute = await recomputeFigure(sqliteDb);
    await closeDb(sqliteDb);
    const pgCopySource = await sqliteCopy(path, dir, 'stats-for-pg.db');
    const [pgStats, pgRecompute] = await withPostgresCopy(pgCopySource, 'stats', async (db) => [await statsFigures(db, repIds), await recomputeFigure(db)] as const);
    figures.push({ name: 'recompute, 2,000 reps (median of 3)', sqlite: sqliteRecompute, postgres: pgRecompute, unit: 'ms' });
    figures.push({ name: '/stats p50, 200 reps × 3', sqlite: sqliteStats.p50, postgres: pgStats.p50, unit: 'ms' });
    figures.push({ name: '/stats p95, 200 reps × 3', sqlite: sqliteStats.p95, postgres: pgStats.p95, unit: 'ms' });

    console.log('plan: 10,000 people (500 managers × 19 reps) in ten zones');
    const planPath = join(dir, 'plan.db');
    const planDb = openDb(planPath);
    await createPlanWorkspace(planDb, {
      workspaceId: 'T0PLANBENCH',
      managers: 500,
      repsPerManager: 19,
      snapshotAt: DateTime.fromISO('2026-11-22T02:00:00Z', { zone: 'utc' }),
      activityFrom: PLAN_NOW.minus({ weeks: 3 }).startOf('week'),
      activityTo: PLAN_NOW.plus({ minutes: 5 }),
      actionItemDates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'],
      seed: 11,
    });
    const sqlitePlan: number[] = [];
    for (let i = 0; i < ROUNDS; i++) sqlitePlan.push(await planRound(planDb));
    await closeDb(planDb);
    const pgPlan = await withPostgresCopy(planPath, 'plan', async (db) => {
      const rounds: number[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await planRound(db));
      return rounds;
    });
    figures.push({ name: 'plan, 10,000 people (dry run, median of 3)', sqlite: median(sqlitePlan), postgres: median(pgPlan), unit: 'ms' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\n  ${'figure'.padEnd(44)} ${'SQLite'.padStart(10)} ${'PostgreSQL'.padStart(11)} ${'PG/SQLite'.padStart(10)}`);
  let ok = true;
  for (const f of figures) {
    const ratio = f.postgres / f.sqlite;
    if (ratio > TARGET_RATIO) ok = false;
    console.log(`  ${f.name.padEnd(44)} ${ms(f.sqlite).padStart(10)} ${ms(f.postgres).padStart(11)} ${`${ratio.toFixed(2)}×`.padStart(10)}`);
  }
  console.log(`  target: PostgreSQL within ${TARGET_RATIO}× of SQLite — ${ok ? 'PASS' : 'FAIL'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
