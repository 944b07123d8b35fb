// @vitest-environment node
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOMPUTE_JOB, RECOMPUTE_JOB_OPTIONS } from '../../jobs/definitions';
import { redisConnection } from '../../jobs/queues';
import { startWorker, type TRunningWorker } from '../../jobs/worker';
import { newQueue, snapshotRows, teamDb, uniquePrefix, waitUntil, WORKSPACE } from './support/helpers';

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server of our own: this test stops it, which it must never do to the shared one. */
async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitUntil(() => ping(port), 5_000, `redis-server on port ${port}`);
  return proc;
}

function ping(port: number): boolean {
  try {
    return execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'PONG';
  } catch {
    return false;
  }
}

function exited(proc: ChildProcess): Promise<void> {
  return proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((done) => proc.once('exit', () => done()));
}

describe.sequential('Redis going away for a moment', () => {
  const prefix = uniquePrefix('redis-restart');
  let port: number;
  let redis: ChildProcess | undefined;
  let team: Awaited<ReturnType<typeof teamDb>>;
  let queue: Queue;
  let running: TRunningWorker | undefined;
  const logged: { msg: string }[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    team = await teamDb(2);
    const url = `redis://127.0.0.1:${port}`;
    queue = newQueue(prefix, url);
    queue.on('error', () => {}); // the test's own producer sees the outage too
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line) as { msg: string }) });
    running = await startWorker({ db: team.db, connection: redisConnection(url, 'worker'), prefix, logger, scheduleRefreshMs: null });
  });
  afterAll(async () => {
    await running?.close();
    await queue?.close();
    if (redis && redis.exitCode === null) {
      redis.kill('SIGKILL');
      await exited(redis);
    }
    await team?.cleanup();
  });

  const completes = (jobId: string, timeoutMs: number) =>
    waitUntil(async () => (await queue.getJobState(jobId)) === 'completed', timeoutMs, `job ${jobId} to complete`);

  it('the worker reconnects when it comes back and carries on', async () => {
    const before = await queue.add(RECOMPUTE_JOB, { workspaceId: WORKSPACE, now: '2026-11-20T02:00:00Z' }, RECOMPUTE_JOB_OPTIONS);
    await completes(before.id!, 10_000);

    execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
    await exited(redis!);
    await new Promise((r) => setTimeout(r, 1_000));
    redis = await startRedis(port); // empty: it kept nothing on disk

    const after = await queue.add(RECOMPUTE_JOB, { workspaceId: WORKSPACE, now: '2026-11-21T02:00:00Z' }, RECOMPUTE_JOB_OPTIONS);
    await completes(after.id!, 15_000);

    expect(logged.map((l) => l.msg)).toContain('recompute worker error'); // it noticed the outage, and said so
    expect(running!.worker.isRunning()).toBe(true);
    const instants = new Set((await snapshotRows(team.db)).tiers.map((r) => r.computed_at));
    expect(instants).toEqual(new Set([Date.parse('2026-11-20T02:00:00Z'), Date.parse('2026-11-21T02:00:00Z')]));
  });
});
