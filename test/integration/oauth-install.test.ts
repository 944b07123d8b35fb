import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeliveryById } from '../../db/repositories/deliveries';
import { encryptionKeysOf, parseEnv } from '../../src/config/env';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { UNINSTALLED_REASON } from '../../src/services/deliveries/port';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import { createWorkspaceSenders, workspaceTokensFromEnv } from '../../src/slack/workspace-senders';
import { asc, and, eq } from 'drizzle-orm';
import { addPerson } from '../support/db';
import { s } from '../support/tables';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { postEvent } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

/*
 * OAuth for many workspaces over real HTTP (SPEC §2, issue 14): /slack/install → Slack's authorize page with a state
 * bound to the browser; /slack/oauth_redirect → the fake Slack's oauth.v2.access → the success page; then each
 * workspace's requests and deliveries use its own token (the fake refuses a token used for another team's people).
 */

const CLIENT = { clientId: '1234.5678', clientSecret: 'client-secret' };
const OAUTH_ENV = {
  SLACK_CLIENT_ID: CLIENT.clientId,
  SLACK_CLIENT_SECRET: CLIENT.clientSecret,
  SLACK_STATE_SECRET: 'state-secret',
  CANOPY_ENCRYPTION_KEY: Buffer.alloc(32, 42).toString('base64'),
};
const DIGEST_DUE = new Date('2026-11-30T09:00:00Z');

let fake: TFakeSlack;
let app: TTestApp;

beforeAll(async () => {
  fake = await startFakeSlack({
    oauth: CLIENT,
    users: [
      { id: 'U0ALPHA1', name: 'ada', team_id: 'T0ALPHA' },
      { id: 'U0BETA1', name: 'bo', team_id: 'T0BETA' },
      { id: 'U0GRID1', name: 'gil', team_id: 'T0GRIDA', enterprise_id: 'E0GRID' },
      { id: 'U0GRID2', name: 'gus', team_id: 'T0GRIDB', enterprise_id: 'E0GRID' },
    ],
  });
  app = await startTestApp({ fake, env: OAUTH_ENV });
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

/** The browser's side of an install: /slack/install, Slack's "Allow" (a code), back to /slack/oauth_redirect with the cookie. */
async function install(teamOrOrg: Parameters<TFakeSlack['oauthCode']>[0], options: { cookie?: 'same' | 'none' | 'other' } = {}) {
  const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
  const location = new URL(start.headers.get('location') ?? 'http://missing/');
  const cookie = start.headers.get('set-cookie')?.split(';')[0] ?? '';
  const state = location.searchParams.get('state') ?? '';
  const code = fake.oauthCode(teamOrOrg);
  const sent = options.cookie === 'none' ? undefined : options.cookie === 'other' ? 'slack-app-oauth-state=forged' : cookie;
  const done = await fetch(`${app.baseUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
    headers: sent ? { cookie: sent } : {},
    redirect: 'manual',
  });
  return { start, location, cookie, state, done, html: await done.text() };
}

const homeOpened = (teamId: string, user: string, extra: Record<string, unknown> = {}) =>
  loadFixture('event-app-home-opened', {
    team_id: teamId,
    context_team_id: teamId,
    event_id: `Ev${teamId}${user}${Math.random().toString(36).slice(2, 8)}`,
    event: { user, channel: `D${user.slice(1)}`, tab: 'home' },
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: `U0BOT${teamId}`, is_bot: true, is_enterprise_install: false }],
    ...extra,
  });

const uninstalled = (teamId: string, eventTime: number, type: 'app_uninstalled' | 'tokens_revoked' = 'app_uninstalled', tokens?: Record<string, string[]>) => ({
  token: 'x',
  team_id: teamId,
  api_app_id: 'A0CANOPY',
  event: { type, ...(tokens ? { tokens } : {}), event_ts: `${eventTime}.000100` },
  type: 'event_callback',
  event_id: `Ev0UN${teamId}${Math.random().toString(36).slice(2, 8)}`,
  event_time: eventTime,
  authorizations: [{ enterprise_id: null, team_id: teamId, user_id: `U0BOT${teamId}`, is_bot: true, is_enterprise_install: false }],
});

const digestOf = async (personId: number) =>
  (await app.db.select({ id: s.deliveries.id }).from(s.deliveries).where(and(eq(s.deliveries.kind, 'digest'), eq(s.deliveries.recipientId, personId))))[0]!;

const senders = (now = () => new Date()) => {
  const env = parseEnv({ ...OAUTH_ENV, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url, DATABASE_PATH: app.dbPath });
  return createWorkspaceSenders(workspaceTokensFromEnv(app.db, env, now), { apiUrl: fake.url });
};

describe('OAuth install for two workspaces', () => {
  it('/slack/install redirects to Slack with the state it binds to this browser by a cookie, and the bot scopes of the manifest', async () => {
    const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(location.searchParams.get('scope')?.split(',')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read']));
    const state = location.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(start.headers.get('set-cookie')).toContain(`slack-app-oauth-state=${state}`);
  });

  it('installs each workspace: the success page says what to do next, the tokens are stored encrypted and nowhere in plain', async () => {
    const alpha = await install({ teamId: 'T0ALPHA', teamName: 'Alpha Sales' });
    expect(alpha.done.status).toBe(200);
    expect(alpha.html).toContain('Canopy is installed in Alpha Sales');
    expect(alpha.html).toContain("Open Canopy's Home tab");
    expect(alpha.html).toContain('/coach setup');
    expect(alpha.html).toContain('slack://app?team=T0ALPHA&amp;id=A0CANOPY&amp;tab=home');
    const beta = await install({ teamId: 'T0BETA', teamName: 'Beta <Corp>' });
    expect(beta.html).toContain('Canopy is installed in Beta &#60;Corp&#62;');

    const exchanges = fake.callsTo('oauth.v2.access');
    expect(exchanges).toHaveLength(2);
    expect(exchanges.every((c) => c.ok && c.args.client_id === CLIENT.clientId)).toBe(true);
    const rows = await app.db.select().from(s.installations).orderBy(asc(s.installations.id));
    expect(rows.map((r) => [r.teamId, r.installKey, r.botUserId, r.keyId?.length])).toEqual([
      ['T0ALPHA', ':T0ALPHA', 'U0BOTT0ALPHA', 16],
      ['T0BETA', ':T0BETA', 'U0BOTT0BETA', 16],
    ]);
    expect(rows.every((r) => r.secrets?.startsWith('v1.'))).toBe(true);
    expect(await app.db.select({ id: s.workspaces.id, name: s.workspaces.name }).from(s.workspaces).orderBy(asc(s.workspaces.id))).toEqual([
      { id: 'T0ALPHA', name: 'Alpha Sales' },
      { id: 'T0BETA', name: 'Beta <Corp>' },
    ]);

    const issued = fake.calls.filter((c) => c.method === 'auth.test').map((c) => c.token!);
    expect(issued).toHaveLength(2);
    // Nowhere in plain: in the SQLite file (and its WAL), or in what PostgreSQL stores for the installations.
    let bytes: Buffer;
    if (app.db.$engine === 'sqlite') {
      app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      bytes = Buffer.concat([readFileSync(app.dbPath), readFileSync(`${app.dbPath}-wal`, { flag: 'a+' })]);
    } else {
      bytes = Buffer.from(JSON.stringify(await app.db.select().from(s.installations)));
    }
    for (const token of issued) {
      expect(token).toMatch(/^xoxb-T0(ALPHA|BETA)-/);
      expect(bytes.includes(Buffer.from(token))).toBe(false);
    }
  });

  it('refuses a callback whose state is not this browser’s, with a friendly page, and stores nothing', async () => {
    const before = (await app.db.select().from(s.installations)).length;
    for (const cookie of ['none', 'other'] as const) {
      const attempt = await install({ teamId: 'T0MALLORY' }, { cookie });
      expect(attempt.done.status).toBe(400);
      expect(attempt.html).toContain('Canopy was not installed');
      expect(attempt.html).toContain('href="/slack/install"');
    }
    expect(await app.db.select().from(s.installations)).toHaveLength(before);
  });

  it('someone pressing Cancel on Slack’s page, or coming back without a code, gets the friendly page and a 4xx, not a 5xx', async () => {
    const start = await fetch(`${app.baseUrl}/slack/install`, { redirect: 'manual' });
    const cookie = start.headers.get('set-cookie')?.split(';')[0] ?? '';
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cancelled = await fetch(`${app.baseUrl}/slack/oauth_redirect?error=access_denied&state=${encodeURIComponent(state)}`, { headers: { cookie } });
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toContain('The installation was cancelled or not allowed.');
    const noCode = await fetch(`${app.baseUrl}/slack/oauth_redirect?state=${encodeURIComponent(state)}`, { headers: { cookie } });
    expect(noCode.status).toBe(400);
  });

  it('answers each workspace’s request with that workspace’s own token', async () => {
    for (const [team, user] of [['T0ALPHA', 'U0ALPHA1'], ['T0BETA', 'U0BETA1']] as const) {
      const res = await postEvent(app.baseUrl, SIGNING_SECRET, homeOpened(team, user));
      expect(res.status).toBe(200);
      const published = await fake.waitFor('views.publish', (c) => c.args.user_id === user);
      expect(published.ok).toBe(true);
      expect(fake.issuedToken(published.token!)?.teamId).toBe(team);
    }
  });

  it('sends each workspace’s deliveries with its own token (the fake refuses a token of the wrong team)', async () => {
    const ports = senders();
    const alpha = (await ports.forWorkspace('T0ALPHA'))!;
    const beta = (await ports.forWorkspace('T0BETA'))!;
    const message = { text: 'hello', blocks: [] };
    await alpha.post({ userId: 'U0ALPHA1', deliveryId: 1, kind: 'digest', message });
    await beta.post({ userId: 'U0BETA1', deliveryId: 2, kind: 'digest', message });
    await expect(alpha.post({ userId: 'U0BETA1', deliveryId: 3, kind: 'digest', message })).rejects.toMatchObject({ kind: 'permanent', code: 'invalid_auth' });
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((c) => [c.args.channel, fake.issuedToken(c.token!)?.teamId, c.ok])).toEqual([
      ['U0ALPHA1', 'T0ALPHA', true],
      ['U0BETA1', 'T0BETA', true],
      ['U0BETA1', 'T0ALPHA', false],
    ]);
    expect(await ports.forWorkspace('T0NEVER')).toBeNull();
  });

  it('sendDelivery sends a planned digest with the workspace’s token', async () => {
    const ada = await addPerson(app.db, 'T0ALPHA', 'U0ALPHA1', { name: 'Ada', tz: 'Europe/London' });
    await planDeliveries(app.db, { now: new Date('2026-11-30T08:50:00Z'), workspaceId: 'T0ALPHA' });
    const row = await digestOf(ada.id);
    const mark = fake.calls.length;
    expect(await sendDelivery(app.db, senders(), row.id, DIGEST_DUE)).toMatchObject({ outcome: 'sent' });
    const post = fake.calls.slice(mark).find((c) => c.method === 'chat.postMessage')!;
    expect(fake.issuedToken(post.token!)?.teamId).toBe('T0ALPHA');
  });
});

describe('uninstall', () => {
  it('app_uninstalled deletes the tokens and stops deliveries (recorded skipped); a repeated or late event changes nothing; a reinstall brings it back', async () => {
    const bo = await addPerson(app.db, 'T0BETA', 'U0BETA1', { name: 'Bo', tz: 'Europe/London' });
    await planDeliveries(app.db, { now: new Date('2026-11-30T08:50:00Z'), workspaceId: 'T0BETA' });
    const row = await digestOf(bo.id);

    const now = Math.floor(Date.now() / 1000);
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, uninstalled('T0BETA', now));
    expect(res.status).toBe(200);
    const beta = async () => (await app.db.select().from(s.installations)).find((r) => r.teamId === 'T0BETA')!;
    await expect.poll(async () => (await beta()).secrets).toBeNull();
    expect((await beta()).uninstalledAt).toBeInstanceOf(Date);
    const ws = async () => (await app.db.select().from(s.workspaces)).find((w) => w.id === 'T0BETA')!;
    const uninstalledAt = (await ws()).uninstalledAt;
    expect(uninstalledAt).toBeInstanceOf(Date);

    expect(await sendDelivery(app.db, senders(), row.id, DIGEST_DUE)).toEqual({ outcome: 'skipped', deliveryId: row.id, reason: UNINSTALLED_REASON });
    expect(await findDeliveryById(app.db, row.id)).toMatchObject({ status: 'skipped', reason: UNINSTALLED_REASON });
    expect((await planDeliveries(app.db, { now: new Date('2026-12-07T08:50:00Z'), workspaceId: 'T0BETA' })).items).toEqual([]);

    // Repeated: nothing changes (the first instant stays, it starts the retention).
    await postEvent(app.baseUrl, SIGNING_SECRET, uninstalled('T0BETA', now + 5));
    await postEvent(app.baseUrl, SIGNING_SECRET, uninstalled('T0BETA', now + 6, 'tokens_revoked', { bot: ['U0BOTT0BETA'] }));
    expect((await ws()).uninstalledAt).toEqual(uninstalledAt);

    // Reinstalled; then the old uninstall arrives late: ignored.
    await install({ teamId: 'T0BETA', teamName: 'Beta <Corp>' });
    expect((await beta()).secrets).toMatch(/^v1\./);
    expect((await ws()).uninstalledAt).toBeNull();
    await postEvent(app.baseUrl, SIGNING_SECRET, uninstalled('T0BETA', now - 60));
    await postEvent(app.baseUrl, SIGNING_SECRET, homeOpened('T0BETA', 'U0BETA1'));
    await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0BETA1' && fake.calls.indexOf(c) > 0 && c.ok && fake.issuedToken(c.token!)?.teamId === 'T0BETA');
    expect((await beta()).secrets).toMatch(/^v1\./);
    expect(await senders().forWorkspace('T0BETA')).not.toBeNull();
  });

  it('a token Slack says is revoked, with no event reaching us, stops that workspace like tokens_revoked would', async () => {
    await install({ teamId: 'T0GAMMA', teamName: 'Gamma' });
    const env = parseEnv({ ...OAUTH_ENV, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url, DATABASE_PATH: app.dbPath });
    fake.revokeToken((await workspaceTokensFromEnv(app.db, env).tokenFor('T0GAMMA'))!);
    const gil = await addPerson(app.db, 'T0GAMMA', 'U0GAMMA1', { name: 'Gil', tz: 'Europe/London' });
    const gus = await addPerson(app.db, 'T0GAMMA', 'U0GAMMA2', { name: 'Gus', tz: 'Europe/London' });
    await planDeliveries(app.db, { now: new Date('2026-11-30T08:50:00Z'), workspaceId: 'T0GAMMA' });
    const gilId = (await digestOf(gil.id)).id;
    const gusId = (await digestOf(gus.id)).id;

    expect(await sendDelivery(app.db, senders(), gilId, DIGEST_DUE)).toMatchObject({ outcome: 'failed', error: 'token_revoked' });
    expect((await app.db.select().from(s.workspaces)).find((w) => w.id === 'T0GAMMA')!.uninstalledAt).toBeInstanceOf(Date);
    expect((await app.db.select().from(s.installations)).find((r) => r.teamId === 'T0GAMMA')!.secrets).toBeNull();
    const posts = fake.callsTo('chat.postMessage').length;
    expect(await sendDelivery(app.db, senders(), gusId, DIGEST_DUE)).toEqual({ outcome: 'skipped', deliveryId: gusId, reason: UNINSTALLED_REASON });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('tokens_revoked for user tokens only leaves the bot token alone', async () => {
    await postEvent(app.baseUrl, SIGNING_SECRET, uninstalled('T0ALPHA', Math.floor(Date.now() / 1000), 'tokens_revoked', { oauth: ['U0ALPHA1'] }));
    // The next request is answered: it would not be if the tokens were gone.
    await postEvent(app.baseUrl, SIGNING_SECRET, homeOpened('T0ALPHA', 'U0ALPHA1'));
    const mark = fake.calls.length;
    await postEvent(app.baseUrl, SIGNING_SECRET, homeOpened('T0ALPHA', 'U0ALPHA1'));
    await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0ALPHA1' && fake.calls.indexOf(c) >= mark);
    expect((await app.db.select().from(s.installations)).find((r) => r.teamId === 'T0ALPHA')!.secrets).toMatch(/^v1\./);
    expect((await app.db.select().from(s.workspaces)).find((w) => w.id === 'T0ALPHA')!.uninstalledAt).toBeNull();
  });
});

describe('token rotation', () => {
  it('a job refreshes an expiring token (and stores the new one) before it sends; the old token is refused after', async () => {
    await install({ teamId: 'T0ROT', teamName: 'Rotating', expiresIn: 43_200 });
    fake.addUser({ id: 'U0ROT1', name: 'rae', team_id: 'T0ROT' });
    const row = async () => (await app.db.select().from(s.installations)).find((r) => r.teamId === 'T0ROT')!;
    const firstSecrets = (await row()).secrets;
    expect((await row()).botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const original = fake.calls.filter((c) => c.method === 'auth.test' && fake.issuedToken(c.token!)?.teamId === 'T0ROT').at(-1)!.token!;

    // Twelve hours on, the token is about to expire: the send refreshes it first, once, however many ask at once.
    const later = () => new Date(Date.now() + 12 * 3600_000 - 60_000);
    const ports = senders(later);
    const [a, b] = await Promise.all([ports.forWorkspace('T0ROT'), ports.forWorkspace('T0ROT')]);
    const refreshes = fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    await a!.post({ userId: 'U0ROT1', deliveryId: 10, kind: 'digest', message: { text: 'hi', blocks: [] } });
    await b!.post({ userId: 'U0ROT1', deliveryId: 11, kind: 'digest', message: { text: 'hi', blocks: [] } });
    const posts = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'U0ROT1');
    expect(posts.every((c) => c.ok && c.token !== original)).toBe(true);
    expect((await row()).secrets).not.toBe(firstSecrets);
    expect((await row()).botTokenExpiresAt!.getTime()).toBeGreaterThan(later().getTime());

    // The old token no longer works; the stored one does, without another refresh.
    expect(fake.issuedToken(original)?.invalid).toBe('token_expired');
    const again = (await senders().forWorkspace('T0ROT'))!;
    await again.post({ userId: 'U0ROT1', deliveryId: 12, kind: 'digest', message: { text: 'hi', blocks: [] } });
    expect(fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token')).toHaveLength(1);
  });

  it('Bolt refreshes an expired token for an incoming request and stores it through our store, keeping the install instant', async () => {
    await install({ teamId: 'T0ROT2', expiresIn: 60 });
    fake.addUser({ id: 'U0ROT2', name: 'rob', team_id: 'T0ROT2' });
    const row = async () => (await app.db.select().from(s.installations)).find((r) => r.teamId === 'T0ROT2')!;
    const installedAt = (await row()).installedAt;
    const secrets = (await row()).secrets;
    const mark = fake.calls.length;
    await postEvent(app.baseUrl, SIGNING_SECRET, homeOpened('T0ROT2', 'U0ROT2'));
    const published = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0ROT2' && fake.calls.indexOf(c) >= mark);
    expect(published.ok).toBe(true);
    expect(fake.calls.slice(mark).some((c) => c.method === 'oauth.v2.access' && c.args.grant_type === 'refresh_token')).toBe(true);
    expect((await row()).secrets).not.toBe(secrets);
    expect((await row()).installedAt).toEqual(installedAt);
  });
});

describe('Enterprise Grid', () => {
  it('an org-wide install serves each workspace of the org with the org’s token', async () => {
    const org = await install({ enterpriseId: 'E0GRID', enterpriseName: 'Grid Co', isEnterpriseInstall: true });
    expect(org.done.status).toBe(200);
    expect(org.html).toContain('Canopy is installed in Grid Co');
    const row = (await app.db.select().from(s.installations)).find((r) => r.enterpriseId === 'E0GRID')!;
    expect(row).toMatchObject({ installKey: 'E0GRID:', teamId: null, isEnterpriseInstall: true });

    for (const [team, user] of [['T0GRIDA', 'U0GRID1'], ['T0GRIDB', 'U0GRID2']] as const) {
      const mark = fake.calls.length;
      await postEvent(
        app.baseUrl,
        SIGNING_SECRET,
        homeOpened(team, user, {
          enterprise_id: 'E0GRID',
          context_enterprise_id: 'E0GRID',
          authorizations: [{ enterprise_id: 'E0GRID', team_id: null, user_id: 'U0BOTE0GRID', is_bot: true, is_enterprise_install: true }],
        }),
      );
      const published = await fake.waitFor('views.publish', (c) => c.args.user_id === user && fake.calls.indexOf(c) >= mark);
      expect(published.ok).toBe(true);
      expect(fake.issuedToken(published.token!)).toMatchObject({ enterpriseId: 'E0GRID', isEnterpriseInstall: true });
    }
    // Workspaces first seen through the org remember it, so jobs find the org's token for them.
    expect((await app.db.select({ id: s.workspaces.id, enterpriseId: s.workspaces.enterpriseId }).from(s.workspaces).orderBy(asc(s.workspaces.id))).filter((w) => w.enterpriseId)).toEqual([
      { id: 'T0GRIDA', enterpriseId: 'E0GRID' },
      { id: 'T0GRIDB', enterpriseId: 'E0GRID' },
    ]);
    const port = (await senders().forWorkspace('T0GRIDB'))!;
    await port.post({ userId: 'U0GRID2', deliveryId: 20, kind: 'digest', message: { text: 'hi', blocks: [] } });
    expect(fake.callsTo('chat.postMessage').at(-1)).toMatchObject({ ok: true, args: { channel: 'U0GRID2' } });
  });
});

it('the env the tests use is OAuth with a decodable key', () => {
  expect(encryptionKeysOf(parseEnv({ ...OAUTH_ENV, SLACK_SIGNING_SECRET: 's' }))?.current).toHaveLength(32);
});
