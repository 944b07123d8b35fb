import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { openDb, type TDb } from '../db/client';
import { listDeliverable } from '../db/repositories/deliveries';
import { enqueueDeliveries } from '../jobs/definitions';
import { DELIVER_CONCURRENCY } from '../jobs/delivery-workers';
import { QUEUE_NAMES, redisConnection } from '../jobs/queues';
import { createDeliverySlack, createDeliveryWebClient } from '../src/slack/deliver';
import { renderCheckin } from '../src/slack/blocks/checkin';
import { startFakeSlack, type TFakeCall, type TFakeSlack } from '../test/support/fake-slack';
import { createPendingCheckins, PLAN_ZONES } from './deliveries-data';
import { percentile } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKSPACE = 'T0FANOUT';
const RECIPIENTS = 10_000;
/**
 * The deliver limiter for the run: 100 a second, 20× production's DELIVER_RATE_LIMIT (5/s, which would make
 * 10,000 take 33 minutes), so the run takes ~100 s and the limiter, not the worker, is what paces it.
 */
const LIMITER = { max: Number(process.env.FANOUT_LIMIT_MAX ?? 100), duration: Number(process.env.FANOUT_LIMIT_MS ?? 1_000) };
const LIMIT_PER_S = (LIMITER.max * 1_000) / LIMITER.duration;
/** The fake Slack's chat.postMessage limit, Slack's way (a sliding minute, 429 + Retry-After past it): 10 % above ours. */
const SLACK_PER_MINUTE = Math.round(LIMIT_PER_S * 60 * 1.1);
/** A second, shorter fan-out with 429s injected (Retry-After 1 s) at these posts: each must pause the queue and lose nothing. */
const BURST = { workspaceId: 'T0FANOUTB', recipients: 1_000, faultsAt: [100, 300, 500, 700, 900] };
/** The floor: bare chat.postMessage calls (no queue, no database) at the worker's concurrency, unpaced. */
const FLOOR_POSTS = 2_000;
const TARGET_RATE_ERROR = 0.1;

const count = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const deliveryIdOf = (call: TFakeCall) => Number((call.args.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id);

/**
 * Fan-out of 10,000 check-ins due at once, to 10,000 recipients, through the real deliver workers (their own
 * process, Redis, bullmq's limiter) to the fake Slack enforcing a Slack-like per-minute limit: achieved rate
 * against the configured limit, 429s, duplicates, lateness against what the pacing requires.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-fanout-'));
  const dbPath = join(dir, 'fanout.db');
  const prefix = `canopy-bench-fanout-${randomBytes(4).toString('hex')}`;
  const fake = await startFakeSlack({ rateLimits: { 'chat.postMessage': { perMinute: SLACK_PER_MINUTE } }, tsEpoch: Math.floor(Date.now() / 1000) });
  const queue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  // The workers open the plan queue too (no jobs, but its keys): removed with the rest.
  const planQueue = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  let worker: { child: ChildProcess; exited: Promise<string> } | undefined;
  try {
    // Zones where now is well inside the local day: a check-in is only sent on the day it was due.
    const zones = PLAN_ZONES.filter((tz) => DateTime.now().setZone(tz).hour >= 1 && DateTime.now().setZone(tz).hour < 22);
    const db = openDb(dbPath);
    let started = performance.now();
    const main = createPendingCheckins(db, { workspaceId: WORKSPACE, recipients: RECIPIENTS, dueAt: new Date(), zones });
    // The burst's own workspace, so the main run's re-enqueue (one workspace's deliverable rows) leaves it alone.
    const burst = createPendingCheckins(db, { workspaceId: BURST.workspaceId, recipients: BURST.recipients, dueAt: new Date(), zones });
    console.log(`fanout: ${count(RECIPIENTS)} check-ins to ${count(RECIPIENTS)} recipients in ${zones.length} zones, generated in ${secs(performance.now() - started)}`);
    console.log(`  deliver limiter ${LIMITER.max} per ${LIMITER.duration} ms (production: 5/s), concurrency ${DELIVER_CONCURRENCY}; fake Slack chat.postMessage ${count(SLACK_PER_MINUTE)}/min (sliding minute, 429 + Retry-After)`);

    const floorRate = await measureFloor(fake);
    fake.reset();

    worker = await startWorker(dbPath, prefix, fake.url);
    const a = await fanOut(db, queue, fake, main, 'main');
    report(a, floorRate);

    // Burst: the same path with 429s injected, fake reset so only this run's calls count.
    fake.reset();
    const b = await fanOut(db, queue, fake, burst, 'burst', BURST.faultsAt);
    const paced = (BURST.recipients / LIMIT_PER_S) * 1000;
    const maxAttempts = db.$client.prepare(`select max(attempts) from deliveries where id >= ?`).pluck().get(burst[0]) as number;
    console.log(`429 handling: ${count(BURST.recipients)} more with ${BURST.faultsAt.length} injected 429s (Retry-After 1 s)`);
    console.log(`  429s answered ${b.rejected429}; sent ${count(b.sentRows)} of ${count(BURST.recipients)}, failed ${b.failedRows}, duplicates ${b.duplicates}, missing ${b.missing}`);
    console.log(`  elapsed ${secs(b.spanMs)} (${secs(paced)} paced, plus up to 1 s per 429 while the queue is paused); attempts per delivery at most ${maxAttempts} (a 429 is not an attempt)`);

    const rss = await stopWorker(worker);
    worker = undefined;
    console.log(`  worker peak RSS ${(rss / 1024).toFixed(0)} MB`);
    const ok = Math.abs(a.rate / LIMIT_PER_S - 1) <= TARGET_RATE_ERROR && a.unhandled429 === 0 && a.duplicates === 0 && a.sentRows === RECIPIENTS;
    const burstOk = b.duplicates === 0 && b.missing === 0 && b.failedRows === 0 && b.sentRows === BURST.recipients;
    console.log(`  ${ok && burstOk ? 'PASS' : 'FAIL'}`);
    db.$client.close();
  } finally {
    if (worker) await stopWorker(worker).catch(() => undefined);
    for (const q of [queue, planQueue]) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type TFanOut = {
  enqueueMs: number;
  reenqueueMs: number;
  reenqueued: number;
  posts: TFakeCall[];
  rate: number;
  spanMs: number;
  lateness: number[];
  /** Lateness beyond what the pacing requires: the k-th post (from 0) cannot go before k / limit seconds. */
  excessMs: number;
  peak100ms: number;
  peak1s: number;
  medianGapMs: number;
  peak60s: number;
  rejected429: number;
  unhandled429: number;
  duplicates: number;
  missing: number;
  sentRows: number;
  failedRows: number;
  jobs: Record<string, number>;
};

async function fanOut(db: TDb, queue: Queue, fake: TFakeSlack, ids: number[], label: string, faultsAt: number[] = []): Promise<TFanOut> {
  // Due now: the planner would enqueue them at their due time with no delay.
  const t0 = new Date();
  const first = ids[0]!;
  const last = ids[ids.length - 1]!;
  db.$client.prepare('update deliveries set due_at = ?, created_at = ? where id between ? and ?').run(t0.getTime(), t0.getTime(), first, last);
  const due = ids.map((deliveryId) => ({ deliveryId, workspaceId: label === "main" ? WORKSPACE : BURST.workspaceId, dueAt: t0 }));

  let started = performance.now();
  const enqueued = await enqueueDeliveries(queue, due, t0);
  const enqueueMs = performance.now() - started;
  if (enqueued.added !== ids.length) throw new Error(`${label}: enqueued ${enqueued.added} of ${ids.length}`);

  const okPosts = () => fake.callsTo('chat.postMessage').filter((c) => c.ok);
  const pending = db.$client.prepare(`select count(*) from deliveries where id between ? and ? and status in ('pending', 'sending')`).pluck();
  const faults = [...faultsAt];
  const expectedMs = (ids.length / LIMIT_PER_S) * 1000;
  const deadline = Date.now() + 3 * expectedMs + 60_000;
  let reenqueueMs = 0;
  let reenqueued = 0;
  while ((pending.get(first, last) as number) > 0) {
    if (Date.now() > deadline) {
      console.log(`  ${label}: gave up waiting, ${pending.get(first, last)} still to send`);
      break;
    }
    const sent = okPosts().length;
    while (faults.length > 0 && sent >= faults[0]!) {
      faults.shift();
      fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    }
    // Halfway, a plan run re-enqueues every delivery still to send, as each run does: it must add nothing.
    if (reenqueueMs === 0 && label === 'main' && sent >= ids.length / 2) {
      const now = new Date();
      const still = listDeliverable(db, { workspaceId: WORKSPACE, dueBy: now }).map((d) => ({ deliveryId: d.id, workspaceId: d.workspaceId, dueAt: d.dueAt ?? now }));
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
  const statuses = new Map(
    (db.$client.prepare('select status, count(*) n from deliveries where id between ? and ? group by status').all(first, last) as { status: string; n: number }[]).map((r) => [r.status, r.n]),
  );
  const lateness = posts.map((p) => p.at - t0.getTime());
  const spanMs = posts.length > 1 ? posts[posts.length - 1]!.at - posts[0]!.at : 0;
  const peak = (windowMs: number) => {
    let most = 0;
    for (let i = 0, j = 0; i < posts.length; i++) {
      while (posts[i]!.at - posts[j]!.at >= windowMs) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };
  const notSent = ids.filter((id) => !perDelivery.has(id)).length;
  const rejected = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length;
  return {
    enqueueMs,
    reenqueueMs,
    reenqueued,
    posts,
    rate: spanMs > 0 ? (posts.length / spanMs) * 1000 : 0,
    spanMs,
    lateness,
    excessMs: Math.max(...lateness.map((ms, k) => ms - (k / LIMIT_PER_S) * 1000)),
    peak100ms: peak(100),
    peak1s: peak(1_000),
    medianGapMs: percentile(posts.slice(1).map((post, i) => post.at - posts[i]!.at), 50),
    peak60s: peak(60_000),
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
  const error = a.rate / LIMIT_PER_S - 1;
  const p = (q: number) => secs(percentile(a.lateness, q));
  console.log(`main: ${count(a.posts.length)} posts over ${secs(a.spanMs)}`);
  console.log(`  achieved rate  ${a.rate.toFixed(1)}/s vs the configured ${LIMIT_PER_S}/s: ${(error * 100).toFixed(1)} % (target within ±${TARGET_RATE_ERROR * 100} %)`);
  console.log(`  floor          bare chat.postMessage calls, concurrency ${DELIVER_CONCURRENCY}, no queue or database: ${floorRate.toFixed(0)}/s (the limit is ${((LIMIT_PER_S / floorRate) * 100).toFixed(0)} % of it)`);
  const evenGap = 1000 / LIMIT_PER_S;
  console.log(`  spread         median gap between posts ${a.medianGapMs} ms (evenly paced: ${evenGap} ms); at most ${a.peak100ms} posts in any 100 ms (evenly: ${LIMIT_PER_S / 10}), ${a.peak1s} in any 1 s (limit ${LIMITER.max} per window), ${count(a.peak60s)} in any 60 s (Slack's ${count(SLACK_PER_MINUTE)})`);
  console.log(`  lateness       p50 ${p(50)}, p99 ${p(99)}, max ${p(100)} after due; beyond what ${LIMIT_PER_S}/s pacing requires (k-th post at k/${LIMIT_PER_S} s): at most ${secs(a.excessMs)}`);
  console.log(`  429s           ${a.rejected429} answered, ${a.unhandled429} unhandled (target 0)`);
  console.log(`  sent rows      ${count(a.sentRows)} (target ${count(RECIPIENTS)}), failed ${a.failedRows}, duplicates ${a.duplicates} (target 0), never posted ${a.missing}`);
  console.log(`  jobs           ${Object.entries(a.jobs).map(([state, n]) => `${state} ${count(n)}`).join(', ')}`);
  console.log(`  enqueue        ${count(RECIPIENTS)} jobs in ${secs(a.enqueueMs)} (enqueueDeliveries); halfway, a plan run's re-enqueue of the ${count(a.reenqueued)} still to send (all exist): ${secs(a.reenqueueMs)}`);
}

/** Unpaced posts through the same client and fake, at the worker's concurrency: what the pipe can take without the queue. */
async function measureFloor(fake: TFakeSlack): Promise<number> {
  const slack = createDeliverySlack(createDeliveryWebClient('xoxb-bench', { apiUrl: fake.url }));
  const message = renderCheckin({ deliveryId: 1, cadence: 'daily', basis: { kind: 'setting' } });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: DELIVER_CONCURRENCY }, async () => {
      while (next < FLOOR_POSTS) {
        const i = next++;
        await slack.post({ userId: `U0FLOOR${i}`, deliveryId: 1_000_000 + i, kind: 'checkin', message });
      }
    }),
  );
  return (FLOOR_POSTS / (performance.now() - started)) * 1000;
}

function startWorker(dbPath: string, prefix: string, slackApiUrl: string): Promise<{ child: ChildProcess; exited: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'fanout-worker.ts'), dbPath, prefix, slackApiUrl, String(LIMITER.max), String(LIMITER.duration)], {
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
