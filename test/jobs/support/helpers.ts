import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { asc } from 'drizzle-orm';
import { closeDb, type TDb } from '../../../db/client';
import { QUEUE_NAMES, redisConnection } from '../../../jobs/queues';
import { createSyntheticTeam } from '../../../src/cli/demo/synthetic-team';
import { s } from '../../support/tables';
import { sharedDb, type TDatabaseEnv } from './shared-db';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const WORKSPACE = 'T0JOBS';
export const TEAM_NOW = DateTime.fromISO('2026-11-20T12:00:00Z', { zone: 'utc' });

export const silentLogger = pino({ level: 'silent' });

/** A prefix of our own on the shared Redis, so nothing here touches another test's or a real queue. */
export function uniquePrefix(name: string): string {
  return `canopy-test-${name}-${randomBytes(4).toString('hex')}`;
}

export function newQueue(prefix: string, url = REDIS_URL): Queue {
  return new Queue(QUEUE_NAMES.recompute, { connection: redisConnection(url, 'worker'), prefix });
}

/** A migrated database (shared with child processes: `env` names it) holding a small synthetic team. */
export async function teamDb(repsPerManager = 3): Promise<{ db: TDb; env: TDatabaseEnv; reps: number; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-jobs-'));
  const { db, env } = await sharedDb(join(dir, 'canopy.db'));
  const team = await createSyntheticTeam(db, { workspaceId: WORKSPACE, managers: 1, repsPerManager, now: TEAM_NOW, seed: 7 });
  return {
    db,
    env,
    reps: team.reps.length,
    cleanup: async () => {
      await closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type TSnapshotRow = Record<string, unknown> & { person_id: number; computed_at: number };

/** What a recompute wrote, without row ids, in a stable order: to compare two runs' results (instants as epoch ms). */
export async function snapshotRows(db: TDb): Promise<{ tiers: TSnapshotRow[]; expectations: TSnapshotRow[]; focus: TSnapshotRow[] }> {
  const { tierSnapshots: t, expectations: e, focusAreas: f } = s;
  const ms = <R extends { computed_at: Date }>(rows: R[]) => rows.map((r) => ({ ...r, computed_at: r.computed_at.getTime() }));
  return {
    tiers: ms(
      await db
        .select({ person_id: t.personId, tier: t.tier, reason_code: t.reasonCode, reason_text: t.reasonText, details: t.details, computed_at: t.computedAt })
        .from(t)
        .orderBy(asc(t.personId), asc(t.computedAt)),
    ),
    expectations: ms(
      await db
        .select({ person_id: e.personId, activity_type: e.activityType, per: e.per, amount: e.amount, derivation: e.derivation, computed_at: e.computedAt })
        .from(e)
        .orderBy(asc(e.personId), asc(e.computedAt), asc(e.activityType)),
    ),
    focus: ms(
      await db
        .select({ person_id: f.personId, stage: f.stage, to_stage: f.toStage, expected_gain: f.expectedGain, evidence: f.evidence, reason_code: f.reasonCode, computed_at: f.computedAt })
        .from(f)
        .orderBy(asc(f.personId), asc(f.computedAt)),
    ),
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type TChildWorker = {
  proc: ChildProcess;
  events: ({ event: string; jobId?: string } & Record<string, unknown>)[];
  waitFor: (event: string, timeoutMs?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
};

const CHILD_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'child-worker.ts');

/** The delivery workers' child (`child-deliver-worker.ts`), for `spawnChildWorker`'s `script`. */
export const CHILD_DELIVER_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'child-deliver-worker.ts');

/**
 * Starts `child-worker.ts` (or another `script`) in its own process (node + tsx); it reports progress as JSON
 * lines on stdout. Every `env` value is passed as a string, on top of this process's environment.
 */
export function spawnChildWorker(env: TDatabaseEnv & { QUEUE_PREFIX: string; LOCK_MS: number } & Record<string, string | number>, script = CHILD_SCRIPT): TChildWorker {
  const extra = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, REDIS_URL, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: TChildWorker['events'] = [];
  let err = '';
  let buffered = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as { event: string });
  });
  proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => proc.on('exit', (code, signal) => done({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    proc,
    events,
    exited,
    stderr: () => err,
    waitFor: (event, timeoutMs = 15_000) =>
      waitUntil(
        () => {
          if (gone && !events.some((e) => e.event === event)) throw new Error(`child worker exited before '${event}':\n${err}`);
          return events.some((e) => e.event === event);
        },
        timeoutMs,
        `child worker '${event}'`,
      ),
  };
}
