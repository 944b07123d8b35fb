import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '../../db/client';
import { databaseUrlOf, memoryDb } from '../support/db';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { testPostgresUrl } from '../support/postgres';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` as a process: its exit code and output (or a handle to stop it). */
function start(env: Record<string, string>) {
  const child = spawn(TSX, ['src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('npm start (src/main.ts) as a process', { timeout: 90_000 }, () => {
  let fake: TFakeSlack;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'canopy-boot-'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<{ what: string; env: Record<string, string>; names: string }>([
    { what: 'no bot token', env: { SLACK_SIGNING_SECRET: 's' }, names: 'SLACK_BOT_TOKEN' },
    { what: 'a bad port', env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' }, names: 'PORT' },
    { what: 'a DATABASE_URL that is not PostgreSQL', env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATABASE_URL: 'mysql://db/canopy' }, names: 'DATABASE_URL' },
    {
      what: 'a PostgreSQL that does not answer',
      env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATABASE_URL: 'postgres://canopy:secret@127.0.0.1:1/canopy' },
      names: 'Cannot open the database at postgres://127.0.0.1:1/canopy',
    },
  ])('refuses to start with $what, naming the variable', async ({ env, names }) => {
    const run = start({ ...env, DATABASE_PATH: join(dir, 'refused.db') });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain(names);
  });

  it('starts in HTTP mode, migrates the database, answers /healthz and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    // On PostgreSQL, a database of the test's own (the app migrates it again: nothing left to apply).
    let database: Record<string, string> = {};
    if (testPostgresUrl()) {
      const db = await memoryDb();
      database = { DATABASE_URL: databaseUrlOf(db)! };
      await closeDb(db);
    }
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-boot',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.url,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'canopy.db'),
      LOG_LEVEL: 'warn',
      ...database,
    });
    let health: Response | undefined;
    for (let i = 0; i < 400 && !health; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 100));
    }
    expect(health?.status).toBe(200);
    expect(await health?.json()).toEqual({ ok: true, db: 'up', engine: expect.any(String), redis: 'up' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
