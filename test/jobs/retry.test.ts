// @vitest-environment node
import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RECOMPUTE_JOB, RECOMPUTE_JOB_OPTIONS } from '../../jobs/definitions';
import { createRecomputeProcessor, type TRecomputeProcessor } from '../../jobs/processors/recompute';
import { redisConnection } from '../../jobs/queues';
import { startWorker, type TRunningWorker } from '../../jobs/worker';
import { newQueue, REDIS_URL, silentLogger, snapshotRows, teamDb, uniquePrefix, waitUntil, WORKSPACE } from './support/helpers';
import { s } from '../support/tables';

describe.sequential('a recompute job that is retried or re-run', () => {
  const prefix = uniquePrefix('retry');
  let team: Awaited<ReturnType<typeof teamDb>>;
  let queue: Queue;
  let running: TRunningWorker;
  /** What the processor does this time; each test sets it. */
  let behaviour: TRecomputeProcessor;
  let real: TRecomputeProcessor;

  beforeAll(async () => {
    team = await teamDb();
    real = createRecomputeProcessor(team.db);
    queue = newQueue(prefix);
    running = await startWorker({
      db: team.db,
      connection: redisConnection(REDIS_URL, 'worker'),
      prefix,
      logger: silentLogger,
      scheduleRefreshMs: null,
      processor: (job) => behaviour(job),
    });
  });
  afterAll(async () => {
    await running?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await team?.cleanup();
  });
  beforeEach(async () => {
    for (const table of [s.tierSnapshots, s.expectations, s.focusAreas]) await team.db.delete(table);
  });

  const finished = (jobId: string) =>
    waitUntil(async () => ['completed', 'failed'].includes(await queue.getJobState(jobId)), 15_000, `job ${jobId} to finish`);

  it('a job that fails after the service wrote is retried and leaves one run, identical to the first write', async () => {
    let afterFirstAttempt: Awaited<ReturnType<typeof snapshotRows>> | undefined;
    behaviour = async (job: Job) => {
      const summary = await real(job);
      if (job.attemptsMade === 0) {
        afterFirstAttempt = await snapshotRows(team.db);
        throw new Error('lost the connection after writing');
      }
      return summary;
    };
    // The production options, with a short backoff so the test does not wait 30 s.
    const job = await queue.add(RECOMPUTE_JOB, { workspaceId: WORKSPACE }, { ...RECOMPUTE_JOB_OPTIONS, backoff: { type: 'fixed', delay: 100 } });
    await finished(job.id!);

    const done = (await queue.getJob(job.id!))!;
    expect(await done.getState()).toBe('completed');
    expect(done.attemptsMade).toBe(2);
    expect(done.returnvalue).toMatchObject({ workspaceId: WORKSPACE, reps: team.reps });
    const rows = await snapshotRows(team.db);
    expect(rows.tiers).toHaveLength(team.reps);
    expect(afterFirstAttempt!.tiers).toHaveLength(team.reps);
    expect(rows).toEqual(afterFirstAttempt);
    // Both attempts computed as of the moment the job was enqueued, not the moment each one ran.
    expect(new Set(rows.tiers.map((r) => r.computed_at))).toEqual(new Set([done.timestamp]));
  });

  it('a bad payload fails at once, without retries', async () => {
    behaviour = real;
    const job = await queue.add(RECOMPUTE_JOB, { workspaceId: 'not-a-team', token: 'xoxb-nope' }, RECOMPUTE_JOB_OPTIONS);
    await finished(job.id!);
    const failed = (await queue.getJob(job.id!))!;
    expect(await failed.getState()).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/Invalid recompute payload/);
    expect((await snapshotRows(team.db)).tiers).toHaveLength(0);
  });

  it('a scheduled run computes as of its scheduled instant, not when a worker picked it up', async () => {
    let seen: Job | undefined;
    behaviour = async (job) => {
      seen ??= job;
      return real(job);
    };
    // Every second, so the test need not wait for 02:00; the nightly one differs only in its pattern.
    await queue.upsertJobScheduler('recompute-test-every-second', { pattern: '* * * * * *', tz: 'Asia/Tokyo' }, { name: RECOMPUTE_JOB, data: { workspaceId: WORKSPACE } });
    await waitUntil(async () => seen !== undefined && (await snapshotRows(team.db)).tiers.length > 0, 10_000, 'a scheduled run');
    await queue.removeJobScheduler('recompute-test-every-second');

    const scheduledFor = seen!.opts.prevMillis!;
    expect(seen!.id).toBe(`repeat:recompute-test-every-second:${scheduledFor}`);
    expect(scheduledFor % 1000).toBe(0);
    expect(seen!.timestamp).toBeLessThan(scheduledFor); // job.timestamp is when the scheduler created it
    const instants = new Set((await snapshotRows(team.db)).tiers.map((r) => r.computed_at));
    expect(instants.has(scheduledFor)).toBe(true);
  });
});
