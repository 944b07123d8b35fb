import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { openDb } from '../db/client';
import { createSyntheticTeam } from '../src/cli/demo/synthetic-team';

export const BENCH_WORKSPACE = 'T0BENCH';
export const BENCH_NOW = DateTime.fromISO('2026-11-24T18:00:00Z', { zone: 'utc' });
const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');

/**
 * A workspace of 2,000 reps (100 managers × 20) with a year of activity (~1M+ rows) and ~100k deals,
 * generated once into bench/.data and reused by later runs (the generator is seeded).
 */
export async function benchDatabase(): Promise<{ path: string; repIds: string[]; managerIds: string[] }> {
  const path = join(DATA_DIR, 'stats-2000-reps-v4.db');
  const managers = 100;
  const repsPerManager = 20;
  const repIds = Array.from({ length: managers * repsPerManager }, (_, i) => `U0REP${String(i + 1).padStart(5, '0')}`);
  const managerIds = Array.from({ length: managers }, (_, i) => `U0MGR${String(i + 1).padStart(4, '0')}`);
  if (existsSync(path)) return { path, repIds, managerIds };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  const started = Date.now();
  const db = openDb(tmp);
  const team = await createSyntheticTeam(db, { workspaceId: BENCH_WORKSPACE, managers, repsPerManager, now: BENCH_NOW, seed: 7, activityScale: 1 });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  renameSync(tmp, path);
  console.log(`generated ${team.reps.length} reps, ${team.activityRows.toLocaleString('en-US')} activities, ${team.deals.toLocaleString('en-US')} deals in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { path, repIds, managerIds };
}
