import { Worker } from 'node:worker_threads';
import type { TStatsJob, TStatsJobResult } from './stats-job';

/**
 * `answer` resolves with the rendered message (`{ text, blocks }`) as JSON; the caller decides whether it goes in
 * the ack or to the response_url.
 */
export type TStatsPool = {
  answer(job: Omit<TStatsJob, 'id'>): Promise<string>;
  /** Resolves once every thread has loaded its code (about a second): until then answers miss the ack's budget. */
  ready(): Promise<void>;
  close(): Promise<void>;
};

const BOOTSTRAP = new URL('./ts-thread-bootstrap.mjs', import.meta.url);
const THREAD_ENTRY = new URL('./stats-thread.ts', import.meta.url).href;

/**
 * Computes and renders `/stats` answers on worker threads, each with its own SQLite connection (WAL lets
 * readers run beside the writer), so a slow query never holds up another request's ack. Jobs go round-robin; a thread that dies is replaced and its jobs fail loudly.
 */
export function createStatsPool(options: { dbPath: string; threads?: number }): TStatsPool {
  const pending = new Map<number, { resolve: (json: string) => void; reject: (error: Error) => void; thread: Worker }>();
  let nextId = 1;
  let turn = 0;
  let closing = false;
  const exited = new WeakSet<Worker>();
  const started: Promise<void>[] = [];

  const spawn = (): Worker => {
    // The thread is TypeScript: the bootstrap loads it through tsx whatever started us (npm start, vitest, a bench).
    const thread = new Worker(BOOTSTRAP, { workerData: { dbPath: options.dbPath, entry: THREAD_ENTRY } });
    // A thread that dies while starting settles this too, so `ready()` never hangs (its jobs fail instead).
    started.push(new Promise((resolve) => (thread.once('message', () => resolve()), thread.once('exit', () => resolve()))));
    thread.on('message', (result: TStatsJobResult | { ready: true }) => {
      if (!('id' in result)) return;
      const waiter = pending.get(result.id);
      if (!waiter) return;
      pending.delete(result.id);
      if (result.ok) waiter.resolve(result.json);
      else waiter.reject(new Error(result.error));
    });
    thread.on('error', (error) => failJobsOf(thread, error));
    thread.on('exit', (code) => {
      exited.add(thread);
      failJobsOf(thread, new Error(`stats thread exited with code ${code}`));
      if (closing) return;
      // A thread that cannot even start would otherwise be respawned in a tight loop.
      setTimeout(() => {
        const index = threads.indexOf(thread);
        if (!closing && index >= 0) threads[index] = spawn();
      }, 1000).unref();
    });
    thread.unref();
    return thread;
  };

  const failJobsOf = (thread: Worker, error: Error) => {
    for (const [id, waiter] of pending) {
      if (waiter.thread !== thread) continue;
      pending.delete(id);
      waiter.reject(error);
    }
  };

  const threads = Array.from({ length: Math.max(1, options.threads ?? 1) }, spawn);

  return {
    answer(job) {
      const thread = threads[turn++ % threads.length]!;
      if (exited.has(thread)) return Promise.reject(new Error('the stats thread is restarting'));
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject, thread });
        thread.postMessage({ ...job, id } satisfies TStatsJob);
      });
    },
    async ready() {
      // The threads are unref'd so they never hold the process open; while someone waits for them, they must.
      const keepAlive = setInterval(() => {}, 1000);
      try {
        await Promise.all(started.slice(0, threads.length));
      } finally {
        clearInterval(keepAlive);
      }
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
