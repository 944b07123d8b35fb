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

type TRun = { ackMs: number[]; responseMs: number[]; wallMs: number };

/** `/stats` over HTTP at concurrency 20: our app vs. a bare Bolt app acking a constant string. */
export async function run(): Promise<void> {
  const data = benchDatabase();
  const fake = await startFakeSlack({ requireToken: false });
  try {
    const bare = await measure('bare', data.path, data.repIds, fake);
    const ours = await measure('ours', data.path, data.repIds, fake);
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(28)} p50 ${percentile(xs, 50).toFixed(2).padStart(6)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(6)} ms`;
    console.log(`stats-http: ${REQUESTS} requests at concurrency ${CONCURRENCY}, 2,000 reps`);
    console.log(row('bare Bolt app, ack', bare.ackMs) + `   ${rate(bare)} req/s`);
    console.log(row('Canopy /stats, ack', ours.ackMs) + `   ${rate(ours)} req/s`);
    console.log(row('Canopy /stats, full answer', ours.responseMs) + '   (ack → blocks at response_url)');
    const ratio = percentile(ours.ackMs, 99) / percentile(bare.ackMs, 99);
    console.log(`ack p99 ratio Canopy / bare: ${ratio.toFixed(2)}× (target ≤ 1.2×, and p99 < 30 ms)`);
  } finally {
    await fake.close();
  }
}

const rate = (r: TRun) => Math.round((REQUESTS / r.wallMs) * 1000).toLocaleString('en-US');

async function measure(mode: 'ours' | 'bare', dbPath: string, repIds: string[], fake: TFakeSlack): Promise<TRun> {
  const { child, port } = await startServer(mode, dbPath, fake.url);
  const baseUrl = `http://127.0.0.1:${port}`;
  const responseAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  try {
    const fire = async (i: number, record: boolean) => {
      const id = `${mode}-${i}`;
      const started = performance.now();
      sentAt.set(id, started);
      const res = await postCommand(baseUrl, SECRET, {
        command: '/stats',
        text: i % 5 === 0 ? 'quarter' : '',
        user_id: repIds[(i * 7919) % repIds.length]!,
        team_id: 'T0BENCH',
        response_url: fake.responseUrl(id),
      });
      if (res.status !== 200) throw new Error(`${mode}: HTTP ${res.status} ${res.text}`);
      return record ? performance.now() - started : undefined;
    };
    await pool(WARMUP, (i) => fire(i, false));
    fake.reset();
    const ackMs: number[] = [];
    const began = performance.now();
    await pool(REQUESTS, async (i) => {
      const ms = await fire(WARMUP + i, true);
      if (ms !== undefined) ackMs.push(ms);
    });
    const wallMs = performance.now() - began;
    if (mode === 'ours') await waitForResponses(fake, REQUESTS);
    for (const call of fake.callsTo('response_url')) responseAt.set(call.target!, call.at);
    return { ackMs, responseMs: mode === 'ours' ? responseLatencies(sentAt, responseAt) : [], wallMs };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The fake records wall-clock `at` (Date.now()); convert our performance.now() send times to the same clock. */
function responseLatencies(sentAt: Map<string, number>, responseAt: Map<string, number>): number[] {
  const offset = Date.now() - performance.now();
  return [...responseAt].filter(([id]) => sentAt.has(id)).map(([id, at]) => at - (sentAt.get(id)! + offset));
}

async function waitForResponses(fake: TFakeSlack, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (fake.callsTo('response_url').length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function pool(total: number, task: (i: number) => Promise<void | number | undefined>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

function startServer(mode: string, dbPath: string, slackApiUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const tsx = join(HERE, '..', 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(HERE, 'stats-http-server.ts'), mode, dbPath, slackApiUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
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
