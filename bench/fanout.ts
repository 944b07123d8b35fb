import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { openDb, type TDb } from '../db/client';
import { listDeliverable } from '../db/repositories/deliveries';
import { enqueueDeliveries } from '../jobs/definitions';
import { DELIVER_CONCURRENCY, DELIVER_RATE_PER_WORKSPACE } from '../jobs/delivery-workers';
import { intervalFor, pacerKeys } from '../jobs/pacer';
import { QUEUE_NAMES, redisConnection } from '../jobs/queues';
import { createDeliverySlack, createDeliveryWebClient } from '../src/slack/deliver';
import { renderCheckin } from '../src/slack/blocks/checkin';
import { startFakeSlack, type TFakeCall, type TFakeSlack } from '../test/support/fake-slack';
import { createPendingCheckins, PLAN_ZONES } from './deliveries-data';
import { percentile } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** 100 workspaces × 100 check-ins, all due at once (issue 14). */
const WORKSPACES = Number(process.env.FANOUT_WORKSPACES ?? 100);
const PER_WORKSPACE = Number(process.env.FANOUT_PER_WORKSPACE ?? 100);
/**
 * Sends per second to each workspace for the run: 3, under production's DELIVER_RATE_PER_WORKSPACE (5), so 100
 * deliveries take ~33 s per workspace and the 100 workspaces together call for 300/s. Higher sums outrun one worker
 * process on this 2-core machine (composing and recording a check-in costs ~3 ms of CPU; the pacer ~1 % of it).
 */
const RATE = Number(process.env.FANOUT_RATE ?? 3);
const INTERVAL_MS = intervalFor(RATE);
const RATE_PER_S = 1_000 / INTERVAL_MS;
const SUM_OF_LIMITS = RATE_PER_S * WORKSPACES;
const CONCURRENCY = Number(process.env.FANOUT_CONCURRENCY ?? DELIVER_CONCURRENCY);
/**
 * Worker processes sharing the queue and the pacer (how it scales out, SPEC §5). One by default: on 2 cores a second
 * process only adds contention for the CPU and SQLite's write lock (FANOUT_WORKERS=2 measured slower).
 */
const WORKER_PROCESSES = Number(process.env.FANOUT_WORKERS ?? 1);
/**
 * The fake Slack limits chat.postMessage per token (each workspace has its own), as Slack limits each workspace,
 * over a sliding 2 s window at 25 % above the pacing: a short window, so a burst (a pacing bug) shows as 429s.
 */
const SLACK_WINDOW = { max: Math.ceil(RATE_PER_S * 2 * 1.25), windowMs: 2_000 };
/** Before the run, a small fan-out to other workspaces warms the worker up (a production worker runs for days). */
const WARMUP = { workspaces: 100, perWorkspace: 6 };
/** A second, shorter fan-out with 429s (Retry-After 1 s) injected into one workspace only: the others must not slow down. */
const BURST = { workspaces: 10, perWorkspace: 40, faultsAt: [5, 10, 15, 20, 25] };
/** The floor: bare chat.postMessage calls (no queue, no database) at the worker's concurrency, unpaced. */
const FLOOR_POSTS = 3_000;
const TARGET_RATE_ERROR = 0.1;
/** FANOUT_SPREAD=0 queues every job at its due time, as `cli run plan` does: the workers then put each off to its slot. */
const SPREAD = process.env.FANOUT_SPREAD !== '0';

const count = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const tokenOf = (workspaceId: string) => `xoxb-${workspaceId}`;
const workspaceIds = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `T0${tag}${String(i).padStart(3, '0')}`);
const deliveryIdOf = (call: TFakeCall) => Number((call.args.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id);

/**
 * Fan-out of 100 workspaces × 100 check-ins due at once through the real deliver workers (their own process,
 * Redis, the per-workspace pacer) to the fake Slack limiting each workspace's token apart: the total rate against
 * the sum of the workspaces' limits, each workspace's rate, 429s, duplicates, lateness; then 429s injected into one
 * workspace while nine others send.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-fanout-'));
  const dbPath = join(dir, 'fanout.db');
  const prefix = `canopy-bench-fanout-${randomBytes(4).toString('hex')}`;
  const fake = await startFakeSlack({ rateLimits: { 'chat.postMessage': SLACK_WINDOW }, rateLimitScope: 'token', tsEpoch: Math.floor(Date.now() / 1000) });
  const queue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  // The workers open the plan queue too (no jobs, but its keys): removed with the rest.
  const planQueue = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  let workers: { child: ChildProcess; exited: Promise<string> }[] = [];
  try {
    // Zones where now is well inside the local day: a check-in is only sent on the day it was due.
    const zones = PLAN_ZONES.filter((tz) => DateTime.now().setZone(tz).hour >= 1 && DateTime.now().setZone(tz).hour < 22);
    const db = openDb(dbPath);
    const started = performance.now();
    const pendingCheckins = async (ids: readonly string[], recipients: number): Promise<Map<string, number[]>> => {
      const made = new Map<string, number[]>();
      for (const ws of ids) made.set(ws, await createPendingCheckins(db, { workspaceId: ws, recipients, dueAt: new Date(), zones }));
      return made;
    };
    const main = await pendingCheckins(workspaceIds('FAN', WORKSPACES), PER_WORKSPACE);
    const warmup = await pendingCheckins(workspaceIds('WRM', WARMUP.workspaces), WARMUP.perWorkspace);
    const burst = await pendingCheckins(workspaceIds('BUR', BURST.workspaces), BURST.perWorkspace);
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start (other work on the machine skews the rates)`);
    console.log(`fanout: ${count(WORKSPACES)} workspaces × ${count(PER_WORKSPACE)} check-ins in ${zones.length} zones, generated in ${secs(performance.now() - started)}`);
    console.log(
      `  paced at ${RATE_PER_S.toFixed(2)}/s per workspace (production default ${DELIVER_RATE_PER_WORKSPACE}/s), ${count(SUM_OF_LIMITS)}/s summed; concurrency ${CONCURRENCY} in each of ${WORKER_PROCESSES} worker processes; ` +
        `fake Slack chat.postMessage ${SLACK_WINDOW.max} per ${SLACK_WINDOW.windowMs / 1000} s per token (sliding, 429 + Retry-After)`,
    );

    const floorRate = await measureFloor();

    workers = await Promise.all(Array.from({ length: WORKER_PROCESSES }, () => startWorker(dbPath, prefix, fake.url)));
    // A worker runs for days: warm this one up (JIT, SQLite's cache) on a small fan-out of its own before measuring.
    const warm = await fanOut(db, queue, fake, warmup, 'warm-up');
    console.log(`warm-up: ${count(warm.posts.length)} posts to ${WARMUP.workspaces} other workspaces over ${secs(warm.spanMs)}, not counted`);
    fake.reset();
    const a = await fanOut(db, queue, fake, main, 'main');
    report(a, floorRate);

    // Burst: 429s injected into the first workspace only; the fake reset so only this run's calls count.
    fake.reset();
    const b = await fanOut(db, queue, fake, burst, 'burst', BURST.faultsAt);
    const [faulted, ...others] = [...burst.keys()];
    const paced = (BURST.perWorkspace - 1) * INTERVAL_MS;
    const maxAttempts = db.$client.prepare(`select max(attempts) from deliveries where workspace_id like 'T0BUR%'`).pluck().get() as number;
    const otherSpans = others.map((ws) => b.perWorkspace.get(ws)!.spanMs);
    console.log(`429 handling: ${BURST.workspaces} workspaces × ${BURST.perWorkspace}, ${BURST.faultsAt.length} 429s (Retry-After 1 s) injected into ${faulted} only`);
    console.log(`  429s answered ${b.rejected429}; sent ${count(b.sentRows)} of ${count(BURST.workspaces * BURST.perWorkspace)}, failed ${b.failedRows}, duplicates ${b.duplicates}, missing ${b.missing}`);
    console.log(
      `  ${faulted}: its ${BURST.perWorkspace} over ${secs(b.perWorkspace.get(faulted!)!.spanMs)} (${secs(paced)} paced, plus ~1 s per 429); ` +
        `the other ${others.length}: ${secs(Math.min(...otherSpans))}–${secs(Math.max(...otherSpans))} (unaffected: ${secs(paced)} paced); attempts per delivery at most ${maxAttempts} (a 429 is not an attempt)`,
    );

    const rss = await Promise.all(workers.map(stopWorker));
    workers = [];
    console.log(`  worker peak RSS ${rss.map((kb) => `${(kb / 1024).toFixed(0)} MB`).join(', ')}`);
    const ok = Math.abs(a.totalRate / SUM_OF_LIMITS - 1) <= TARGET_RATE_ERROR && a.unhandled429 === 0 && a.duplicates === 0 && a.sentRows === WORKSPACES * PER_WORKSPACE;
    const burstOk =
      b.duplicates === 0 && b.missing === 0 && b.failedRows === 0 && b.sentRows === BURST.workspaces * BURST.perWorkspace && Math.max(...otherSpans) <= paced * (1 + TARGET_RATE_ERROR) + 500;
    console.log(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
    console.log(`  ${ok && burstOk ? 'PASS' : 'FAIL'}`);
    db.$client.close();
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w).catch(() => undefined)));
    for (const q of [queue, planQueue]) {
      await q.obliterate({ force: true });
      await q.close();
    }
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(pacerKeys(prefix, QUEUE_NAMES.deliver).pattern);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type TWorkspaceRun = { posts: number; spanMs: number; rate: number; firstMs: number; excessMs: number };

type TFanOut = {
  enqueueMs: number;
  reenqueueMs: number;
  reenqueued: number;
  posts: TFakeCall[];
  spanMs: number;
  /** Posts per second from the first to the last, all workspaces together. */
  totalRate: number;
  perWorkspace: Map<string, TWorkspaceRun>;
  lateness: number[];
  rejected429: number;
  unhandled429: number;
  duplicates: number;
  missing: number;
  sentRows: number;
  failedRows: number;
  jobs: Record<string, number>;
};

async function fanOut(db: TDb, queue: Queue, fake: TFakeSlack, byWorkspace: Map<string, number[]>, label: string, faultsAt: number[] = []): Promise<TFanOut> {
  // Due now: the planner would enqueue them at their due time with no delay.
  const t0 = new Date();
  const ids = [...byWorkspace.values()].flat();
  const workspaces = [...byWorkspace.keys()];
  const inRun = `workspace_id in (${workspaces.map((ws) => `'${ws}'`).join(',')})`;
  db.$client.prepare(`update deliveries set due_at = ?, created_at = ? where ${inRun}`).run(t0.getTime(), t0.getTime());
  // Workspace after workspace: the order a single queue-wide limiter would serve the worst.
  const due = [...byWorkspace].flatMap(([workspaceId, wsIds]) => wsIds.map((deliveryId) => ({ deliveryId, workspaceId, dueAt: t0 })));

  let started = performance.now();
  // As a plan run in the worker does: each workspace's deliveries queued one pacing interval apart.
  const enqueued = await enqueueDeliveries(queue, due, t0, {}, { spreadMs: SPREAD ? INTERVAL_MS : 0 });
  const enqueueMs = performance.now() - started;
  if (enqueued.added !== ids.length) throw new Error(`${label}: enqueued ${enqueued.added} of ${ids.length}`);

  const okPosts = () => fake.callsTo('chat.postMessage').filter((c) => c.ok);
  const pending = db.$client.prepare(`select count(*) from deliveries where ${inRun} and status in ('pending', 'sending')`).pluck();
  const faults = [...faultsAt];
  const faulted = new Set(byWorkspace.get(workspaces[0]!)!);
  const expectedMs = (Math.max(...[...byWorkspace.values()].map((w) => w.length)) / RATE_PER_S) * 1000;
  const deadline = Date.now() + 3 * expectedMs + 60_000;
  let reenqueueMs = 0;
  let reenqueued = 0;
  while ((pending.get() as number) > 0) {
    if (Date.now() > deadline) {
      console.log(`  ${label}: gave up waiting, ${pending.get()} still to send`);
      break;
    }
    const sent = okPosts();
    const sentFaulted = sent.filter((c) => faulted.has(deliveryIdOf(c))).length;
    while (faults.length > 0 && sentFaulted >= faults[0]!) {
      faults.shift();
      fake.failNext('chat.postMessage', { status: 429, retryAfter: 1, when: (args) => faulted.has(deliveryIdOf({ args } as TFakeCall)) });
    }
    // Halfway, a plan run re-enqueues every delivery still to send, as each run does: it must add nothing.
    if (reenqueueMs === 0 && label === 'main' && sent.length >= ids.length / 2) {
      const now = new Date();
      const deliverable = [];
      for (const workspaceId of workspaces) deliverable.push(...(await listDeliverable(db, { workspaceId, dueBy: now })));
      const still = deliverable.map((d) => ({ deliveryId: d.id, workspaceId: d.workspaceId, dueAt: d.dueAt ?? now }));
      started = performance.now();
      const again = await enqueueDeliveries(queue, still, now);
      reenqueueMs = performance.now() - started;
      reenqueued = still.length;
      if (again.added !== 0) console.log(`  re-enqueue added ${again.added} jobs`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const posts = okPosts().sort((x, y) => x.at - y.at);
  const perDelivery = new Map<number, number>();
  for (const post of posts) perDelivery.set(deliveryIdOf(post), (perDelivery.get(deliveryIdOf(post)) ?? 0) + 1);
  const statuses = new Map((db.$client.prepare(`select status, count(*) n from deliveries where ${inRun} group by status`).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
  const perWorkspace = new Map<string, TWorkspaceRun>();
  for (const ws of workspaces) {
    const mine = posts.filter((p) => p.token === tokenOf(ws));
    const spanMs = mine.length > 1 ? mine.at(-1)!.at - mine[0]!.at : 0;
    perWorkspace.set(ws, {
      posts: mine.length,
      spanMs,
      // Intervals, not posts, over the span: n posts paced at r/s take (n − 1)/r seconds.
      rate: spanMs > 0 ? ((mine.length - 1) / spanMs) * 1000 : 0,
      firstMs: mine.length > 0 ? mine[0]!.at - t0.getTime() : Infinity,
      // The k-th post of a workspace (from 0) cannot go before k intervals after due: lateness beyond that.
      excessMs: Math.max(0, ...mine.map((p, k) => p.at - t0.getTime() - k * INTERVAL_MS)),
    });
  }
  const spanMs = posts.length > 1 ? posts.at(-1)!.at - posts[0]!.at : 0;
  // FANOUT_DEBUG=1: posts per second through the run, and when the 429s came (a dip shows the worker fell behind).
  if (process.env.FANOUT_DEBUG) {
    const perSecond = new Map<number, number>();
    for (const p of posts) perSecond.set(Math.floor((p.at - t0.getTime()) / 1000), (perSecond.get(Math.floor((p.at - t0.getTime()) / 1000)) ?? 0) + 1);
    console.log(`  posts per second: ${[...perSecond].sort((x, y) => x[0] - y[0]).map(([, n]) => n).join(' ')}`);
    const r429 = fake.calls.filter((c) => c.status === 429).map((c) => ((c.at - t0.getTime()) / 1000).toFixed(1));
    console.log(`  429 at (s): ${r429.slice(0, 40).join(' ')}`);
  }
  const notSent = ids.filter((id) => !perDelivery.has(id)).length;
  const rejected = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length;
  return {
    enqueueMs,
    reenqueueMs,
    reenqueued,
    posts,
    spanMs,
    totalRate: spanMs > 0 ? (posts.length / spanMs) * 1000 : 0,
    perWorkspace,
    lateness: posts.map((p) => p.at - t0.getTime()),
    rejected429: rejected,
    // A 429 left unhandled shows as a delivery that ended failed, or was never sent.
    unhandled429: rejected > 0 ? (statuses.get('failed') ?? 0) + notSent : 0,
    duplicates: [...perDelivery.values()].reduce((sum, n) => sum + n - 1, 0),
    missing: notSent,
    sentRows: statuses.get('sent') ?? 0,
    failedRows: statuses.get('failed') ?? 0,
    jobs: await queue.getJobCounts('completed', 'failed', 'delayed', 'wait', 'active'),
  };
}

function report(a: TFanOut, floorRate: number): void {
  const error = a.totalRate / SUM_OF_LIMITS - 1;
  const runs = [...a.perWorkspace.values()];
  const dist = (values: number[], fmt: (n: number) => string) => `min ${fmt(Math.min(...values))}, p50 ${fmt(percentile(values, 50))}, max ${fmt(Math.max(...values))}`;
  const ideal = ((PER_WORKSPACE * WORKSPACES) / ((PER_WORKSPACE - 1) * INTERVAL_MS)) * 1000;
  console.log(`main: ${count(a.posts.length)} posts over ${secs(a.spanMs)}`);
  console.log(
    `  total rate     ${a.totalRate.toFixed(1)}/s vs the sum of the workspaces' limits ${count(SUM_OF_LIMITS)}/s: ${(error * 100).toFixed(1)} % (target within ±${TARGET_RATE_ERROR * 100} %; ` +
      `perfect pacing: ${ideal.toFixed(1)}/s, as n posts take n − 1 intervals)`,
  );
  console.log(`  floor          bare chat.postMessage calls from one process, concurrency ${CONCURRENCY}, no queue, pacer or database: ${floorRate.toFixed(0)}/s (the sum of the limits is ${((SUM_OF_LIMITS / floorRate) * 100).toFixed(0)} % of it)`);
  console.log(`  per workspace  rate ${dist(runs.map((r) => r.rate), (n) => `${n.toFixed(2)}/s`)} (limit ${RATE_PER_S.toFixed(2)}/s); span ${dist(runs.map((r) => r.spanMs), secs)} (${secs((PER_WORKSPACE - 1) * INTERVAL_MS)} paced)`);
  console.log(`  first post     of each workspace after due: ${dist(runs.map((r) => r.firstMs), secs)} (queued workspace after workspace: none waits behind another's backlog)`);
  console.log(`  lateness       p50 ${secs(percentile(a.lateness, 50))}, p99 ${secs(percentile(a.lateness, 99))}, max ${secs(Math.max(...a.lateness))} after due; beyond what each workspace's pacing requires (its k-th post k intervals after due): ${dist(runs.map((r) => r.excessMs), secs)}`);
  console.log(`  429s           ${a.rejected429} answered by the fake's per-token limit, ${a.unhandled429} unhandled (target 0)`);
  console.log(`  sent rows      ${count(a.sentRows)} (target ${count(WORKSPACES * PER_WORKSPACE)}), failed ${a.failedRows}, duplicates ${a.duplicates} (target 0), never posted ${a.missing}`);
  console.log(`  jobs           ${Object.entries(a.jobs).map(([state, n]) => `${state} ${count(n)}`).join(', ')}`);
  console.log(`  enqueue        ${count(a.posts.length)} jobs in ${secs(a.enqueueMs)} (enqueueDeliveries); halfway, a plan run's re-enqueue of the ${count(a.reenqueued)} still to send (all exist): ${secs(a.reenqueueMs)}`);
}

/**
 * Unpaced posts through the same client to a fake Slack like the run's (in this process too) but without its
 * per-token limit, at the worker's concurrency: what the pipe can take without the queue.
 */
async function measureFloor(): Promise<number> {
  const fake = await startFakeSlack({ tsEpoch: Math.floor(Date.now() / 1000) });
  const slack = createDeliverySlack(createDeliveryWebClient('xoxb-bench-floor', { apiUrl: fake.url }));
  const message = renderCheckin({ deliveryId: 1, cadence: 'daily', basis: { kind: 'setting' } });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < FLOOR_POSTS) {
        const i = next++;
        await slack.post({ userId: `U0FLOOR${i}`, deliveryId: 1_000_000 + i, kind: 'checkin', message });
      }
    }),
  );
  const rate = (FLOOR_POSTS / (performance.now() - started)) * 1000;
  await fake.close();
  return rate;
}

function startWorker(dbPath: string, prefix: string, slackApiUrl: string): Promise<{ child: ChildProcess; exited: Promise<string> }> {
  const child = spawn(process.execPath, [...(process.env.FANOUT_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.FANOUT_PROF] : []), '--import', 'tsx', join(HERE, 'fanout-worker.ts'), dbPath, prefix, slackApiUrl, String(RATE), String(CONCURRENCY)], {
    env: { ...process.env, REDIS_URL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const exited = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('READY')) resolve({ child, exited });
    });
    child.once('exit', (code) => reject(new Error(`fanout worker exited with ${code}: ${out}`)));
  });
}

async function stopWorker(worker: { child: ChildProcess; exited: Promise<string> }): Promise<number> {
  worker.child.kill('SIGTERM');
  const out = await worker.exited;
  return Number(/DONE (\d+)/.exec(out)?.[1] ?? 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
