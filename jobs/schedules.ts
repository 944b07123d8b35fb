import type { JobSchedulerJson, Queue } from 'bullmq';
import { IANAZone } from 'luxon';
import type { TDb } from '../db/client';
import type { Logger } from '../src/logger';
import { listWorkspaces } from '../src/services/workspaces/list-workspaces';
import { PLAN_EVERY_MS, PLAN_JOB, PLAN_JOB_OPTIONS, PURGE_JOB, PURGE_JOB_OPTIONS, PURGE_PATTERN, PURGE_SCHEDULER_ID, RECOMPUTE_JOB, RECOMPUTE_JOB_OPTIONS, ZRecomputePayload } from './definitions';

/** Nightly at 02:00 in the workspace's own zone (luxon/cron-parser handle DST: a skipped 02:00 runs at 03:00). */
export const NIGHTLY_RECOMPUTE_PATTERN = '0 2 * * *';
const NIGHTLY_PREFIX = 'recompute-nightly-';

export function nightlyRecomputeSchedulerId(workspaceId: string): string {
  return `${NIGHTLY_PREFIX}${workspaceId}`;
}


export type TEnsureSchedulesResult = { created: string[]; updated: string[]; unchanged: string[]; removed: string[] };

/**
 * Makes the queue's schedulers match the database: one nightly `recompute` per workspace, in its
 * zone; schedulers of workspaces that are gone are removed. Safe to run at every worker start, from
 * several workers at once, and periodically (new workspaces get their schedule):
 * `upsertJobScheduler` is keyed by the scheduler id, so concurrent runs converge on one scheduler.
 *
 * An unchanged scheduler is left alone rather than upserted again: an upsert replaces the
 * scheduler's pending job and recomputes the next run from "now", so one landing while tonight's
 * job waits behind others in the queue would drop tonight's run and schedule tomorrow's instead.
 */
export async function ensureSchedules(queue: Queue, db: TDb, options: { logger?: Logger } = {}): Promise<TEnsureSchedulesResult> {
  const result: TEnsureSchedulesResult = { created: [], updated: [], unchanged: [], removed: [] };
  const wanted = new Set<string>();
  // A workspace that uninstalled Canopy gets no nightly recompute; its scheduler is removed below like a deleted one's.
  for (const workspace of (await listWorkspaces(db)).filter((w) => w.uninstalledAt === null)) {
    if (!ZRecomputePayload.shape.workspaceId.safeParse(workspace.id).success) {
      options.logger?.warn({ workspaceId: workspace.id }, 'workspace id is not a Slack team id; no nightly recompute');
      continue;
    }
    const tz = IANAZone.isValidZone(workspace.timezone) ? workspace.timezone : 'UTC';
    if (tz !== workspace.timezone) options.logger?.warn({ workspaceId: workspace.id, timezone: workspace.timezone }, 'invalid workspace time zone; scheduling in UTC');
    const id = nightlyRecomputeSchedulerId(workspace.id);
    wanted.add(id);
    const data = { workspaceId: workspace.id };
    const existing = await queue.getJobScheduler(id);
    if (existing && isSameSchedule(existing, tz, data)) {
      result.unchanged.push(id);
      continue;
    }
    await queue.upsertJobScheduler(id, { pattern: NIGHTLY_RECOMPUTE_PATTERN, tz }, { name: RECOMPUTE_JOB, data, opts: RECOMPUTE_JOB_OPTIONS });
    (existing ? result.updated : result.created).push(id);
  }
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    if (!scheduler.key.startsWith(NIGHTLY_PREFIX) || wanted.has(scheduler.key)) continue;
    await queue.removeJobScheduler(scheduler.key);
    result.removed.push(scheduler.key);
  }
  return result;
}

/** The one `plan` scheduler: every workspace in one run (the planner loops over them). */
export const PLAN_SCHEDULER_ID = 'plan-every-5m';

/**
 * Makes sure the `plan` queue has its scheduler (every 5 minutes, all workspaces). Safe at every worker start
 * and from several workers at once; an unchanged scheduler is left alone, like the nightly ones above.
 */
export async function ensurePlanSchedule(queue: Queue, everyMs = PLAN_EVERY_MS): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await queue.getJobScheduler(PLAN_SCHEDULER_ID);
  const opts = existing?.template?.opts ?? {};
  const current = { attempts: opts.attempts, backoff: opts.backoff, removeOnComplete: opts.removeOnComplete, removeOnFail: opts.removeOnFail };
  const same =
    existing?.name === PLAN_JOB &&
    Number(existing.every) === everyMs &&
    stableJson(existing.template?.data ?? {}) === stableJson({}) &&
    stableJson(current) === stableJson(PLAN_JOB_OPTIONS);
  if (same) return 'unchanged';
  await queue.upsertJobScheduler(PLAN_SCHEDULER_ID, { every: everyMs }, { name: PLAN_JOB, data: {}, opts: PLAN_JOB_OPTIONS });
  return existing ? 'updated' : 'created';
}

/** Same pattern, zone, payload and retry options: nothing to change. */
function isSameSchedule(existing: JobSchedulerJson, tz: string, data: { workspaceId: string }): boolean {
  const opts = existing.template?.opts ?? {};
  const current = { attempts: opts.attempts, backoff: opts.backoff, removeOnComplete: opts.removeOnComplete, removeOnFail: opts.removeOnFail };
  return (
    existing.name === RECOMPUTE_JOB &&
    existing.pattern === NIGHTLY_RECOMPUTE_PATTERN &&
    existing.tz === tz &&
    stableJson(existing.template?.data) === stableJson(data) &&
    stableJson(current) === stableJson(RECOMPUTE_JOB_OPTIONS)
  );
}

/** JSON with object keys sorted, so key order after a round trip through Redis does not matter. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Makes sure the daily `purge` scheduler exists in the `recompute` queue (idempotent, like the others). */
export async function ensurePurgeSchedule(queue: Queue): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await queue.getJobScheduler(PURGE_SCHEDULER_ID);
  if (existing?.name === PURGE_JOB && existing.pattern === PURGE_PATTERN && (existing.tz ?? 'UTC') === 'UTC') return 'unchanged';
  await queue.upsertJobScheduler(PURGE_SCHEDULER_ID, { pattern: PURGE_PATTERN, tz: 'UTC' }, { name: PURGE_JOB, data: {}, opts: PURGE_JOB_OPTIONS });
  return existing ? 'updated' : 'created';
}
