import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../src/logger';
import { serveMetrics, type TMetrics } from '../src/observability/metrics';

export type TWorkerHealth = () => Promise<{ ok: boolean } & Record<string, unknown>>;

export type TWorkerHttp = { server: Server; port: number; close: () => Promise<void> };

/**
 * The worker's own small HTTP server (`WORKER_PORT`): `GET /metrics` for Prometheus (deliveries, job
 * durations, queue depths, recompute duration) and `GET /healthz` (200 while the database, Redis and every
 * worker loop are up, 503 otherwise). Nothing else: the worker takes no requests.
 */
export async function startWorkerHttp(options: { port: number; host?: string; metrics: TMetrics; health: TWorkerHealth; logger: Logger }): Promise<TWorkerHttp> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || (path !== '/metrics' && path !== '/healthz')) {
      res.writeHead(404).end();
      return;
    }
    if (path === '/metrics') return void serveMetrics(options.metrics, res, options.logger);
    options.health().then((status) => res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(status))).catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'worker health check failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
