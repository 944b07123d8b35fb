import { Redis } from 'ioredis';
import { isDbHealthy, type TDb, type TEngine } from '../db/client';

/** `engine`: which database the process runs on, so an operator sees a PostgreSQL deployment is really on PostgreSQL. */
export type THealth = { ok: boolean; db: 'up' | 'down'; engine?: TEngine; redis: 'up' | 'down' };
export type THealthCheck = () => Promise<THealth>;

/** A PostgreSQL that stopped answering must fail the probe, not hang it. */
const withinASecond = (probe: Promise<boolean>): Promise<boolean> =>
  Promise.race([probe, new Promise<boolean>((done) => setTimeout(() => done(false), 1000).unref())]);

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
      const [dbUp, redisUp] = await Promise.all([withinASecond(isDbHealthy(db)), pingRedis()]);
      const db_ = dbUp ? 'up' : 'down';
      const redis_ = redisUp ? 'up' : 'down';
      return { ok: db_ === 'up' && redis_ === 'up', db: db_, engine: db.$engine, redis: redis_ };
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
