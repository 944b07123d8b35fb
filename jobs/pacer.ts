import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

/*
 * Per-workspace pacing of the `deliver` queue (SPEC §5: "paced under Slack's rate limits per workspace; one busy
 * workspace never holds up another"). Slack's limits are per workspace (per token), and BullMQ's limiter is
 * per queue, so a global limiter would make a 5,000-person workspace's briefs delay everyone else's.
 *
 * Each workspace has one "next free send slot" in Redis, shared by every worker process. A job reserves the next
 * slot atomically (a Lua script): `slot = max(now, next)`, `next = slot + interval`. A slot in the future is waited
 * for by delaying the job (the worker moves on to other workspaces' jobs meanwhile); the job remembers its slot
 * (a key per job, written by the same script) so that coming back from the delay it does not reserve a second one.
 * A 429 pushes only that workspace's next slot past Slack's Retry-After (and the slots its jobs already hold).
 *
 * The instants are the workers' clocks, as BullMQ's own delayed jobs are: keep the machines' clocks in sync.
 */

/** The slot arithmetic the Lua script performs: the slot a send gets, and the workspace's next free slot after it. */
export function reserveSlot(next: number | null, now: number, intervalMs: number): { slot: number; next: number } {
  const slot = Math.max(now, next ?? 0);
  return { slot, next: slot + intervalMs };
}

/** A 429 asked us to wait `waitMs`: nothing more goes to that workspace before then (an earlier push that reaches further stays). */
export function pushBack(next: number | null, now: number, waitMs: number): number {
  return Math.max(next ?? 0, now + waitMs);
}

/** Whole milliseconds between two sends to one workspace at `ratePerSecond`, rounded up so the rate is never exceeded (3/s → 334 ms). */
export function intervalFor(ratePerSecond: number): number {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) throw new RangeError(`a send rate must be a positive number, got ${ratePerSecond}`);
  return Math.max(1, Math.ceil(1_000 / ratePerSecond));
}

/**
 * What a job does with its slot: send now, sleep a few ms in place (cheaper and more exact than a round trip through
 * the delayed set), or go back to the queue until the slot.
 */
export type TPaceDecision = { action: 'send' } | { action: 'sleep'; ms: number } | { action: 'delay'; until: number };

export function paceDecision(slot: number, now: number, sleepUpToMs: number): TPaceDecision {
  const wait = slot - now;
  if (wait <= 0) return { action: 'send' };
  if (wait <= sleepUpToMs) return { action: 'sleep', ms: wait };
  return { action: 'delay', until: slot };
}

/** How long a slot key outlives the slot it describes: long enough for a job delayed to it to come back and find it. */
export const SLOT_KEEP_MS = 10 * 60_000;

// KEYS[1] the workspace's next free slot, KEYS[2] the job's held slot ("<slot>:<tag>"), KEYS[3] the instant a 429 holds
// the workspace back until. ARGV: now, interval, tag (the job's attempt: a retry after a failed send needs a slot of
// its own), fresh ('1': ignore the held slot, after a 429), keep ms. A held slot from before a 429's hold is given up
// for a new one after it. Numbers stay below 2^53; '%.0f' writes them as integers.
const RESERVE = `
local now = tonumber(ARGV[1])
if ARGV[4] ~= '1' then
  local held = redis.call('GET', KEYS[2])
  if held then
    local sep = string.find(held, ':', 1, true)
    if sep and string.sub(held, sep + 1) == ARGV[3] then
      local slot = tonumber(string.sub(held, 1, sep - 1))
      if slot >= tonumber(redis.call('GET', KEYS[3]) or '0') then return slot end
    end
  end
end
local interval = tonumber(ARGV[2])
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, next)
local ttl = math.ceil(slot + interval - now + tonumber(ARGV[5]))
redis.call('SET', KEYS[1], string.format('%.0f', slot + interval), 'PX', ttl)
redis.call('SET', KEYS[2], string.format('%.0f', slot) .. ':' .. ARGV[3], 'PX', ttl)
return slot
`;

// KEYS[1] the workspace's next free slot, KEYS[2] its 429 hold. ARGV: now, wait ms, keep ms.
const PUSH_BACK = `
local now = tonumber(ARGV[1])
local until_ = now + tonumber(ARGV[2])
local ttl = math.ceil(tonumber(ARGV[2]) + tonumber(ARGV[3]))
local hold = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), until_)
redis.call('SET', KEYS[2], string.format('%.0f', hold), 'PX', ttl)
local next = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), until_)
redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.ceil(next - now + tonumber(ARGV[3])))
return next
`;

export type TPacer = {
  /** Milliseconds between two sends to one workspace. */
  readonly intervalMs: number;
  /**
   * The send slot of job `jobId` (attempt `tag`) in `workspaceId`: the one it reserved before, or the workspace's next.
   * `fresh` reserves a new one even when the job holds one (its slot was spent on a 429).
   */
  reserve(workspaceId: string, jobId: string, tag: string, options?: { fresh?: boolean; now?: number }): Promise<number>;
  /**
   * Slack said 429 for this workspace: no slot before `now + waitMs`, and slots jobs reserved before that are given up
   * for later ones when the jobs come back for them. Returns the workspace's next free slot.
   */
  pushBack(workspaceId: string, waitMs: number, now?: number): Promise<number>;
  close(): Promise<void>;
};

export type TPacerOptions = {
  connection: ConnectionOptions;
  /** The queue's key prefix and name: the pacer's keys live beside the queue's (`<prefix>:<queue>:pace:<workspace>`). */
  prefix: string;
  queueName: string;
  ratePerSecond: number;
};

/** Keys of a pacer, for tests and clean-up. */
export function pacerKeys(prefix: string, queueName: string) {
  return {
    next: (workspaceId: string) => `${prefix}:${queueName}:pace:${workspaceId}`,
    held: (jobId: string) => `${prefix}:${queueName}:pace-held:${jobId}`,
    hold: (workspaceId: string) => `${prefix}:${queueName}:pace-429:${workspaceId}`,
    pattern: `${prefix}:${queueName}:pace*`,
  };
}

/** A pacer on its own Redis connection (a command waits for Redis to come back, as the worker's own do). */
export function createPacer(options: TPacerOptions): TPacer {
  const intervalMs = intervalFor(options.ratePerSecond);
  const redis = openRedis(options.connection);
  const keys = pacerKeys(options.prefix, options.queueName);
  return {
    intervalMs,
    async reserve(workspaceId, jobId, tag, reserveOptions = {}) {
      const now = reserveOptions.now ?? Date.now();
      const slot = await redis.eval(RESERVE, 3, keys.next(workspaceId), keys.held(jobId), keys.hold(workspaceId), now, intervalMs, tag, reserveOptions.fresh ? '1' : '0', SLOT_KEEP_MS);
      return Number(slot);
    },
    async pushBack(workspaceId, waitMs, now = Date.now()) {
      return Number(await redis.eval(PUSH_BACK, 2, keys.next(workspaceId), keys.hold(workspaceId), now, Math.max(0, Math.ceil(waitMs)), SLOT_KEEP_MS));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function openRedis(connection: ConnectionOptions): Redis {
  // A connection given as a client instance: a connection of our own beside it, so closing the pacer leaves it open.
  if (connection instanceof Redis) return connection.duplicate();
  const { url, ...rest } = connection as { url?: string } & Record<string, unknown>;
  const options = { ...rest, maxRetriesPerRequest: null };
  return url ? new Redis(url, options) : new Redis(options);
}
