import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { CustomRoute } from '@slack/bolt';
import { Queue } from 'bullmq';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import type { Logger } from '../logger';
import { serveMetrics, type TMetrics } from '../observability/metrics';

export const ADMIN_QUEUES_PATH = '/admin/queues';
const ADMIN_USER = 'admin';

export type TOpsRoutes = { routes: CustomRoute[]; close: () => Promise<void> };

/**
 * `GET /metrics` (Prometheus text format), and the queue dashboard at `/admin/queues` — Bull Board over the
 * recompute, plan and deliver queues, read-only, behind HTTP basic auth (user `admin`) — only when an admin
 * password is set: without one the path does not exist (404).
 */
export function createOpsRoutes(options: { metrics: TMetrics; logger: Logger; redisUrl: string; adminPassword?: string; queuePrefix?: string }): TOpsRoutes {
  const routes: CustomRoute[] = [
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => void serveMetrics(options.metrics, res, options.logger),
    },
  ];
  if (!options.adminPassword) return { routes, close: async () => {} };

  const board = lazyBoard(options.redisUrl, options.queuePrefix ?? DEFAULT_QUEUE_PREFIX);
  const allowed = credentialDigest(`${ADMIN_USER}:${options.adminPassword}`);
  routes.push({
    // path-to-regexp 8 (Bolt's matcher): the dashboard page itself and everything under it.
    path: `${ADMIN_QUEUES_PATH}{/*rest}`,
    method: ['GET'],
    handler: (req, res) => {
      if (!authorized(req, allowed)) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="Canopy queues", charset="UTF-8"', 'content-type': 'text/plain' });
        res.end('Authentication required.\n');
        return;
      }
      // Bull Board's router serves paths relative to where it is mounted (Express's mount does the same).
      req.url = req.url!.slice(ADMIN_QUEUES_PATH.length) || '/';
      board.handle(req, res);
    },
  });
  return { routes, close: board.close };
}

/** The dashboard and its Redis connections are made on the first authorised visit, not at start: most runs never open it. */
function lazyBoard(redisUrl: string, prefix: string): { handle: (req: IncomingMessage, res: ServerResponse) => void; close: () => Promise<void> } {
  let queues: Queue[] = [];
  let router: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  return {
    handle: (req, res) => {
      if (!router) {
        const connection = redisConnection(redisUrl, 'producer');
        queues = Object.values(QUEUE_NAMES).map((name) => new Queue(name, { connection, prefix }));
        for (const queue of queues) queue.on('error', () => {}); // a Redis outage shows as errors in the dashboard, not as a crash
        const serverAdapter = new ExpressAdapter().setBasePath(ADMIN_QUEUES_PATH);
        createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })), serverAdapter });
        router = serverAdapter.getRouter() as unknown as (req: IncomingMessage, res: ServerResponse) => void;
      }
      router(req, res);
    },
    close: async () => {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

function credentialDigest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Basic auth, compared in constant time (digests of equal length, whatever was sent). */
function authorized(req: IncomingMessage, allowed: Buffer): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  return timingSafeEqual(credentialDigest(given), allowed) && match !== null;
}
