import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, type TDb } from '../../db/client';
import { PLAN_JOB } from '../../jobs/definitions';
import { startDeliveryWorkers, type TRunningDeliveryWorkers } from '../../jobs/delivery-workers';
import { startWorkerHttp, type TWorkerHttp } from '../../jobs/http-server';
import { countPlanned } from '../../jobs/observe';
import { QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import { createLogger } from '../../src/logger';
import { createMetrics, type TMetrics } from '../../src/observability/metrics';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { addOneOnOneStartingSoon, deliveryRows } from './support/deliveries';
import { sharedDb } from './support/shared-db';
import { REDIS_URL, silentLogger, uniquePrefix, waitUntil } from './support/helpers';

/*
 * The worker's /metrics and /healthz (its own port), and what a real plan → deliver run counts there, against
 * the real Redis (own prefix, obliterated) and the fake Slack.
 */

describe.sequential('the worker: metrics, health, and the log context of a job', () => {
  const prefix = uniquePrefix('metrics');
  let fake: TFakeSlack;
  let dir: string;
  let db: TDb;
  let metrics: TMetrics;
  let workers: TRunningDeliveryWorkers;
  let http: TWorkerHttp;
  let healthy = true;
  const lines: { msg: string; requestId?: string; queue?: string; kind?: string; workspace?: string }[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack({ tsEpoch: Math.floor(Date.now() / 1000) });
    dir = mkdtempSync(join(tmpdir(), 'canopy-metrics-'));
    ({ db } = await sharedDb(join(dir, 'canopy.db')));
    metrics = createMetrics();
    const logger = createLogger('info', 'canopy-worker', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
    workers = await startDeliveryWorkers({
      db,
      connection: redisConnection(REDIS_URL, 'worker'),
      prefix,
      logger: silentLogger,
      slack: createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url })),
      planEveryMs: null,
      limiter: { max: 50, duration: 1_000 },
      metrics,
      // A line logged inside the job, as a service would: it must carry the job's context.
      wrapDeliver: (deliver) => async (job, token) => {
        logger.info('sending a delivery');
        const result = await deliver(job, token);
        logger.info('delivery sent');
        return result;
      },
    });
    http = await startWorkerHttp({ port: 0, host: '127.0.0.1', metrics, logger: silentLogger, health: async () => ({ ok: healthy, db: 'up', redis: healthy ? 'up' : 'down' }) });
  });
  afterAll(async () => {
    await workers?.close();
    await http?.close();
    for (const name of Object.values(QUEUE_NAMES)) {
      const queue = new Queue(name, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await fake?.close();
    if (db) await closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  });

  const scrape = async () => (await fetch(`http://127.0.0.1:${http.port}/metrics`)).text();

  it('a brief planned and sent is counted by kind and outcome; the jobs are timed; queue depths are read from Redis', async () => {
    await addOneOnOneStartingSoon(db, { workspaceId: 'T0METRIC', tag: 'M', now: new Date(), minutesAhead: 50 });
    await workers.plan.queue.add(PLAN_JOB, { workspaceId: 'T0METRIC' });
    await waitUntil(async () => (await deliveryRows(db)).some((r) => r.kind === 'brief' && r.status === 'sent'), 15_000, 'the brief sent');
    const sent = (await deliveryRows(db)).filter((r) => r.status === 'sent');

    const text = await scrape();
    expect(text).toContain(`canopy_deliveries_total{kind="brief",outcome="sent"} ${sent.filter((r) => r.kind === 'brief').length}`);
    expect(text).toMatch(/canopy_job_duration_seconds_count\{queue="plan",status="completed"\} 1\b/);
    expect(text).toMatch(/canopy_job_duration_seconds_count\{queue="deliver",status="completed"\} [1-9]/);
    expect(text).toMatch(/canopy_queue_jobs\{queue="deliver",state="completed"\} [1-9]/);
    expect(text).toContain('canopy_queue_oldest_waiting_seconds{queue="deliver"} 0');
    expect(text).toContain('# TYPE canopy_recompute_duration_seconds histogram');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('a line logged inside a job carries its id as request id, its queue and the delivery being sent', async () => {
    const line = lines.find((l) => l.msg === 'sending a delivery');
    expect(line).toBeDefined();
    expect(line!.queue).toBe('deliver');
    expect(line!.kind).toBe('deliver');
    expect(line!.requestId).toMatch(/^deliver-\d+$/);
    // Once the send has read the delivery, the workspace is known too.
    expect(lines.find((l) => l.msg === 'delivery sent' && l.requestId === line!.requestId)).toMatchObject({ workspace: 'T0METRIC', queue: 'deliver' });
  });

  it('the planner’s suppressed and skipped items are counted by kind', async () => {
    const item = (kind: string) => ({ kind }) as never;
    countPlanned(metrics, { suppressed: [item('nudge'), item('nudge')], skipped: [item('digest')] });
    const text = await scrape();
    expect(text).toContain('canopy_deliveries_total{kind="nudge",outcome="suppressed"} 2');
    expect(text).toContain('canopy_deliveries_total{kind="digest",outcome="skipped"} 1');
  });

  it('/healthz is 200 while healthy and 503 when not; anything else is 404', async () => {
    healthy = true;
    expect((await fetch(`http://127.0.0.1:${http.port}/healthz`)).status).toBe(200);
    healthy = false;
    const down = await fetch(`http://127.0.0.1:${http.port}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, redis: 'down' });
    expect((await fetch(`http://127.0.0.1:${http.port}/slack/events`)).status).toBe(404);
  });
});
