// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, type TDb } from '../../db/client';
import { deliverJobId, PLAN_JOB } from '../../jobs/definitions';
import { startDeliveryWorkers, type TRunningDeliveryWorkers, type TStartDeliveryWorkersOptions } from '../../jobs/delivery-workers';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import { parsePlanPayload } from '../../jobs/processors/plan';
import { ensurePlanSchedule, PLAN_SCHEDULER_ID } from '../../jobs/schedules';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { addOneOnOneStartingSoon, deliveryRows } from './support/deliveries';
import { sharedDb, type TDatabaseEnv } from './support/shared-db';
import { CHILD_DELIVER_SCRIPT, REDIS_URL, silentLogger, spawnChildWorker, type TChildWorker, uniquePrefix, waitUntil } from './support/helpers';

describe.sequential('plan and deliver against the real Redis', () => {
  const prefix = uniquePrefix('deliver');
  let fake: TFakeSlack;
  let dir: string;
  let dbEnv: TDatabaseEnv;
  let db: TDb;
  let planQueue: Queue;
  let deliverQueue: Queue;
  const running: TRunningDeliveryWorkers[] = [];
  const children: TChildWorker[] = [];

  const deliveryIdOf = (call: TFakeCall) => (call.args.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id;
  // The faults target briefs: on a Monday morning the plan also sends the week's digests, whose posts come first.
  const isBrief = (args: Record<string, unknown>) => (args.metadata as { event_payload?: { kind?: string } } | undefined)?.event_payload?.kind === 'brief';
  const posts = (deliveryId: number) => fake.callsTo('chat.postMessage').filter((c) => deliveryIdOf(c) === deliveryId);
  const okPosts = (deliveryId: number) => posts(deliveryId).filter((c) => c.ok);
  const briefs = async (workspaceId: string) => (await deliveryRows(db, workspaceId)).filter((r) => r.kind === 'brief');
  const rowOf = async (id: number) => (await deliveryRows(db)).find((r) => r.id === id)!;

  const startWorkers = async (overrides: Partial<TStartDeliveryWorkersOptions> = {}) => {
    const workers = await startDeliveryWorkers({
      db,
      connection: redisConnection(REDIS_URL, 'worker'),
      prefix,
      logger: silentLogger,
      slack: createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url })),
      planEveryMs: null,
      limiter: { max: 50, duration: 1_000 },
      claimLeaseMs: 1_500,
      deliverJobOptions: { backoff: { type: 'fixed', delay: 200 } },
      workerOptions: { stalledInterval: 300 },
      ...overrides,
    });
    running.push(workers);
    return workers;
  };
  const plan = (workspaceId: string) => planQueue.add(PLAN_JOB, { workspaceId });

  beforeAll(async () => {
    // Slack's ts are the real time: the lookup of an earlier post searches from the delivery's creation.
    fake = await startFakeSlack({ tsEpoch: Math.floor(Date.now() / 1000) });
    dir = mkdtempSync(join(tmpdir(), 'canopy-deliver-'));
    ({ db, env: dbEnv } = await sharedDb(join(dir, 'canopy.db')));
    planQueue = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
    deliverQueue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  });
  beforeEach(() => fake.reset());
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await Promise.all(running.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await planQueue?.obliterate({ force: true });
    await deliverQueue?.obliterate({ force: true });
    await planQueue?.close();
    await deliverQueue?.close();
    await fake?.close();
    if (db) await closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('two plans and two worker processes: every brief is posted exactly once', async () => {
    for (const tag of ['A', 'B', 'C']) await addOneOnOneStartingSoon(db, { workspaceId: 'T0JOBA', tag: `A${tag}`, now: new Date(), minutesAhead: 50 });
    const child = spawnChildWorker({ ...dbEnv, QUEUE_PREFIX: prefix, LOCK_MS: 30_000, SLACK_API_URL: fake.url }, CHILD_DELIVER_SCRIPT);
    children.push(child);
    await child.waitFor('ready');
    await startWorkers();

    await Promise.all([plan('T0JOBA'), plan('T0JOBA')]);
    await waitUntil(async () => { const rows = await briefs('T0JOBA'); return rows.length === 3 && rows.every((r) => r.status === 'sent'); }, 15_000, 'three briefs sent');

    for (const brief of await briefs('T0JOBA')) expect(okPosts(brief.id)).toHaveLength(1);
    // Whatever else was due (a reminder, depending on the hour) went out once too, and nothing was posted twice.
    const ids = fake.callsTo('chat.postMessage').filter((c) => c.ok).map(deliveryIdOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await deliveryRows(db)).filter((r) => r.status === 'sent').map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it('a worker killed after Slack accepted the message, before recording it: another finishes it, one message', async () => {
    await addOneOnOneStartingSoon(db, { workspaceId: 'T0JOBB', tag: 'B', now: new Date(), minutesAhead: 50 });
    const child = spawnChildWorker({ ...dbEnv, QUEUE_PREFIX: prefix, LOCK_MS: 1_000, SLACK_API_URL: fake.url, HANG_AFTER_POST: '1' }, CHILD_DELIVER_SCRIPT);
    children.push(child);
    await child.waitFor('ready');
    await plan('T0JOBB');
    await child.waitFor('posted');
    const [brief] = await briefs('T0JOBB');
    const posted = child.events.find((e) => e.event === 'posted' && e.deliveryId === brief!.id);
    expect(posted).toBeDefined();
    expect((await rowOf(brief!.id)).status).toBe('sending');
    child.proc.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const rescuer = await startWorkers();
    const stalled: string[] = [];
    rescuer.deliver.worker.on('stalled', (jobId) => stalled.push(jobId));
    await waitUntil(async () => (await rowOf(brief!.id)).status === 'sent', 15_000, 'the brief recorded as sent');

    expect(okPosts(brief!.id)).toHaveLength(1);
    expect((await rowOf(brief!.id)).slack_ts).toBe(posted!.ts);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
    expect(stalled).toEqual([deliverJobId(brief!.id)]);
    await waitUntil(async () => (await deliverQueue.getJobState(deliverJobId(brief!.id))) === 'completed', 5_000, 'the job to complete');
    expect((await deliverQueue.getJob(deliverJobId(brief!.id)))!.returnvalue).toMatchObject({ outcome: 'recovered' });
  });

  it('429 with Retry-After: 1 holds the workspace back about a second, then delivers; no failure', async () => {
    await addOneOnOneStartingSoon(db, { workspaceId: 'T0JOBC', tag: 'C', now: new Date(), minutesAhead: 50 });
    const workers = await startWorkers();
    const failures: string[] = [];
    workers.deliver.worker.on('failed', (job) => failures.push(job?.id ?? '?'));
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1, when: isBrief });

    await plan('T0JOBC');
    await waitUntil(async () => (await briefs('T0JOBC'))[0]?.status === 'sent', 15_000, 'the brief sent');

    const [brief] = await briefs('T0JOBC');
    const tries = posts(brief!.id);
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900);
    expect(failures).toEqual([]);
    expect(await rowOf(brief!.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('5xx twice, then ok: delivered once after the backoff', async () => {
    await addOneOnOneStartingSoon(db, { workspaceId: 'T0JOBD', tag: 'D', now: new Date(), minutesAhead: 50 });
    const workers = await startWorkers();
    const failures: string[] = [];
    workers.deliver.worker.on('failed', (job) => failures.push(job?.id ?? '?'));
    fake.failNext('chat.postMessage', { status: 500, times: 2, when: isBrief });

    await plan('T0JOBD');
    await waitUntil(async () => (await briefs('T0JOBD'))[0]?.status === 'sent', 15_000, 'the brief sent');

    const [brief] = await briefs('T0JOBD');
    expect(posts(brief!.id).map((c) => c.status)).toEqual([500, 500, 200]);
    expect(okPosts(brief!.id)).toHaveLength(1);
    expect(failures).toEqual([deliverJobId(brief!.id), deliverJobId(brief!.id)]);
    // Each retry first checked that the failed attempt had not posted after all.
    expect(fake.callsTo('conversations.history')).toHaveLength(2);
  });

  it('a permanent Slack error: recorded as failed once, not retried', async () => {
    const pair = await addOneOnOneStartingSoon(db, { workspaceId: 'T0JOBE', tag: 'E', now: new Date(), minutesAhead: 50 });
    await startWorkers();
    fake.failFor(pair.manager.slackUserId, 'account_inactive');

    await plan('T0JOBE');
    await waitUntil(async () => (await briefs('T0JOBE'))[0]?.status === 'failed', 15_000, 'the brief recorded as failed');
    const [brief] = await briefs('T0JOBE');
    await waitUntil(async () => (await deliverQueue.getJobState(deliverJobId(brief!.id))) === 'completed', 5_000, 'the job to complete');
    await new Promise((r) => setTimeout(r, 500));

    expect(posts(brief!.id)).toHaveLength(1);
    expect(await rowOf(brief!.id)).toMatchObject({ status: 'failed', error: 'account_inactive', attempts: 1 });
    expect((await deliverQueue.getJob(deliverJobId(brief!.id)))!.returnvalue).toMatchObject({ outcome: 'failed', error: 'account_inactive' });
  });
});

describe.sequential('the plan scheduler', () => {
  const prefix = uniquePrefix('plan-schedule');
  let first: Queue;
  let second: Queue;
  beforeAll(() => {
    // Two queue instances on one prefix stand for two worker processes starting at the same time.
    first = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
    second = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  });
  afterAll(async () => {
    await first?.obliterate({ force: true });
    await Promise.all([first?.close(), second?.close()]);
  });

  it('is one scheduler every 5 minutes for all workspaces, however many workers start', async () => {
    await Promise.all([ensurePlanSchedule(first), ensurePlanSchedule(second)]);
    expect(await ensurePlanSchedule(second)).toBe('unchanged');
    const schedulers = await first.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => ({ key: s.key, name: s.name, every: Number(s.every) }))).toEqual([{ key: PLAN_SCHEDULER_ID, name: PLAN_JOB, every: 300_000 }]);
    const [next, ...more] = await first.getJobs(['delayed', 'waiting', 'prioritized']);
    expect(more).toEqual([]);
    expect(next?.repeatJobKey).toBe(PLAN_SCHEDULER_ID);
    // An empty payload (every workspace, as of the moment it runs) that the processor accepts.
    expect(parsePlanPayload(next!.data)).toEqual({});
  });
});

describe.sequential('npm run cli -- run plan, with Redis', { timeout: 90_000 }, () => {
  // The CLI queues under Canopy's own prefix: on a database index of its own, emptied before and after.
  const url = `${REDIS_URL.replace(/\/\d+$/, '')}/13`;
  let queue: Queue;
  let dir: string;

  beforeAll(async () => {
    queue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(url, 'worker'), prefix: DEFAULT_QUEUE_PREFIX });
    await queue.obliterate({ force: true });
    dir = mkdtempSync(join(tmpdir(), 'canopy-plan-cli-'));
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the plan, queues each delivery once with its delay, and a second run queues nothing new', async () => {
    const shared = await sharedDb(join(dir, 'canopy.db'));
    await addOneOnOneStartingSoon(shared.db, { workspaceId: 'T0CLIQ', tag: 'Q', now: new Date(), minutesAhead: 70 });
    await closeDb(shared.db);
    const run = () =>
      new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'run', 'plan'], {
          cwd: resolve(import.meta.dirname, '..', '..'),
          env: { PATH: process.env.PATH ?? '', ...shared.env, REDIS_URL: url },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.on('exit', (code) => done({ code, stdout }));
      });

    const first = await run();
    expect(first.code).toBe(0);
    // On the real clock the rep's agenda reminder (the working day before) may fall in the window too.
    const queued = Number(/Queued (\d+) deliver jobs? \(0 already queued, 0 re-armed\)\./.exec(first.stdout)?.[1]);
    expect(queued).toBeGreaterThanOrEqual(1);
    const second = await run();
    expect(second.stdout).toContain(`Queued 0 deliver jobs (${queued} already queued, 0 re-armed).`);

    const reopened = await shared.reopen();
    const [brief] = (await deliveryRows(reopened)).filter((r) => r.kind === 'brief');
    await closeDb(reopened);
    const job = await queue.getJob(deliverJobId(brief!.id));
    expect(job?.data).toEqual({ deliveryId: brief!.id, workspaceId: 'T0CLIQ' });
    expect(await job?.getState()).toBe('delayed');
    // Due 10 minutes from now (70 minutes before the meeting, with a 60-minute lead).
    expect(job!.opts.delay).toBeGreaterThan(8 * 60_000);
    expect(job!.opts.delay).toBeLessThanOrEqual(10 * 60_000);
  });
});
