import type { RedisOptions } from 'bullmq';

/**
 * Queue names. One queue per job kind, so each can be scaled, paced and paused on its own: a 429 from
 * Slack pauses `deliver` without holding up `recompute` or `plan`.
 */
export const QUEUE_NAMES = {
  recompute: 'recompute',
  plan: 'plan',
  deliver: 'deliver',
} as const;

export type TQueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Key prefix of every queue (BullMQ's default is `bull`; ours keeps Canopy's keys apart on a shared Redis). Tests pass their own. */
export const DEFAULT_QUEUE_PREFIX = 'canopy';

export type TConnectionRole = 'worker' | 'producer';

/**
 * Connection options for a Queue or Worker from `REDIS_URL`. We hand BullMQ options rather than an
 * ioredis instance so that each Queue/Worker owns (and closes) its connections.
 *
 * - `worker`: `maxRetriesPerRequest: null`, as BullMQ requires for blocking connections — a command
 *   waits for Redis to come back instead of failing the worker's loop.
 * - `producer` (CLI, Slack app enqueueing on demand): fail fast when Redis is down instead of
 *   queueing commands in memory, so the caller can tell the user.
 */
export function redisConnection(url: string, role: TConnectionRole = 'worker'): RedisOptions {
  const base: RedisOptions = {
    url,
    // Reconnect quickly after a Redis restart, then back off up to 10 s.
    retryStrategy: (times: number) => Math.min(200 * 2 ** Math.min(times, 6), 10_000),
  };
  if (role === 'worker') return { ...base, maxRetriesPerRequest: null };
  return { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}
