import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';

// The real @slack/web-api client against the fake: proves the fake speaks the wire format the app
// (through Bolt) will use — form-encoded bodies, Bearer tokens, Retry-After, upload URLs.
describe('fake Slack Web API', () => {
  let fake: TFakeSlack;
  let client: WebClient;

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [{ id: 'U0REP1', name: 'dana.rep', real_name: 'Dana Rep', tz: 'America/Chicago', profile: { email: 'dana@example.com' } }],
    });
    client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it('exposes a SLACK_API_URL base ending in /api/', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('records chat.postMessage with its blocks parsed back and answers like Slack', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*12 calls* this week' } }];
    const first = await client.chat.postMessage({ channel: 'D0REP1', text: '12 calls this week', blocks });
    const second = await client.chat.postMessage({ channel: 'D0REP1', text: 'again', thread_ts: first.ts! });

    const [call] = fake.callsTo('chat.postMessage');
    expect(call).toMatchObject({
      method: 'chat.postMessage',
      token: 'xoxb-test',
      status: 200,
      ok: true,
      args: { channel: 'D0REP1', text: '12 calls this week', blocks },
    });
    expect(call?.args).not.toHaveProperty('token');
    expect(first).toMatchObject({ ok: true, channel: 'D0REP1', message: { text: '12 calls this week', bot_id: FAKE_TEAM.botId, blocks } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(second.message).toMatchObject({ thread_ts: first.ts });
  });

  it('answers auth.test with the bot identity Bolt needs', async () => {
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true, user_id: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, team_id: FAKE_TEAM.teamId });
  });

  it('answers users.info from the directory and user_not_found otherwise', async () => {
    fake.addUser({ id: 'U0MGR1', name: 'morgan.mgr', tz: 'Europe/Paris', is_admin: true, profile: { status_emoji: ':palm_tree:', status_text: 'Vacationing' } });

    const rep = await client.users.info({ user: 'U0REP1' });
    expect(rep.user).toMatchObject({ id: 'U0REP1', real_name: 'Dana Rep', tz: 'America/Chicago', profile: { email: 'dana@example.com' } });
    expect([-18000, -21600]).toContain(rep.user?.tz_offset); // CDT or CST, depending on today
    const manager = await client.users.info({ user: 'U0MGR1' });
    expect(manager.user).toMatchObject({ is_admin: true, profile: { status_emoji: ':palm_tree:', status_text: 'Vacationing' } });

    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'user_not_found' } });
  });

  it('opens one stable DM channel per user', async () => {
    const first = await client.conversations.open({ users: 'U0REP1' });
    const again = await client.conversations.open({ users: 'U0REP1' });
    expect(first.channel?.id).toBe('D0REP1');
    expect(again).toMatchObject({ channel: { id: 'D0REP1' }, already_open: true });
  });

  it('answers ephemerals, updates, deletes and views', async () => {
    const ephemeral = await client.chat.postEphemeral({ channel: 'C0SALES', user: 'U0REP1', text: 'Logged 4 calls' });
    expect(ephemeral).toMatchObject({ ok: true, message_ts: expect.any(String) });
    await expect(client.chat.update({ channel: 'D0REP1', ts: '1700000000.000100', text: 'edited' })).resolves.toMatchObject({ ok: true, ts: '1700000000.000100' });
    await expect(client.chat.delete({ channel: 'D0REP1', ts: '1700000000.000100' })).resolves.toMatchObject({ ok: true });
    const home = await client.views.publish({ user_id: 'U0REP1', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(home.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'home', blocks: [{ type: 'divider' }] });
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Log' }, blocks: [] };
    const modal = await client.views.open({ trigger_id: '1.2.3', view });
    await expect(client.views.update({ view_id: modal.view!.id!, view })).resolves.toMatchObject({ view: { id: modal.view!.id } });
    expect(fake.callsTo('views.publish')[0]?.args.view).toEqual({ type: 'home', blocks: [{ type: 'divider' }] });
  });

  it('rejects what Slack rejects: no token, no text, too many blocks', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
    await expect(client.chat.postMessage({ channel: 'D0REP1' } as never)).rejects.toMatchObject({ data: { error: 'no_text' } });
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(client.chat.postMessage({ channel: 'D0REP1', text: 'x', blocks })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });

  it('supports files.uploadV2 end to end', async () => {
    const result = await client.files.uploadV2({
      channel_id: 'D0REP1',
      filename: 'canopy-export.csv',
      content: 'occurred_at,type,count\n2024-01-02,call,4\n',
      initial_comment: 'Your data',
    });
    expect(result.ok).toBe(true);
    const upload = await fake.waitFor('file_upload');
    expect(upload.args).toMatchObject({ filename: 'canopy-export.csv' });
    expect(fake.fileContent(upload.target!)?.toString()).toContain('2024-01-02,call,4');
    expect(fake.callsTo('files.completeUploadExternal')[0]?.args).toMatchObject({ channel_id: 'D0REP1', initial_comment: 'Your data', files: [{ id: upload.target }] });
  });

  it('injects a 429 with Retry-After that the client sees', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const strict = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });

    await expect(strict.chat.postMessage({ channel: 'D0REP1', text: 'hi' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    expect(fake.rejected429).toBe(1);
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ status: 429, ok: false });
    // Only the next call fails.
    await expect(strict.chat.postMessage({ channel: 'D0REP1', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('lets a retrying client wait Retry-After seconds and succeed', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const patient = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 }, logLevel: LogLevel.ERROR });
    const started = Date.now();

    await expect(patient.chat.postMessage({ channel: 'D0REP1', text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('injects 5xx and Slack error answers, `times` in a row', async () => {
    fake.failNext('chat.postMessage', { status: 500, times: 2 });
    fake.failNext('users.info', { error: 'ratelimited' });

    await expect(client.chat.postMessage({ channel: 'D0REP1', text: 'a' })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    await expect(client.chat.postMessage({ channel: 'D0REP1', text: 'b' })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    await expect(client.chat.postMessage({ channel: 'D0REP1', text: 'c' })).resolves.toMatchObject({ ok: true });
    await expect(client.users.info({ user: 'U0REP1' })).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'ratelimited' } });
    await expect(client.users.info({ user: 'U0REP1' })).resolves.toMatchObject({ ok: true });
  });

  it('rate-limits per method when asked, counting rejections', async () => {
    const limited = await startFakeSlack({ rateLimits: { 'chat.postMessage': { perMinute: 3 } } });
    const limitedClient = new WebClient('xoxb-test', { slackApiUrl: limited.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    try {
      for (const n of [1, 2, 3]) await limitedClient.chat.postMessage({ channel: 'D0REP1', text: `#${n}` });
      const error = await limitedClient.chat.postMessage({ channel: 'D0REP1', text: '#4' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.RateLimitedError });
      expect((error as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(1);
      await expect(limitedClient.users.info({ user: 'U0REP1' })).rejects.toMatchObject({ data: { error: 'user_not_found' } }); // other methods unaffected
      expect(limited.rejected429).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('rate-limits per token when asked, as Slack limits each workspace apart; a short window counts a burst', async () => {
    const limited = await startFakeSlack({ rateLimits: { 'chat.postMessage': { max: 2, windowMs: 60_000 } }, rateLimitScope: 'token' });
    const clientFor = (token: string) => new WebClient(token, { slackApiUrl: limited.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    const [a, b] = [clientFor('xoxb-team-a'), clientFor('xoxb-team-b')];
    try {
      for (const n of [1, 2]) await a.chat.postMessage({ channel: 'D0REP1', text: `a${n}` });
      await expect(a.chat.postMessage({ channel: 'D0REP1', text: 'a3' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError });
      // The other workspace's token has its own window.
      for (const n of [1, 2]) await expect(b.chat.postMessage({ channel: 'D0REP1', text: `b${n}` })).resolves.toMatchObject({ ok: true });
      await expect(b.chat.postMessage({ channel: 'D0REP1', text: 'b3' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError });
      expect(limited.calls.filter((c) => c.status === 429).map((c) => c.token)).toEqual(['xoxb-team-a', 'xoxb-team-b']);
      expect(limited.rejected429).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it('serves and records response_urls', async () => {
    const url = fake.responseUrl('cmd-1');
    const body = JSON.stringify({ response_type: 'ephemeral', text: 'Logged' });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(url).toBe(`${fake.origin}/response/cmd-1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(fake.callsTo('response_url')).toEqual([expect.objectContaining({ target: 'cmd-1', args: { response_type: 'ephemeral', text: 'Logged' } })]);
    expect(fake.responseUrl()).not.toBe(fake.responseUrl());
  });

  it('waitFor resolves with past or future calls, and times out naming what was recorded', async () => {
    await client.auth.test();
    await expect(fake.waitFor('auth.test')).resolves.toMatchObject({ method: 'auth.test' });

    const later = fake.waitFor('chat.postMessage', (c) => c.args.text === 'second');
    await client.chat.postMessage({ channel: 'D0REP1', text: 'first' });
    await client.chat.postMessage({ channel: 'D0REP1', text: 'second' });
    await expect(later).resolves.toMatchObject({ args: { text: 'second' } });

    await expect(fake.waitFor('views.publish', undefined, 50)).rejects.toThrow(/no views\.publish call within 50 ms; recorded: auth\.test, chat\.postMessage ×2/);
  });

  it('delays answers when asked', async () => {
    fake.setDelay('users.info', 200);
    const started = Date.now();
    await client.users.info({ user: 'U0REP1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
