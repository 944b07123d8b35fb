import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { postCommand, postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

/** A DM posted by U0REP1 at a given ts; Slack's envelope shape from the fixture. */
function dm(text: string, ts: string, extra: Record<string, unknown> = {}) {
  return loadFixture('event-message-im', { event_id: `Ev${ts.replace('.', '')}`, event: { text, ts, event_ts: ts, ...extra } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('logging activity from Slack (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;

  beforeAll(async () => {
    fake = await startFakeSlack({ users: [{ id: 'U0REP1', name: 'dana.rep', real_name: 'Dana Rep', tz: 'America/Los_Angeles' }] });
    app = await startTestApp({ fake, now: () => new Date(1_700_010_000_000) });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.reset();
    await app.db.delete(s.logEntries);
    await app.db.delete(s.activities);
  });

  const activityRows = async () => (await app.db.select().from(s.activities).orderBy(asc(s.activities.id))).map((a) => [a.type, a.count]);

  it('a DM is logged and confirmed in its thread with exactly what was logged', async () => {
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, dm('4 calls, 2 emails, demo with Acme', '1700003725.000001'));
    expect(res.status).toBe(200);
    const reply = await fake.waitFor('chat.postMessage');
    expect(reply.args).toMatchObject({ channel: 'D0REP1', thread_ts: '1700003725.000001' });
    expect(String(reply.args.text)).toMatch(/4 calls/);
    expect(String(reply.args.text)).toMatch(/2 emails/);
    expect(String(reply.args.text)).toMatch(/Acme/);
    expect(await activityRows()).toEqual([['call', 4], ['email', 2], ['demo', 1]]);
    const rep = (await app.db.select().from(s.people))[0];
    expect(rep).toMatchObject({ name: 'Dana Rep', tz: 'America/Los_Angeles' });
  });

  it('Slack retries never double-count', async () => {
    const event = dm('3 calls', '1700003725.000002');
    await postEvent(app.baseUrl, SIGNING_SECRET, event);
    await fake.waitFor('chat.postMessage');
    await postEvent(app.baseUrl, SIGNING_SECRET, event, { retryNum: 1, retryReason: 'http_timeout' });
    await postEvent(app.baseUrl, SIGNING_SECRET, event, { retryNum: 2, retryReason: 'http_timeout' });
    await sleep(200);
    expect(await activityRows()).toEqual([['call', 3]]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('editing the message updates the log and the confirmation; deleting removes it', async () => {
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('3 calls', '1700003725.000003'));
    const confirmation = await fake.waitFor('chat.postMessage');
    expect(confirmation.args.channel).toBe('D0REP1');

    const edited = loadFixture('event-message-changed', {
      event: {
        channel: 'D0REP1',
        message: { text: '5 calls, 1 email', ts: '1700003725.000003', user: 'U0REP1' },
        previous_message: { text: '3 calls', ts: '1700003725.000003', user: 'U0REP1' },
      },
    });
    await postEvent(app.baseUrl, SIGNING_SECRET, edited);
    const update = await fake.waitFor('chat.update');
    expect(String(update.args.text)).toMatch(/5 calls/);
    expect(await activityRows()).toEqual([['call', 5], ['email', 1]]);

    const deleted = loadFixture('event-message-deleted', {
      event: { channel: 'D0REP1', deleted_ts: '1700003725.000003', previous_message: { text: '5 calls, 1 email', ts: '1700003725.000003', user: 'U0REP1' } },
    });
    await postEvent(app.baseUrl, SIGNING_SECRET, deleted);
    await fake.waitFor('chat.update', (c) => /[Rr]emoved/.test(String(c.args.text)));
    expect(await activityRows()).toEqual([]);
    // A tombstone keeps the key (not the words), so a late retry of the original post can't revive it.
    expect(await app.db.select().from(s.logEntries)).toMatchObject([{ rawText: '', deletedAt: expect.any(Date) }]);
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('3 calls', '1700003725.000003'), { retryNum: 3, retryReason: 'http_timeout' });
    await sleep(200);
    expect(await activityRows()).toEqual([]);
  });

  it('a late retry of the original post, or an older edit arriving last, never undoes a newer edit', async () => {
    const ts = '1700003725.000010';
    const edit = (text: string, editedTs: string) =>
      loadFixture('event-message-changed', {
        event_id: `EvEdit${editedTs.replace('.', '')}`,
        event: {
          channel: 'D0REP1',
          message: { text, ts, user: 'U0REP1', thread_ts: undefined, edited: { user: 'U0REP1', ts: editedTs } },
          previous_message: { text: 'x', ts, user: 'U0REP1', thread_ts: undefined },
        },
      });
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('1 call', ts));
    await fake.waitFor('chat.postMessage');
    await postEvent(app.baseUrl, SIGNING_SECRET, edit('3 calls', '1700003800.000000'));
    await fake.waitFor('chat.update');
    await postEvent(app.baseUrl, SIGNING_SECRET, edit('2 calls', '1700003790.000000'));
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('1 call', ts), { retryNum: 1, retryReason: 'http_timeout' });
    await sleep(200);
    expect(await activityRows()).toEqual([['call', 3]]);
  });

  it('deleting a message that has our confirmation under it (Slack leaves a tombstone) removes its activity', async () => {
    const ts = '1700003725.000011';
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('6 emails', ts));
    await fake.waitFor('chat.postMessage');
    const tombstone = loadFixture('event-message-changed', {
      event_id: 'EvTombstone1',
      event: {
        channel: 'D0REP1',
        message: { subtype: 'tombstone', user: 'USLACKBOT', text: 'This message was deleted.', ts, thread_ts: ts, edited: undefined },
        previous_message: { text: '6 emails', ts, user: 'U0REP1', thread_ts: ts },
      },
    });
    await postEvent(app.baseUrl, SIGNING_SECRET, tombstone);
    await fake.waitFor('chat.update', (c) => /[Rr]emoved/.test(String(c.args.text)));
    expect(await activityRows()).toEqual([]);
    expect((await app.db.select().from(s.people)).map((p) => p.slackUserId)).not.toContain('USLACKBOT');
  });

  it('bad or stale signatures get 401 and store nothing', async () => {
    const bad = await postEvent(app.baseUrl, SIGNING_SECRET, dm('9 calls', '1700003725.000004'), { badSignature: true });
    const stale = await postEvent(app.baseUrl, SIGNING_SECRET, dm('9 calls', '1700003725.000005'), {
      timestamp: Math.floor(Date.now() / 1000) - 60 * 10,
    });
    expect([bad.status, stale.status]).toEqual([401, 401]);
    await sleep(100);
    expect(await app.db.select().from(s.logEntries)).toHaveLength(0);
  });

  it('messages from bots and channel chatter outside check-in threads are never read', async () => {
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-bot-message'));
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-thread-reply', { event: { text: '7 calls' } }));
    await sleep(200);
    expect(await app.db.select().from(s.logEntries)).toHaveLength(0);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a reply in a check-in thread the bot started is logged and confirmed there', async () => {
    const reply = loadFixture<{ event: { channel: string; thread_ts: string; ts: string; text: string } }>('event-message-thread-reply', {
      event: { text: '2 demos w/ Acme Corp' },
    });
    const rep = (await app.db.select().from(s.people))[0]!;
    await app.db
      .insert(s.deliveries)
      .values({ workspaceId: 'T0CANOPY', kind: 'checkin', recipientId: rep.id, periodKey: 'test', status: 'sent', slackChannel: reply.event.channel, slackTs: reply.event.thread_ts });
    await postEvent(app.baseUrl, SIGNING_SECRET, reply);
    // In a channel the confirmation is for the rep's eyes only.
    const confirmation = await fake.waitFor('chat.postEphemeral');
    expect(confirmation.args).toMatchObject({ channel: reply.event.channel, thread_ts: reply.event.thread_ts, user: 'U0REP1' });
    expect(await activityRows()).toEqual([['demo', 2]]);
    expect((await app.db.select().from(s.logEntries))[0]?.source).toBe('thread');
  });

  it('text it cannot read is kept and answered with a hint, never echoed as a ping', async () => {
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('<!channel> lunch with the team', '1700003725.000006'));
    const reply = await fake.waitFor('chat.postMessage');
    const json = JSON.stringify(reply.args);
    expect(json).not.toContain('<!channel>');
    expect(json).toMatch(/help/);
    expect((await app.db.select().from(s.logEntries))[0]?.rawText).toBe('<!channel> lunch with the team');
  });

  it('a 5,000-character message gets a clear answer and loses nothing', async () => {
    const text = `2 calls ${'and then some more words '.repeat(200)}`.slice(0, 5000);
    await postEvent(app.baseUrl, SIGNING_SECRET, dm(text, '1700003725.000007'));
    const reply = await fake.waitFor('chat.postMessage');
    expect(reply.ok).toBe(true);
    expect((await app.db.select().from(s.logEntries))[0]?.rawText).toBe(text);
  });

  it('/log logs and confirms ephemerally through the response_url', async () => {
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, {
      command: '/log',
      text: 'yesterday: 5 calls, sent proposal to Globex $24k',
      user_id: 'U0REP1',
      response_url: fake.responseUrl('log'),
    });
    expect(res.status).toBe(200);
    const reply = await fake.waitFor('response_url');
    expect(reply.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply.args.text)).toMatch(/5 calls/);
    expect(await activityRows()).toEqual([['call', 5], ['proposal', 1]]);
  });

  it('a DM of just "help" explains the grammar', async () => {
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('help', '1700003725.000008'));
    const reply = await fake.waitFor('chat.postMessage');
    expect(JSON.stringify(reply.args)).toMatch(/\/stats/);
    expect(await app.db.select().from(s.logEntries)).toHaveLength(0);
  });

  it('a question in the DM is not logged: the grammar would count its "meeting" and "call"; the reply says how to log and where questions go', async () => {
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('What did you mean by asking for the next meeting — on the same call?', '1700003725.000010'));
    const reply = await fake.waitFor('chat.postMessage', (c) => JSON.stringify(c.args).includes('reads like a question'));
    expect(reply.args).toMatchObject({ thread_ts: '1700003725.000010' });
    expect(JSON.stringify(reply.args)).toContain('3 calls, demo with Acme');
    expect(await app.db.select().from(s.logEntries)).toHaveLength(0);
    expect(await activityRows()).toEqual([]);
  });

  it('keeps working when Slack rate-limits the confirmation (Retry-After honoured by the client)', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await postEvent(app.baseUrl, SIGNING_SECRET, dm('1 call', '1700003725.000009'));
    const ok = await fake.waitFor('chat.postMessage', (c) => c.ok, 8000);
    const failed = fake.callsTo('chat.postMessage').find((c) => !c.ok)!;
    expect(ok.at - failed.at).toBeGreaterThanOrEqual(900);
    expect(await activityRows()).toEqual([['call', 1]]);
  });
});

describe('the "Log as activity" message shortcut', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  beforeAll(async () => {
    fake = await startFakeSlack({ users: [{ id: 'U0REP1', name: 'dana.rep', real_name: 'Dana Rep', tz: 'America/Los_Angeles' }] });
    app = await startTestApp({ fake });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('logs the rep’s own message once, however often it is used', async () => {
    const payload = loadFixture('shortcut-log-as-activity', { response_url: fake.responseUrl('s1') });
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).status).toBe(200);
    const reply = await fake.waitFor('response_url', (c) => c.target === 's1');
    expect(String(reply.args.text)).toMatch(/demo/);
    await postInteraction(app.baseUrl, SIGNING_SECRET, { ...payload, response_url: fake.responseUrl('s2') });
    const again = await fake.waitFor('response_url', (c) => c.target === 's2');
    expect(String(again.args.text)).toMatch(/already logged/);
    expect((await app.db.select().from(s.activities)).filter((a) => a.type === 'demo')).toHaveLength(1);
    expect((await app.db.select().from(s.logEntries))[0]?.source).toBe('shortcut');
  });

  it('follows an edit of a logged channel message, and ignores edits of others', async () => {
    const payload = loadFixture('shortcut-log-as-activity', {
      response_url: fake.responseUrl('s4'),
      message: { text: '3 calls', ts: '1700007300.000100' },
    });
    await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    await fake.waitFor('response_url', (c) => c.target === 's4');
    const edit = (ts: string, text: string) =>
      loadFixture('event-message-changed', {
        event_id: `EvEdit${ts.replace('.', '')}`,
        event: { channel: 'C0SALES', channel_type: 'channel', message: { text, ts, user: 'U0REP1' }, previous_message: { text: 'x', ts, user: 'U0REP1' } },
      });
    await postEvent(app.baseUrl, SIGNING_SECRET, edit('1700007300.000100', '6 calls'));
    await postEvent(app.baseUrl, SIGNING_SECRET, edit('1700007301.000100', '9 calls'));
    await new Promise((r) => setTimeout(r, 300));
    // The edit is applied after Slack's ack: on a busy machine (or over a network to PostgreSQL) it may take longer.
    const callCounts = async () => (await app.db.select().from(s.activities)).filter((a) => a.type === 'call').map((a) => a.count);
    await expect.poll(callCounts, { timeout: 5_000 }).toEqual([6]);
    // The channel never sees the rep's numbers: the confirmation is ephemeral, to the rep alone.
    const update = await fake.waitFor('chat.postEphemeral');
    expect(update.args).toMatchObject({ channel: 'C0SALES', user: 'U0REP1' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses someone else’s message', async () => {
    const payload = loadFixture('shortcut-log-as-activity', { response_url: fake.responseUrl('s3'), message: { user: 'U0OTHER', ts: '1700007999.000100' } });
    await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    const reply = await fake.waitFor('response_url', (c) => c.target === 's3');
    expect(String(reply.args.text)).toMatch(/your own messages/);
  });
});
