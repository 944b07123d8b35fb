import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openDb } from '../db/client';
import { recomputeWorkspace } from '../src/services/coaching/recompute-workspace';
import { manyWorkspacesDatabase } from './recompute-data';
import { BENCH_NOW, BENCH_WORKSPACE, benchDatabase } from './stats-data';

/** The floor: one full-table weekly GROUP BY over every activity row (the least any recompute must read). */
const FLOOR_SQL = 'SELECT rep_id, type, (occurred_at/604800000) wk, sum(count) FROM activities GROUP BY rep_id, type, wk';
const TARGET_RATIO = 3;
const TARGET_MS = 10_000;
const TARGET_RSS_MB = 500;
const MANY_TARGET_RSS_MB = 1024;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * `recompute` over the 2,000-rep bench workspace (a copy, so the shared file is never written), beside
 * the floor measured in the same run on the same copy; then the nightly run over 100 workspaces of 200 reps.
 */
export async function run(): Promise<void> {
  const one = await runOneWorkspace();
  const many = await runManyWorkspaces();
  console.log(`  ${one && many ? 'PASS' : 'FAIL'}`);
}

async function runOneWorkspace(): Promise<boolean> {
  const { path } = await benchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'canopy-recompute-'));
  const copy = join(dir, 'bench.db');
  try {
    // The backup API gives a consistent copy even while another process has the file open.
    const source = new Database(path, { readonly: true, fileMustExist: true });
    await source.backup(copy);
    source.close();

    const db = openDb(copy);
    const floorStatement = db.$client.prepare(FLOOR_SQL);
    floorStatement.all(); // warm the page cache for both measurements
    let started = performance.now();
    const floorRows = floorStatement.all().length;
    const floorMs = performance.now() - started;

    started = performance.now();
    const summary = await recomputeWorkspace(db, { workspaceId: BENCH_WORKSPACE, now: BENCH_NOW.toJSDate() });
    const wallMs = performance.now() - started;

    started = performance.now();
    const again = await recomputeWorkspace(db, { workspaceId: BENCH_WORKSPACE, now: BENCH_NOW.toJSDate() });
    const againMs = performance.now() - started;
    db.$client.close();

    const rssMb = process.resourceUsage().maxRSS / 1024;
    const ratio = wallMs / floorMs;
    console.log(`recompute ${summary.workspaceId}: ${summary.teams} teams, ${summary.reps} reps, tiers ${JSON.stringify(summary.tiers)}`);
    console.log(`  wall time      ${seconds(wallMs)} (re-run at the same now: ${seconds(againMs)}, ${again.rowsWritten} rows replaced)`);
    console.log(`  rows written   ${summary.rowsWritten.toLocaleString('en-US')}`);
    console.log(`  floor          ${seconds(floorMs)} (full-table weekly GROUP BY, ${floorRows.toLocaleString('en-US')} groups)`);
    console.log(`  ratio          ${ratio.toFixed(2)}× the floor (target ≤ ${TARGET_RATIO}×, < ${seconds(TARGET_MS)})`);
    console.log(`  peak RSS       ${rssMb.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB)`);
    const ok = ratio <= TARGET_RATIO && wallMs < TARGET_MS && rssMb < TARGET_RSS_MB;
    console.log(`  ${ok ? 'PASS' : 'FAIL'}`);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The nightly recompute as the worker runs it for 100 workspaces × 200 reps (20,000 reps, ~13M activities):
 * one `recomputeWorkspace` per workspace, one after another in one process, on a copy of the cached database.
 * Peak RSS is this run's own (VmHWM reset before it), beside the floor: one GROUP BY over every activity.
 */
async function runManyWorkspaces(): Promise<boolean> {
  const data = await manyWorkspacesDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'canopy-recompute-many-'));
  const copy = join(dir, 'many.db');
  try {
    // Nothing has the cached file open and its WAL was checkpointed away: a plain file copy is consistent.
    copyFileSync(data.path, copy);
    const db = openDb(copy, { migrate: false });
    // Counted row by row rather than `.all()`: 3.7M group objects would cost the floor time and leave the heap
    // holding over a gigabyte, which the recompute's peak RSS below would then be measured on top of.
    const floorStatement = db.$client.prepare(FLOOR_SQL).raw();
    const countGroups = () => {
      let n = 0;
      for (const _ of floorStatement.iterate()) n++;
      return n;
    };
    countGroups(); // warm the page cache for both measurements
    let started = performance.now();
    const floorRows = countGroups();
    const floorMs = performance.now() - started;

    const before = resetPeakRss();
    started = performance.now();
    let slowest = { workspaceId: '', ms: 0 };
    const totals = { teams: 0, reps: 0, rowsWritten: 0 };
    for (const workspaceId of data.workspaceIds) {
      const t = performance.now();
      const summary = await recomputeWorkspace(db, { workspaceId, now: BENCH_NOW.toJSDate() });
      const ms = performance.now() - t;
      if (ms > slowest.ms) slowest = { workspaceId, ms };
      totals.teams += summary.teams;
      totals.reps += summary.reps;
      totals.rowsWritten += summary.rowsWritten;
    }
    const wallMs = performance.now() - started;
    const peakMb = peakRssKb() / 1024;
    const activities = (db.$client.prepare('select count(*) as n from activities').get() as { n: number }).n;
    db.$client.close();

    const ratio = wallMs / floorMs;
    console.log(`recompute, ${data.workspaceIds.length} workspaces: ${totals.teams.toLocaleString('en-US')} teams, ${totals.reps.toLocaleString('en-US')} reps, ${activities.toLocaleString('en-US')} activities, one workspace after another`);
    console.log(`  wall time      ${seconds(wallMs)} (${seconds(wallMs / data.workspaceIds.length)} a workspace on average, slowest ${data.workspaceIds.length ? `${slowest.workspaceId} ${seconds(slowest.ms)}` : 'n/a'})`);
    console.log(`  rows written   ${totals.rowsWritten.toLocaleString('en-US')}`);
    console.log(`  floor          ${seconds(floorMs)} (full-table weekly GROUP BY, ${floorRows.toLocaleString('en-US')} groups)`);
    console.log(`  ratio          ${ratio.toFixed(2)}× the floor (target ≤ ${TARGET_RATIO}×)`);
    console.log(`  peak RSS       ${peakMb.toFixed(0)} MB during the run (${(before / 1024).toFixed(0)} MB before it; target < ${MANY_TARGET_RSS_MB} MB)`);
    const ok = ratio <= TARGET_RATIO && peakMb < MANY_TARGET_RSS_MB;
    console.log(`  ${ok ? 'PASS' : 'FAIL'}`);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resets Linux's peak-RSS mark (VmHWM) to the current RSS and returns that RSS in kB; elsewhere the process peak stands. */
function resetPeakRss(): number {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: peakRssKb() falls back to the process-wide peak.
  }
  return process.memoryUsage().rss / 1024;
}

function peakRssKb(): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
