import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick } from '../support/interactions';
import { commandReply } from '../support/command-reply';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { testPostgresUrl } from '../support/postgres';
import { s } from '../support/tables';

const NOW = new Date('2026-11-24T18:00:00Z'); // a Tuesday
let tick = 0;
/** A clock that moves on a second per reading, as a real one would between a /log and a /stats. */
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

/** Holds SQLite's write lock from another process (a same-process lock could never be released while we wait). */
function lockDatabaseFor(path: string, ms: number): Promise<() => Promise<void>> {
  const script = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('BEGIN IMMEDIATE');console.log('locked');setTimeout(()=>{d.exec('COMMIT');d.close();},Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, path, String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => resolve(() => exited));
    child.on('error', reject);
  });
}

describe('/stats, /coach team and /coach help (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const command = async (user: string, name: string, text: string) => {
    const id = `r${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: name, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const reply = { args: await commandReply(res, fake, id) };
    return { ...reply.args, json: JSON.stringify(reply.args) } as Record<string, unknown> & { text: string; json: string };
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0ADM1', name: 'alex', real_name: 'Alex Admin', tz: 'UTC', is_admin: true },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
        { id: 'U0REP3', name: 'fay', real_name: 'Fay Rep', tz: 'Asia/Kolkata' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('/stats shows the rep their own activity by type, pipeline and an 8-week trend', async () => {
    await command('U0REP1', '/log', '4 calls, 2 emails, demo with Acme');
    await command('U0REP1', '/log', 'mon 3 calls');
    const reply = await command('U0REP1', '/stats', '');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.json).toMatch(/7\*? calls/);
    expect(reply.json).toMatch(/2\*? emails/);
    expect(reply.json).toMatch(/Demo/);
    expect(reply.json).toMatch(/[▁▂▃▄▅▆▇█]{8}/);
  });

  it.each(['today', 'last week', 'month', 'quarter', '30d', '90d'])('/stats %s answers for that period', async (period) => {
    const reply = await command('U0REP1', '/stats', period);
    expect(reply.json).not.toMatch(/don't know the period/);
    expect(Array.isArray(reply.blocks)).toBe(true);
  });

  it('/stats with a mangled period explains the valid ones', async () => {
    const reply = await command('U0REP1', '/stats', 'fortnight!!');
    expect(reply.text).toMatch(/last week/);
  });

  it('a manager builds a team, sees it, and sees their reps’ numbers — others get a polite refusal', async () => {
    // Managers come from the people import (role column); here the row is set as an import would.
    await command('U0MGR1', '/coach', 'help');
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0MGR1'));
    const asked = await command('U0MGR1', '/coach', 'team add <@U0REP1|dana> <@U0REP2|eli>');
    expect(asked.text).toMatch(/Asked <@U0REP1>, <@U0REP2> to join your team/);
    // Each rep is asked, told who would see their numbers, and accepts.
    for (const rep of ['U0REP1', 'U0REP2']) {
      const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === rep && /asks to add you to their team/.test(String(c.args.text)));
      const accept = buttonsIn(dm.args.blocks).find((b) => b.action_id === 'team_request_accept')!;
      const id = `accept${++n}`;
      const message = { ts: '1700000000.000900', blocks: dm.args.blocks, text: String(dm.args.text) };
      expect((await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick(rep, accept, message, fake.responseUrl(id)))).status).toBe(200);
      expect(String((await fake.waitFor('response_url', (c) => c.target === id)).args.text)).toMatch(/You joined <@U0MGR1>'s team/);
    }
    // A manager can't take in an admin (or another manager) to see their numbers.
    const admin = await command('U0MGR1', '/coach', 'team add <@U0ADM1|alex>');
    expect(admin.text).toMatch(/only reps join a team/);
    const team = await command('U0MGR1', '/coach', 'team');
    expect(team.json).toContain('U0REP1');
    expect(team.json).toContain('U0REP2');

    const repStats = await command('U0MGR1', '/stats', 'week <@U0REP1|dana>');
    expect(repStats.json).toMatch(/Dana Rep/);
    expect(repStats.json).toMatch(/calls/);

    // A rep asking about a peer, and the manager asking about someone not on their team.
    const peer = await command('U0REP2', '/stats', '<@U0REP1|dana>');
    expect(peer.text).toMatch(/only show a rep's numbers/);
    expect(peer.json).not.toMatch(/calls/);
    const stranger = await command('U0REP3', '/stats', '<@U0REP1|dana>');
    expect(stranger.text).toMatch(/only show a rep's numbers/);
  });

  it('a rep may only ask (nothing changes until the rep accepts), and removing works for the manager', async () => {
    const asked = await command('U0REP3', '/coach', 'team add <@U0REP2|eli>');
    expect(asked.text).toMatch(/Asked <@U0REP2> to join your team/);
    const peek = await command('U0REP3', '/stats', '<@U0REP2|eli>');
    expect(peek.text).toMatch(/only show a rep's numbers/);
    const removed = await command('U0MGR1', '/coach', 'team remove <@U0REP2|eli>');
    expect(removed.text).toMatch(/Removed from your team/);
    const after = await command('U0MGR1', '/stats', '<@U0REP2|eli>');
    expect(after.text).toMatch(/only show a rep's numbers/);
  });

  it('a Slack workspace admin is a Canopy admin and may look at any rep', async () => {
    const reply = await command('U0ADM1', '/stats', 'quarter <@U0REP3|fay>');
    expect(reply.json).toMatch(/Fay Rep/);
  });

  it.each(['', 'help', 'frobnicate', 'exprt'])('/coach %s explains every command with examples', async (text) => {
    const reply = await command('U0REP1', '/coach', text);
    for (const cmd of ['/log', '/stats', '/coach help']) expect(reply.json).toContain(cmd);
    if (text === 'frobnicate') expect(reply.json).toContain('frobnicate');
  });

  it('names and zones come from users.info once, then from the cache', async () => {
    await command('U0REP3', '/stats', '');
    await command('U0REP3', '/stats', '');
    const fay = (await app.db.select().from(s.people)).find((p) => p.slackUserId === 'U0REP3');
    expect(fay).toMatchObject({ name: 'Fay Rep', tz: 'Asia/Kolkata' });
    expect(fake.callsTo('users.info').filter((c) => c.args.user === 'U0REP3')).toHaveLength(0);
  });

  // SQLite's file lock, taken by another process; PostgreSQL locks rows, not the database, so there is no such wait.
  it.skipIf(testPostgresUrl())('acks within Slack’s 3 s while another process holds the database write lock', async () => {
    const released = await lockDatabaseFor(app.dbPath, 1000);
    try {
      const id = `slow${++n}`;
      const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/log', text: '2 calls', user_id: 'U0REP2', response_url: fake.responseUrl(id) });
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(3000);
      const reply = await fake.waitFor('response_url', (c) => c.target === id, 8000);
      expect(String(reply.args.text)).toMatch(/2 calls/);
    } finally {
      await released();
    }
    const rows = await app.db.select().from(s.activities);
    expect(rows.some((r) => r.count === 2 && r.type === 'call')).toBe(true);
    expect((await app.db.select().from(s.logEntries)).length).toBeGreaterThan(0);
  });

  it('GET /healthz reports the database and Redis', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: 'up', engine: expect.any(String), redis: 'up' });
  });
});

describe('GET /healthz with Redis down', () => {
  it('answers 503 naming what is down', async () => {
    const fake = await startFakeSlack();
    const app = await startTestApp({ fake, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const res = await fetch(`${app.baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, db: 'up', engine: expect.any(String), redis: 'down' });
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
