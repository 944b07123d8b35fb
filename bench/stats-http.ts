import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeSlack, type TFakeSlack } from '../test/support/fake-slack';
import { postCommand } from '../test/support/slack-requests';
import { benchDatabase } from './stats-data';
import { percentile } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const SECRET = 'bench-signing-secret';
const CONCURRENCY = 20;
const WARMUP = 400;
const REQUESTS = 4000;

type TSample = { ackMs: number[]; answerMs: number[]; wallMs: number };

/**
 * `/stats` over HTTP at concurrency 20 with 2,000 reps: (1) acks, each client sending its next command
 * as soon as the last is acked — our app against a bare Bolt app acking a constant string; (2) the
 * whole answer, each client waiting for its blocks at the response_url before the next command.
 */
export async function run(): Promise<void> {
  const data = benchDatabase();
  const fake = await startFakeSlack({ requireToken: false });
  try {
    const bare = await measure('bare', data.path, data.repIds, fake, 'ack');
    const ours = await measure('ours', data.path, data.repIds, fake, 'ack');
    const answered = await measure('ours', data.path, data.repIds, fake, 'answer');
    const row = (name: string, xs: number[], rate: string) =>
      `${name.padEnd(34)} p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms   ${rate}`;
    console.log(`stats-http: ${REQUESTS} requests at concurrency ${CONCURRENCY}, 2,000 reps`);
    console.log(row('bare Bolt app, ack', bare.ackMs, `${rate(bare)} req/s`));
    console.log(row('Canopy /stats, ack', ours.ackMs, `${rate(ours)} req/s`));
    console.log(row('Canopy /stats, whole answer', answered.answerMs, `${rate(answered)} answers/s (ack → blocks at response_url)`));
    const ratio = percentile(ours.ackMs, 99) / percentile(bare.ackMs, 99);
    console.log(`ack p99 ratio Canopy / bare: ${ratio.toFixed(2)}× (target ≤ 1.2×, and p99 < 30 ms)`);
  } finally {
    await fake.close();
  }
}

const rate = (r: TSample) => Math.round((REQUESTS / r.wallMs) * 1000).toLocaleString('en-US');

async function measure(mode: 'ours' | 'bare', dbPath: string, repIds: string[], fake: TFakeSlack, until: 'ack' | 'answer'): Promise<TSample> {
  const { child, port } = await startServer(mode, dbPath, fake.url);
  const baseUrl = `http://127.0.0.1:${port}`;
  const sample: TSample = { ackMs: [], answerMs: [], wallMs: 0 };
  try {
    const fire = async (i: number, record: boolean) => {
      const id = `${mode}-${until}-${i}`;
      const started = performance.now();
      const res = await postCommand(baseUrl, SECRET, {
        command: '/stats',
        text: i % 5 === 0 ? 'quarter' : '',
        user_id: repIds[(i * 7919) % repIds.length]!,
        team_id: 'T0BENCH',
        response_url: fake.responseUrl(id),
      });
      if (res.status !== 200) throw new Error(`${mode}: HTTP ${res.status} ${res.text}`);
      if (record) sample.ackMs.push(performance.now() - started);
      if (until === 'ack') return;
      await fake.waitFor('response_url', (c) => c.target === id, 30_000);
      if (record) sample.answerMs.push(performance.now() - started);
    };
    await pool(WARMUP, (i) => fire(i, false));
    fake.reset();
    const began = performance.now();
    await pool(REQUESTS, (i) => fire(WARMUP + i, true));
    sample.wallMs = performance.now() - began;
    return sample;
  } finally {
    child.kill('SIGTERM');
    // Let the answers still queued for this server drain before the next measurement starts.
    await new Promise((resolve) => child.once('exit', resolve));
    fake.reset();
  }
}

async function pool(total: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

function startServer(mode: string, dbPath: string, slackApiUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'stats-http-server.ts'), mode, dbPath, slackApiUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}: ${out}`)));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
