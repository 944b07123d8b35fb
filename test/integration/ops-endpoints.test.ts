import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import { importFile } from '../../src/services/imports/import-file';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

/*
 * The app's operational endpoints over real HTTP: GET /metrics (Prometheus text) after some traffic, and the
 * queue dashboard at /admin/queues — behind basic auth with ADMIN_PASSWORD, absent without it. The dashboard
 * reads the real Redis under this file's own prefix, removed afterwards.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery staple';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('GET /metrics and /admin/queues', () => {
  const prefix = `canopy-test-ops-${randomBytes(4).toString('hex')}`;
  let fake: TFakeSlack;
  let app: TTestApp;
  let plain: TTestApp;

  beforeAll(async () => {
    fake = await startFakeSlack({ users: [{ id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/New_York' }] });
    [app, plain] = await Promise.all([
      startTestApp({ fake, adminPassword: PASSWORD, queuePrefix: prefix, redisUrl: REDIS_URL }),
      startTestApp({ fake, redisUrl: REDIS_URL }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await plain?.close();
    for (const name of Object.values(QUEUE_NAMES)) {
      const queue = new Queue(name, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await fake?.close();
  });

  it('after a command, an event-less interaction and an unknown button: ack histograms by kind, the unknown one counted', async () => {
    expect((await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text: 'help', user_id: 'U0REP1', response_url: fake.responseUrl() })).status).toBe(200);
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, loadFixture('block-actions-message', { response_url: fake.responseUrl() }))).status).toBe(200);
    const res = await fetch(`${app.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE canopy_ack_duration_seconds histogram');
    expect(text).toMatch(/canopy_ack_duration_seconds_count\{kind="command",name="\/coach"\} 1\b/);
    expect(text).toMatch(/canopy_ack_duration_seconds_bucket\{le="3",kind="command",name="\/coach"\} 1\b/);
    expect(text).toMatch(/canopy_ack_duration_seconds_count\{kind="block_actions",name=""\} 1\b/);
    expect(text).toContain('canopy_unknown_interactions_total{kind="block_actions"} 1');
    // Declared in every process; the worker is where deliveries are counted.
    expect(text).toContain('# TYPE canopy_deliveries_total counter');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts the rows CSV imports wrote (the CLI exits before a scrape: the figures come from their audit lines)', async () => {
    const people = 'slack_user_id,name,role,tz\nU0IMP1,Ida Import,rep,America/New_York\nU0IMP2,Ivo Import,rep,America/New_York\n';
    const first = await importFile(app.db, { workspaceId: 'T0CANOPY', kind: 'people', csv: people }, undefined);
    expect(first.ok ? 'ok' : first.errors).toBe('ok');
    await importFile(app.db, { workspaceId: 'T0CANOPY', kind: 'people', csv: people }, undefined);
    const bad = await importFile(app.db, { workspaceId: 'T0CANOPY', kind: 'people', csv: 'slack_user_id,name,role,tz\nU0IMP3,Fay,boss,America/New_York\n' }, undefined);
    expect(bad.ok).toBe(false);
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(text).toContain('# TYPE canopy_import_rows_total counter');
    expect(text).toMatch(/canopy_import_rows_total\{kind="people",outcome="unchanged"\} 2\b/);
    expect(text).toMatch(/canopy_import_rows_total\{kind="people",outcome="rejected"\} 1\b/);
    expect(text).toMatch(/canopy_import_rows_total\{kind="people",outcome="inserted"\} 2\b/);
  });

  it('/admin/queues: 401 with a challenge without credentials or with wrong ones', async () => {
    const none = await fetch(`${app.baseUrl}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    for (const authorization of [basic('admin', 'wrong password!!'), basic('root', PASSWORD), basic('admin', `${PASSWORD}x`), 'Bearer abc', 'Basic !!!']) {
      expect((await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: { authorization } })).status).toBe(401);
    }
  });

  it('/admin/queues with the password: the dashboard, over the recompute, plan and deliver queues, read-only', async () => {
    const page = await fetch(`${app.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', PASSWORD) } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/admin/queues');
    const api = await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: { authorization: basic('admin', PASSWORD) } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['deliver', 'plan', 'recompute']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('without ADMIN_PASSWORD there is no dashboard (404), and /metrics is still served', async () => {
    expect((await fetch(`${plain.baseUrl}/admin/queues`)).status).toBe(404);
    expect((await fetch(`${plain.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', PASSWORD) } })).status).toBe(404);
    expect((await fetch(`${plain.baseUrl}/metrics`)).status).toBe(200);
  });
});
