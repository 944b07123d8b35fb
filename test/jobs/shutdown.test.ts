// @vitest-environment node
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOMPUTE_JOB, RECOMPUTE_JOB_OPTIONS } from '../../jobs/definitions';
import { newQueue, snapshotRows, spawnChildWorker, type TChildWorker, teamDb, uniquePrefix, WORKSPACE } from './support/helpers';

describe.sequential('SIGTERM', () => {
  const prefix = uniquePrefix('shutdown');
  let team: Awaited<ReturnType<typeof teamDb>>;
  let queue: Queue;
  let child: TChildWorker | undefined;

  beforeAll(async () => {
    team = await teamDb();
    queue = newQueue(prefix);
  });
  afterAll(async () => {
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
    await queue?.obliterate({ force: true });
    await queue?.close();
    await team?.cleanup();
  });

  it('lets the job in progress finish, takes no new one, and exits 0', async () => {
    child = spawnChildWorker({ ...team.env, QUEUE_PREFIX: prefix, HOLD_MS: 1_500, LOCK_MS: 30_000 });
    await child.waitFor('ready');
    const current = await queue.add(RECOMPUTE_JOB, { workspaceId: WORKSPACE }, RECOMPUTE_JOB_OPTIONS);
    await child.waitFor('started');
    const next = await queue.add(RECOMPUTE_JOB, { workspaceId: WORKSPACE }, RECOMPUTE_JOB_OPTIONS);

    child.proc.kill('SIGTERM');
    const exit = await child.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(child.events.map((e) => e.event)).toEqual(['ready', 'started', 'wrote', 'finished', 'closed']);
    expect(await queue.getJobState(current.id!)).toBe('completed');
    expect(await queue.getJobState(next.id!)).toBe('waiting');
    expect((await snapshotRows(team.db)).tiers).toHaveLength(team.reps);
  });
});
