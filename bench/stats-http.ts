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
const REQUESTS = Number(process.env.STATS_HTTP_REQUESTS ?? 4000);
const ROUNDS = Math.max(3, Number(process.env.STATS_HTTP_ROUNDS ?? 3));
const TARGET_RATIO = 1.2;
const TARGET_P99_MS = 30;

type TMode = 'bare' | 'ours';
type TSample = { ackMs: number[]; wallMs: number; inAck: number; late: number };

/**
 * `/stats` over HTTP at concurrency 20 with 2,000 reps, each client sending its next command as soon as the
 * last is answered: our app, whose ack carries the answer (the blocks), against a bare Bolt app acking a
 * constant string. The machine is noisy, so the two alternate (bare, ours, bare, ours, …) for at least three
 * rounds, each in a fresh server process, and the figure is the median of the rounds' p99 ratios.
 */
export async function run(): Promise<void> {
  const data = await benchDatabase();
  const fake = await startFakeSlack({ requireToken: false });
  try {
    console.log(`stats-http: ${ROUNDS} rounds of ${REQUESTS} requests at concurrency ${CONCURRENCY}, 2,000 reps; bare and ours interleaved`);
    const ratios: number[] = [];
    const p99s: Record<TMode, number[]> = { bare: [], ours: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const bare = await measure('bare', data.path, data.repIds, fake);
      const ours = await measure('ours', data.path, data.repIds, fake);
      const ratio = percentile(ours.ackMs, 99) / percentile(bare.ackMs, 99);
      ratios.push(ratio);
      p99s.bare.push(percentile(bare.ackMs, 99));
      p99s.ours.push(percentile(ours.ackMs, 99));
      console.log(`round ${round}`);
      console.log(row('  bare Bolt app, ack', bare.ackMs, `${rate(bare)} req/s`));
      console.log(row('  Canopy /stats, ack = answer', ours.ackMs, `${rate(ours)} req/s; ${ours.inAck} answered in the ack, ${ours.late} on the response_url`));
      console.log(`  p99 ratio ${ratio.toFixed(2)}×`);
    }
    const median = percentile(ratios, 50);
    const oursP99 = percentile(p99s.ours, 50);
    console.log(`ack p99 ratio Canopy / bare, median of ${ROUNDS} rounds: ${median.toFixed(2)}× (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}); median p99 bare ${percentile(p99s.bare, 50).toFixed(1)} ms, ours ${oursP99.toFixed(1)} ms`);
    const ok = median <= TARGET_RATIO && oursP99 < TARGET_P99_MS;
    console.log(`  ${ok ? 'PASS' : 'FAIL'} (target ≤ ${TARGET_RATIO}×, and p99 < ${TARGET_P99_MS} ms)`);
  } finally {
    await fake.close();
  }
}

const row = (name: string, xs: number[], rate: string) =>
  `${name.padEnd(30)} p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms   ${rate}`;
const rate = (r: TSample) => Math.round((REQUESTS / r.wallMs) * 1000).toLocaleString('en-US');

async function measure(mode: TMode, dbPath: string, repIds: string[], fake: TFakeSlack): Promise<TSample> {
  const { child, port } = await startServer(mode, dbPath, fake.url);
  const baseUrl = `http://127.0.0.1:${port}`;
  const sample: TSample = { ackMs: [], wallMs: 0, inAck: 0, late: 0 };
  try {
    const fire = async (i: number, record: boolean) => {
      const started = performance.now();
      const res = await postCommand(baseUrl, SECRET, {
        command: '/stats',
        text: i % 5 === 0 ? 'quarter' : '',
        user_id: repIds[(i * 7919) % repIds.length]!,
        team_id: 'T0BENCH',
        response_url: fake.responseUrl(`${mode}-${i}`),
      });
      if (res.status !== 200) throw new Error(`${mode}: HTTP ${res.status} ${res.text}`);
      if (!record) return;
      sample.ackMs.push(performance.now() - started);
      if (mode === 'ours' && (res.json as { blocks?: unknown } | undefined)?.blocks) sample.inAck++;
    };
    await pool(WARMUP, (i) => fire(i, false));
    fake.reset();
    const began = performance.now();
    await pool(REQUESTS, (i) => fire(WARMUP + i, true));
    sample.wallMs = performance.now() - began;
    return sample;
  } finally {
    child.kill('SIGTERM');
    // Let answers still on their way to the response_url arrive (and be counted) before the next measurement.
    await new Promise((resolve) => child.once('exit', resolve));
    sample.late = fake.callsTo('response_url').length;
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

function startServer(mode: TMode, dbPath: string, slackApiUrl: string): Promise<{ child: ChildProcess; port: number }> {
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
