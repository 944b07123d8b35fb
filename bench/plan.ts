import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import { openDb, type TDb } from '../db/client';
import { PLAN_SOURCES, planDeliveries, type TPlanResult } from '../src/services/deliveries/plan-deliveries';
import type { TPlanSource } from '../src/services/deliveries/types';
import { createPlanWorkspace, PLAN_ZONES } from './deliveries-data';

const WORKSPACE = 'T0PLANBENCH';
const MANAGERS = 500;
const REPS_PER_MANAGER = 19;
const TARGET_MS = 5_000;

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
/** Monday 09:05 UTC: digests (Monday 09:00 local by default) have fallen due in six of the ten zones over the 24 h look-back. */
const MONDAY = at('2026-11-23T09:05:00');
/** Wednesday 12:05 UTC: no digests; the first run since Monday, so it catches up a whole day of 1:1s, check-ins and nudges. */
const WEDNESDAY = at('2026-11-25T12:05:00');

const PHASES = [
  { label: '(a) Monday 09:05 UTC, first run', now: MONDAY },
  { label: '(b) the same instant again', now: MONDAY },
  { label: '(c) Wednesday 12:05 UTC, catching up a day', now: WEDNESDAY },
  { label: '(d) 5 minutes later (steady state)', now: WEDNESDAY.plus({ minutes: 5 }) },
];

/**
 * The floor of one run: what any planner must at least do on this workspace, on the same connection — read
 * the people once (`GROUP BY tz, role` over them) and write as many rows as this run recorded, through one
 * prepared INSERT in one transaction into a scratch table shaped like `deliveries` (same unique key).
 */
const FLOOR_READ = 'select tz, role, count(*) from people where workspace_id = ? group by tz, role';
const SCRATCH = `create table if not exists bench_scratch (
  id integer primary key autoincrement, workspace_id text not null, kind text not null, recipient_id integer not null,
  period_key text not null, status text not null, reason text not null, due_at integer, subject_id integer, created_at integer not null)`;
const SCRATCH_KEY = 'create unique index if not exists bench_scratch_key on bench_scratch (kind, recipient_id, period_key)';
const SCRATCH_INSERT =
  'insert into bench_scratch (workspace_id, kind, recipient_id, period_key, status, reason, due_at, subject_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** PLAN_SOURCES, in order, each timed: the run is the real one, and the breakdown says where its time goes. */
const sourceMs = new Map<string, number>();
const TIMED_SOURCES: TPlanSource[] = PLAN_SOURCES.map((source, i) => {
  const name = source.name.replace(/Source$/, '') || `source ${i + 1}`;
  return (db, context) => {
    const started = performance.now();
    try {
      return source(db, context);
    } finally {
      sourceMs.set(name, (sourceMs.get(name) ?? 0) + performance.now() - started);
    }
  };
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString('en-US');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/**
 * `planDeliveries` over 10,000 people (500 managers × 19 reps) in ten zones, every source (1:1 briefs and
 * agenda reminders, digests, check-ins, nudges), at four instants on one database, each beside its floor.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-plan-'));
  try {
    const db = openDb(join(dir, 'plan.db'));
    let started = performance.now();
    const made = createPlanWorkspace(db, {
      workspaceId: WORKSPACE,
      managers: MANAGERS,
      repsPerManager: REPS_PER_MANAGER,
      snapshotAt: at('2026-11-22T02:00:00'),
      activityFrom: MONDAY.minus({ weeks: 3 }).startOf('week'),
      activityTo: WEDNESDAY.plus({ minutes: 5 }),
      actionItemDates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'],
    });
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.exec(SCRATCH);
    db.$client.exec(SCRATCH_KEY);
    const tiers = Object.entries(made.tiers).map(([tier, n]) => `${tier} ${count(n)}`).join(', ');
    console.log(
      `plan: ${count(made.people)} people (${made.managers} managers × ${REPS_PER_MANAGER} reps) in ${made.zones} zones (${PLAN_ZONES.join(', ')})`,
    );
    console.log(`  tiers ${tiers}; ${count(made.oneOnOnes)} weekly 1:1s, ${count(made.activities)} activities, ${count(made.deals)} open deals, ${count(made.actionItems)} action items`);
    console.log(`  generated in ${seconds(performance.now() - started)}`);

    let worst = 0;
    let worstRss = 0;
    for (const [i, phase] of PHASES.entries()) {
      const before = memory();
      sourceMs.clear();
      started = performance.now();
      const plan = planDeliveries(db, { now: phase.now.toJSDate(), sources: TIMED_SOURCES }); // every workspace, as the scheduled job
      const wallMs = performance.now() - started;
      const after = memory();
      const floor = measureFloor(db, plan.created.length, i);
      worst = Math.max(worst, wallMs);
      worstRss = Math.max(worstRss, after.peakKb);
      console.log(`${phase.label}, now ${phase.now.toISO({ suppressMilliseconds: true })}`);
      console.log(`  wall time      ${seconds(wallMs)} (target < ${seconds(TARGET_MS)}); floor ${seconds(floor.ms)} (${(wallMs / floor.ms).toFixed(1)}× the floor)`);
      const found = [...sourceMs.values()].reduce((a, b) => a + b, 0);
      const split = [...sourceMs].map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ');
      console.log(`  where          finding: ${split}; deciding + recording + summary ${seconds(wallMs - found)}`);
      console.log(`  rows recorded  ${count(plan.created.length)} of ${count(plan.items.length)} candidates (keys a source had not already found recorded): ${breakdown(plan)}`);
      console.log(`  to enqueue     ${count(plan.toEnqueue.length)}${plan.problems.length ? `; problems ${plan.problems.length}: ${plan.problems[0]!.message}` : ''}`);
      console.log(`  peak RSS       ${after.peakKb ? mb(after.peakKb) : 'n/a'} (${before.rssKb ? `+${mb(Math.max(0, after.peakKb - before.rssKb))} over the ${mb(before.rssKb)} before the run` : 'n/a'})`);
    }
    db.$client.close();
    console.log(`  floor: ${FLOOR_READ.replace(' = ?', " = '…'")} + one prepared INSERT per recorded row into a scratch table with the same unique key, one transaction`);
    console.log(`  ${worst < TARGET_MS ? 'PASS' : 'FAIL'}: slowest run ${seconds(worst)} (target < ${seconds(TARGET_MS)}), peak RSS ${mb(worstRss)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureFloor(db: TDb, rows: number, phase: number): { ms: number } {
  const read = db.$client.prepare(FLOOR_READ);
  const insert = db.$client.prepare(SCRATCH_INSERT);
  const now = Date.now();
  const started = performance.now();
  read.all(WORKSPACE);
  db.$client.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(WORKSPACE, 'digest', i, `floor-${phase}-${i}`, 'pending', 'sent: floor', now, null, now);
  })();
  return { ms: performance.now() - started };
}

function breakdown(plan: TPlanResult): string {
  const byKind = new Map<string, number>();
  const byStatus = new Map<string, number>();
  for (const item of plan.created) {
    byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1);
    byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
  }
  if (byKind.size === 0) return 'nothing new';
  const list = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ${count(n)}`).join(', ');
  return `${list(byKind)} (${list(byStatus)})`;
}

/**
 * RSS now and the peak since the last call, per run: Linux's VmHWM, reset through /proc/self/clear_refs ("5")
 * after each reading, so each run's peak is its own even though all four share one process (as in the worker).
 */
function memory(): { rssKb: number; peakKb: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const reading = { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
    writeFileSync('/proc/self/clear_refs', '5');
    return reading;
  } catch {
    const rssKb = process.memoryUsage().rss / 1024;
    return { rssKb, peakKb: process.resourceUsage().maxRSS };
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
