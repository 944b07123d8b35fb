import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openDb } from '../db/client';
import { recomputeWorkspace } from '../src/services/coaching/recompute-workspace';
import { BENCH_NOW, BENCH_WORKSPACE, benchDatabase } from './stats-data';

/** The floor: one full-table weekly GROUP BY over every activity row (the least any recompute must read). */
const FLOOR_SQL = 'SELECT rep_id, type, (occurred_at/604800000) wk, sum(count) FROM activities GROUP BY rep_id, type, wk';
const TARGET_RATIO = 3;
const TARGET_MS = 10_000;
const TARGET_RSS_MB = 500;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * `recompute` over the 2,000-rep bench workspace (a copy, so the shared file is never written), beside
 * the floor measured in the same run on the same copy.
 */
export async function run(): Promise<void> {
  const { path } = benchDatabase();
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
    const summary = recomputeWorkspace(db, { workspaceId: BENCH_WORKSPACE, now: BENCH_NOW.toJSDate() });
    const wallMs = performance.now() - started;

    started = performance.now();
    const again = recomputeWorkspace(db, { workspaceId: BENCH_WORKSPACE, now: BENCH_NOW.toJSDate() });
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
