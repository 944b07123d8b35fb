// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPendingCheckins, PLAN_ZONES } from '../../bench/deliveries-data';
import { inArray, max } from 'drizzle-orm';
import { closeDb, type TDb } from '../../db/client';
import { DELIVER_JOB, DELIVER_JOB_OPTIONS, deliverJobId, enqueueDeliveries } from '../../jobs/definitions';
import { startDeliveryWorkers, type TRunningDeliveryWorkers } from '../../jobs/delivery-workers';
import { createPacer, pacerKeys, type TPacer } from '../../jobs/pacer';
import { QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import type { TDeliveryPort, TWorkspaceSenders } from '../../src/services/deliveries/port';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { s } from '../support/tables';
import { sharedDb } from './support/shared-db';
import { REDIS_URL, silentLogger, uniquePrefix, waitUntil } from './support/helpers';

const tokenOf = (workspaceId: string) => `xoxb-${workspaceId}`;
const deliveryIdOf = (call: TFakeCall) => Number((call.args.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id);

/** Deletes the pacer's keys under a test prefix (they expire on their own; a test leaves nothing behind). */
async function clearPacerKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(pacerKeys(prefix, QUEUE_NAMES.deliver).pattern);
  if (keys.length > 0) await redis.del(...keys);
}

describe.sequential('the pacer on the real Redis, shared by two workers', () => {
  const prefix = uniquePrefix('pacer');
  let redis: Redis;
  let first: TPacer;
  let second: TPacer;
  const keys = pacerKeys(prefix, QUEUE_NAMES.deliver);

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    // Two pacers on their own connections stand for two worker processes.
    first = createPacer({ connection: redisConnection(REDIS_URL, 'worker'), prefix, queueName: QUEUE_NAMES.deliver, ratePerSecond: 5 });
    second = createPacer({ connection: redisConnection(REDIS_URL, 'worker'), prefix, queueName: QUEUE_NAMES.deliver, ratePerSecond: 5 });
  });
  afterAll(async () => {
    await clearPacerKeys(redis, prefix);
    await Promise.all([first?.close(), second?.close()]);
    redis?.disconnect();
  });

  it('hands out each slot of a workspace once, one interval apart, whoever asks; another workspace starts now', async () => {
    const now = 1_800_000_000_000;
    const slots = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? first : second).reserve('T0PACEA', `job-${i}`, '0', { now })));
    expect([...slots].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => now + i * 200));
    expect(await second.reserve('T0PACEB', 'job-b', '0', { now })).toBe(now);
    expect(Number(await redis.get(keys.next('T0PACEA')))).toBe(now + 100 * 200);
    // The keys expire: nothing is left behind by a workspace that stops sending.
    expect(await redis.pttl(keys.next('T0PACEA'))).toBeGreaterThan(0);
    expect(await redis.pttl(keys.held('job-0'))).toBeGreaterThan(0);
  });

  it('a job coming back from its delay gets the slot it reserved; a retry after a failed send gets a new one', async () => {
    const now = 1_800_000_100_000;
    const slot = await first.reserve('T0PACEC', 'job-c', '0', { now });
    await first.reserve('T0PACEC', 'job-other', '0', { now });
    expect(await second.reserve('T0PACEC', 'job-c', '0', { now: now + 5 })).toBe(slot);
    expect(await second.reserve('T0PACEC', 'job-c', '1', { now: now + 5 })).toBe(slot + 400);
    expect(await second.reserve('T0PACEC', 'job-c', '1', { now: now + 5, fresh: true })).toBe(slot + 600);
  });

  it('a 429 holds back only its workspace, including slots its jobs already reserved', async () => {
    const now = 1_800_000_200_000;
    const held = await first.reserve('T0PACED', 'job-d', '0', { now: now + 200 });
    expect(held).toBe(now + 200);
    expect(await first.pushBack('T0PACED', 3_000, now)).toBe(now + 3_000);
    // job-d's slot fell inside the hold: it gets one after it.
    expect(await second.reserve('T0PACED', 'job-d', '0', { now: now + 200 })).toBe(now + 3_000);
    expect(await second.reserve('T0PACED', 'job-d2', '0', { now: now + 200 })).toBe(now + 3_200);
    // A shorter push later does not shorten the hold.
    expect(await second.pushBack('T0PACED', 1_000, now + 100)).toBe(now + 3_400);
    expect(await first.reserve('T0PACEE', 'job-e', '0', { now })).toBe(now);
  });
});

describe.sequential('deliver jobs paced per workspace, over the real Redis', { timeout: 60_000 }, () => {
  const prefix = uniquePrefix('pacing');
  let fake: TFakeSlack;
  let dir: string;
  let db: TDb;
  let deliverQueue: Queue;
  let redis: Redis;
  const running: TRunningDeliveryWorkers[] = [];

  // Each workspace sends with its own token, as with OAuth installs: the fake tells the workspaces apart by it.
  const ports = new Map<string, TDeliveryPort>();
  const senders: TWorkspaceSenders = {
    forWorkspace: async (workspaceId) => {
      if (!ports.has(workspaceId)) ports.set(workspaceId, createDeliverySlack(createDeliveryWebClient(tokenOf(workspaceId), { apiUrl: fake.url })));
      return ports.get(workspaceId)!;
    },
  };
  const startWorkers = async (ratePerSecond: number) => {
    const workers = await startDeliveryWorkers({
      db,
      connection: redisConnection(REDIS_URL, 'worker'),
      prefix,
      logger: silentLogger,
      slack: senders,
      ratePerSecond,
      planEveryMs: null,
      claimLeaseMs: 5_000,
      deliverJobOptions: { backoff: { type: 'fixed', delay: 200 } },
      workerOptions: { stalledInterval: 1_000 },
    });
    running.push(workers);
    return workers;
  };
  // Zones where now is well inside the local day: a check-in is sent only on the day it is due.
  const zones = () => PLAN_ZONES.filter((tz) => DateTime.now().setZone(tz).hour >= 1 && DateTime.now().setZone(tz).hour < 22);
  const checkins = (workspaceId: string, recipients: number) => createPendingCheckins(db, { workspaceId, recipients, dueAt: new Date(), zones: zones() });
  const enqueue = (workspaceId: string, ids: number[]) => enqueueDeliveries(deliverQueue, ids.map((deliveryId) => ({ deliveryId, workspaceId, dueAt: new Date() })), new Date());
  const okPosts = (workspaceId: string) => fake.callsTo('chat.postMessage').filter((c) => c.ok && c.token === tokenOf(workspaceId));
  const statuses = async (ids: number[]) => (await db.select({ status: s.deliveries.status }).from(s.deliveries).where(inArray(s.deliveries.id, ids))).map((r) => r.status);
  const allSent = async (ids: number[]) => (await statuses(ids)).every((status) => status === 'sent');

  beforeAll(async () => {
    // Slack's ts are the real time: the lookup of an earlier post searches from the delivery's creation.
    fake = await startFakeSlack({ tsEpoch: Math.floor(Date.now() / 1000) });
    dir = mkdtempSync(join(tmpdir(), 'canopy-pacing-'));
    ({ db } = await sharedDb(join(dir, 'canopy.db')));
    deliverQueue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
    redis = new Redis(REDIS_URL);
  });
  beforeEach(() => fake.reset());
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await deliverQueue?.obliterate({ force: true });
    await deliverQueue?.close();
    await new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix }).obliterate({ force: true });
    if (redis) await clearPacerKeys(redis, prefix);
    redis?.disconnect();
    await fake?.close();
    if (db) await closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a workspace with 200 deliveries queued first does not hold up another's 5; each sent once, by two workers", async () => {
    const busy = await checkins('T0BUSY', 200);
    const quiet = await checkins('T0QUIET', 5);
    // Queued before any worker runs, the busy workspace's whole backlog ahead of the quiet one's.
    await enqueue('T0BUSY', busy);
    await enqueue('T0QUIET', quiet);
    const started = Date.now();
    await Promise.all([startWorkers(20), startWorkers(20)]);

    await waitUntil(() => allSent([...busy, ...quiet]), 30_000, 'all 205 deliveries sent');

    const order = fake.callsTo('chat.postMessage').filter((c) => c.ok);
    const busyPosts = okPosts('T0BUSY');
    const lastQuiet = Math.max(...okPosts('T0QUIET').map((c) => order.indexOf(c)));
    // The quiet workspace's five went out early in the busy one's backlog (once the workers had looked past it, and
    // put its jobs off to their slots), not after its 200 as behind one queue-wide limiter.
    expect(okPosts('T0QUIET')).toHaveLength(5);
    expect(order.indexOf(busyPosts[100]!)).toBeGreaterThan(lastQuiet);
    // The busy workspace was paced at its 20/s (50 ms apart) whichever of the two workers sent: its 200th send slot is
    // 199 intervals after the first, which was no earlier than the workers' start.
    expect(busyPosts.at(-1)!.at - started).toBeGreaterThanOrEqual(199 * 50 - 20);
    // Exactly once each: the delivery rows are the truth.
    const posted = order.map(deliveryIdOf);
    expect(new Set(posted).size).toBe(posted.length);
    expect([...posted].sort((a, b) => a - b)).toEqual([...busy, ...quiet].sort((a, b) => a - b));
  });

  it("a 429 for one workspace delays only that workspace's jobs, for Retry-After, and is not an attempt", async () => {
    // 2/s: the limited workspace's next send is half a second after the one Slack refuses, well after the 429 is back.
    const limited = await checkins('T0LIMITED', 4);
    const other = await checkins('T0OTHER', 4);
    const workers = await startWorkers(2);
    const failures: string[] = [];
    workers.deliver.worker.on('failed', (job) => failures.push(job?.id ?? '?'));
    const limitedIds = new Set(limited);
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 3, when: (args) => limitedIds.has(deliveryIdOf({ args } as TFakeCall)) });

    await enqueue('T0LIMITED', limited);
    await enqueue('T0OTHER', other);
    await waitUntil(() => allSent([...limited, ...other]), 30_000, 'all 8 deliveries sent');

    const [rejected, ...more] = fake.callsTo('chat.postMessage').filter((c) => c.status === 429);
    expect(more).toEqual([]);
    expect(rejected!.token).toBe(tokenOf('T0LIMITED'));
    // Nothing more went to the limited workspace before Retry-After had passed …
    for (const post of okPosts('T0LIMITED')) expect(post.at).toBeGreaterThanOrEqual(rejected!.at + 3_000 - 5);
    // … while the other workspace's four (1.5 s at 2/s) went out meanwhile, before any of them.
    const firstLimited = Math.min(...okPosts('T0LIMITED').map((c) => c.at));
    expect(okPosts('T0OTHER').every((c) => c.at < firstLimited)).toBe(true);
    expect(failures).toEqual([]);
    expect((await db.select({ attempts: max(s.deliveries.attempts) }).from(s.deliveries).where(inArray(s.deliveries.id, limited)))[0]!.attempts).toBe(1);
    expect(new Set(okPosts('T0LIMITED').map(deliveryIdOf))).toEqual(limitedIds);
  });

  it("a plan run's enqueue spreads each workspace's simultaneous deliveries over its pacing interval; an existing job is left alone", async () => {
    const a = await checkins('T0SPREADA', 3);
    const b = await checkins('T0SPREADB', 2);
    const now = new Date();
    const due = [...a.map((deliveryId) => ({ deliveryId, workspaceId: 'T0SPREADA', dueAt: now })), ...b.map((deliveryId) => ({ deliveryId, workspaceId: 'T0SPREADB', dueAt: now }))];
    expect(await enqueueDeliveries(deliverQueue, due, now, {}, { spreadMs: 250 })).toEqual({ added: 5, retried: 0, unchanged: 0 });
    const delays = async (ids: number[]) => Promise.all(ids.map(async (id) => (await deliverQueue.getJob(deliverJobId(id)))!.opts.delay ?? 0));
    expect(await delays(a)).toEqual([0, 250, 500]);
    expect(await delays(b)).toEqual([0, 250]);
    expect((await deliverQueue.getJob(deliverJobId(a[1]!)))!.data).toEqual({ deliveryId: a[1], workspaceId: 'T0SPREADA' });
    // The next plan run finds them queued.
    expect(await enqueueDeliveries(deliverQueue, due, now, {}, { spreadMs: 250 })).toEqual({ added: 0, retried: 0, unchanged: 5 });
    await Promise.all([...a, ...b].map((id) => deliverQueue.remove(deliverJobId(id))));
  });

  it('a job queued by an older version, without its workspace, is paced by the workspace of its delivery row', async () => {
    const [id] = await checkins('T0OLDJOB', 1);
    await startWorkers(10);
    await deliverQueue.add(DELIVER_JOB, { deliveryId: id }, { ...DELIVER_JOB_OPTIONS, jobId: deliverJobId(id!) });

    await waitUntil(() => allSent([id!]), 15_000, 'the old job delivered');
    await waitUntil(async () => (await deliverQueue.getJobState(deliverJobId(id!))) === 'completed', 5_000, 'the job to complete');

    expect(okPosts('T0OLDJOB').map(deliveryIdOf)).toEqual([id]);
    expect((await deliverQueue.getJob(deliverJobId(id!)))!.returnvalue).toMatchObject({ outcome: 'sent', deliveryId: id });
    // The pacer reserved its slot under the row's workspace.
    expect(await redis.exists(pacerKeys(prefix, QUEUE_NAMES.deliver).next('T0OLDJOB'))).toBe(1);
  });
});
