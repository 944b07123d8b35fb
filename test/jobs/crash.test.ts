// @vitest-environment node
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOMPUTE_JOB, RECOMPUTE_JOB_OPTIONS } from '../../jobs/definitions';
import { createRecomputeProcessor } from '../../jobs/processors/recompute';
import { redisConnection } from '../../jobs/queues';
import { startWorker, type TRunningWorker } from '../../jobs/worker';
import { newQueue, REDIS_URL, silentLogger, snapshotRows, spawnChildWorker, type TChildWorker, teamDb, uniquePrefix, waitUntil, WORKSPACE } from './support/helpers';

describe.sequential('a worker killed mid-job', () => {
  const prefix = uniquePrefix('crash');
  let team: Awaited<ReturnType<typeof teamDb>>;
  let queue: Queue;
  let child: TChildWorker | undefined;
  let rescuer: TRunningWorker | undefined;

  beforeAll(async () => {
    team = await teamDb();
    queue = newQueue(prefix);
  });
  afterAll(async () => {
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await rescuer?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await team?.cleanup();
  });

  it('leaves the job to another worker, which finishes it once: the rows exist once', async () => {
    child = spawnChildWorker({ ...team.env, QUEUE_PREFIX: prefix, HOLD_MS: 60_000, LOCK_MS: 1_000 });
    await child.waitFor('ready');
    const job = await queue.add(RECOMPUTE_JOB, { workspaceId: WORKSPACE }, RECOMPUTE_JOB_OPTIONS);
    // The child has written its rows and is still "working" (holding the job) when it dies.
    await child.waitFor('wrote');
    const written = await snapshotRows(team.db);
    expect(written.tiers).toHaveLength(team.reps);
    expect(await queue.getJobState(job.id!)).toBe('active');
    child.proc.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const runs: string[] = [];
    const stalled: string[] = [];
    const real = createRecomputeProcessor(team.db);
    rescuer = await startWorker({
      db: team.db,
      connection: redisConnection(REDIS_URL, 'worker'),
      prefix,
      logger: silentLogger,
      scheduleRefreshMs: null,
      workerOptions: { stalledInterval: 300, lockDuration: 5_000 },
      processor: async (j) => {
        runs.push(j.id!);
        return real(j);
      },
    });
    rescuer.worker.on('stalled', (jobId) => stalled.push(jobId));
    await waitUntil(async () => (await queue.getJobState(job.id!)) === 'completed', 15_000, 'the rescued job to complete');

    expect(stalled).toEqual([job.id]);
    expect(runs).toEqual([job.id]);
    const done = (await queue.getJob(job.id!))!;
    expect(done.returnvalue).toMatchObject({ workspaceId: WORKSPACE, reps: team.reps });
    // Same instant (the job's timestamp) on both runs: the second rewrote the first's rows.
    expect((await snapshotRows(team.db))).toEqual(written);
    expect(child.events.map((e) => e.event)).toEqual(['ready', 'started', 'wrote']);
  });
});
