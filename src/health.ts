import { Redis } from 'ioredis';
import { isDbHealthy, type TDb } from '../db/client';

export type THealth = { ok: boolean; db: 'up' | 'down'; redis: 'up' | 'down' };
export type THealthCheck = () => Promise<THealth>;

/** `GET /healthz`: the database answers a query and Redis answers PING within a second. */
export function createHealthCheck(db: TDb, redisUrl: string): { check: THealthCheck; close: () => Promise<void> } {
  // Offline queue off: a down Redis must fail the probe now, not queue the PING until it returns.
  const redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  redis.on('error', () => {});
  const pingRedis = async (): Promise<boolean> => {
    try {
      if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
      const pong = await Promise.race([redis.ping(), new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref())]);
      return pong === 'PONG';
    } catch {
      return false;
    }
  };
  return {
    check: async () => {
      const db_ = (await isDbHealthy(db)) ? 'up' : 'down';
      const redis_ = (await pingRedis()) ? 'up' : 'down';
      return { ok: db_ === 'up' && redis_ === 'up', db: db_, redis: redis_ };
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
