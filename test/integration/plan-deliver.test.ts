import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { closeDb, type TDb } from '../../db/client';
import { insertAgendaItem } from '../../db/repositories/one-on-ones';
import { setPreferences } from '../../db/repositories/people';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { DeliveryBusyError, RateLimitedError, RetryableDeliveryError, sendDelivery } from '../../src/services/deliveries/send-delivery';
import { createDeliverySlack, createDeliveryWebClient, DELIVERY_EVENT_TYPE } from '../../src/slack/deliver';
import type { TDeliveryPort } from '../../src/services/deliveries/port';
import { dmChannelId, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { addOneOnOne, deliveryRows, type TPair } from '../jobs/support/deliveries';
import { sharedDb, type TSharedDb } from '../jobs/support/shared-db';
import { s } from '../support/tables';

const ROOT = resolve(import.meta.dirname, '..', '..');
const WS = 'T0PLAN';
const CHICAGO = 'America/Chicago';
// Weekly on Tuesdays at 10:00 in Chicago. The meeting of Tue 1 Dec 2026 starts at 16:00Z; with the default
// settings (Mon–Fri 09:00–18:00, a 60-minute lead) its brief is due at 15:00Z and the rep's reminder on Mon 30 Nov at 15:00 Chicago (21:00Z).
const MEETING = new Date('2026-12-01T16:00:00Z');
const BRIEF_PLAN_AT = new Date('2026-12-01T14:50:00Z');
const REMINDER_PLAN_AT = new Date('2026-11-30T20:50:00Z');
const BRIEF_DUE = new Date('2026-12-01T15:00:00Z');

let fake: TFakeSlack;
let dir: string;
let shared: TSharedDb;
let db: TDb;
let pair: TPair;
let slack: TDeliveryPort;

const posts = (deliveryId?: number): TFakeCall[] =>
  fake
    .callsTo('chat.postMessage')
    .filter((c) => deliveryId === undefined || (c.args.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id === deliveryId);
const okPosts = (deliveryId?: number) => posts(deliveryId).filter((c) => c.ok);
const row = async (id: number) => (await deliveryRows(db)).find((r) => r.id === id)!;
const setDelivery = (id: number, values: Partial<typeof s.deliveries.$inferInsert>) => db.update(s.deliveries).set(values).where(eq(s.deliveries.id, id));
const planBrief = async () => {
  const plan = await planDeliveries(db, { now: BRIEF_PLAN_AT, workspaceId: WS });
  return plan.items.find((i) => i.kind === 'brief')!.deliveryId;
};

beforeAll(async () => {
  // Message timestamps a few minutes after the plans below, as Slack's would be.
  fake = await startFakeSlack({ tsEpoch: Date.parse('2026-12-01T14:55:00Z') / 1000 });
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'canopy-plan-'));
  shared = await sharedDb(join(dir, 'canopy.db'));
  db = shared.db;
  // Digests on Thursdays and no check-ins: these tests are about the 1:1's brief and reminder (Tue 1 Dec).
  const quiet = { digestDay: 4, checkins: 'off' };
  pair = await addOneOnOne(db, { workspaceId: WS, tag: 'A', tz: CHICAGO, weekday: 2, localTime: '10:00', createdAt: new Date('2026-11-01T00:00:00Z'), managerPrefs: quiet, repPrefs: quiet });
  slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));
});
afterEach(async () => {
  await closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('planDeliveries', () => {
  it('records each brief and reminder once, under its key; a second run changes nothing', async () => {
    const first = await planDeliveries(db, { now: BRIEF_PLAN_AT, workspaceId: WS });
    const rows = await deliveryRows(db);
    const again = await planDeliveries(db, { now: BRIEF_PLAN_AT, workspaceId: WS });

    expect(rows).toEqual([
      // The reminder for the same meeting was due yesterday afternoon: found by the catch-up, too late now.
      expect.objectContaining({ kind: 'agenda_reminder', recipient_id: pair.rep.id, period_key: `2026-12-01T16:00:00.000Z/${pair.oneOnOne.id}.${pair.oneOnOne.createdAt.getTime()}`, status: 'skipped', reason: "too late: outside the rep's working hours" }),
      expect.objectContaining({ kind: 'brief', recipient_id: pair.manager.id, period_key: `2026-12-01T16:00:00.000Z/${pair.oneOnOne.id}.${pair.oneOnOne.createdAt.getTime()}`, status: 'pending', reason: 'brief for the 1:1 with Dana A on Tue 1 Dec, 10:00' }),
    ]);
    expect(first.created).toHaveLength(2);
    expect(first.toEnqueue).toEqual([{ deliveryId: rows[1]!.id, workspaceId: WS, dueAt: BRIEF_DUE }]);
    expect(await deliveryRows(db)).toEqual(rows);
    expect(again.created).toEqual([]);
    expect(again.items.map((i) => [i.deliveryId, i.isNew])).toEqual(rows.map((r) => [r.id, false]));
    // A delivery still pending is handed back every run, so a lost queue job is enqueued again.
    expect(again.toEnqueue).toEqual(first.toEnqueue);
  });

  it('--dry-run decides the same and writes nothing', async () => {
    const dry = await planDeliveries(db, { now: BRIEF_PLAN_AT, workspaceId: WS, dryRun: true });
    expect(dry.items.map((i) => [i.kind, i.status, i.reason])).toEqual([
      ['agenda_reminder', 'skipped', "too late: outside the rep's working hours"],
      ['brief', 'pending', 'brief for the 1:1 with Dana A on Tue 1 Dec, 10:00'],
    ]);
    expect(await deliveryRows(db)).toEqual([]);
    expect((await db.select({ n: count() }).from(s.meetings))[0]!.n).toBe(0);
  });

  it('suppresses the reminder when the rep has had their unsolicited messages this week', async () => {
    // The rep has no tier yet (ramping: 3 a week, every kind). In the reminder's week (Mon 30 Nov – Sun 6 Dec, Chicago): a
    // nudge sent this morning, one planned for Wednesday and Friday's weekly check-in, ahead; last week's does not count, nor does a suppressed one.
    const nudge = (key: string, status: 'sent' | 'suppressed' | 'pending', at: string) =>
      db.insert(s.deliveries).values({ workspaceId: WS, kind: 'nudge', recipientId: pair.rep.id, periodKey: key, status, dueAt: new Date(at), sentAt: status === 'sent' ? new Date(at) : null, createdAt: new Date(at) });
    await nudge('last-week', 'sent', '2026-11-27T16:00:00Z');
    await nudge('suppressed', 'suppressed', '2026-11-30T15:00:00Z');
    await nudge('this-morning', 'sent', '2026-11-30T16:00:00Z');
    await nudge('wednesday', 'pending', '2026-12-02T16:00:00Z');
    await planDeliveries(db, { now: REMINDER_PLAN_AT, workspaceId: WS });
    expect((await deliveryRows(db)).filter((r) => r.kind === 'agenda_reminder')).toEqual([
      expect.objectContaining({ status: 'suppressed', reason: 'held back: Dana A has 3 of 3 messages this week, counting the digest still to come (ramping budget (not tiered yet): 3 a week counting the digest and check-ins, 2 a day besides the digest)' }),
    ]);
  });

  it('gives an autonomous rep no reminder at all', async () => {
    await db
      .insert(s.tierSnapshots)
      .values({ workspaceId: WS, personId: pair.rep.id, tier: 'autonomous', reasonCode: 'placed', reasonText: 'top of the team', details: {}, computedAt: new Date('2026-11-30T08:00:00Z') });
    await planDeliveries(db, { now: REMINDER_PLAN_AT, workspaceId: WS });
    expect(await deliveryRows(db)).toEqual([expect.objectContaining({ kind: 'agenda_reminder', status: 'suppressed', reason: 'held back: Dana A is autonomous: no nudges or reminders, only the digest' })]);
  });
});

describe('sendDelivery', () => {
  it('posts once to the manager’s DM with its id in the metadata, records it, and does nothing the second time', async () => {
    const id = await planBrief();
    const sent = await sendDelivery(db, slack, id, BRIEF_DUE);
    const again = await sendDelivery(db, slack, id, BRIEF_DUE);

    expect(sent).toMatchObject({ outcome: 'sent', channel: dmChannelId(pair.manager.slackUserId) });
    expect(again).toEqual({ outcome: 'already_done', deliveryId: id, status: 'sent' });
    expect(posts()).toHaveLength(1);
    const [post] = posts();
    expect(post!.args).toMatchObject({ channel: pair.manager.slackUserId, unfurl_links: 'false', metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: id, kind: 'brief' } } });
    expect(JSON.stringify(post!.args.blocks)).toContain('/coach settings');
    expect(await row(id)).toMatchObject({ status: 'sent', slack_ts: (sent as { ts: string }).ts, attempts: 1, error: null });
  });

  it('a stale claim whose message is already in Slack is recorded as sent, not posted again', async () => {
    const id = await planBrief();
    // An earlier sender posted, then died before recording it.
    await slack.post({ userId: pair.manager.slackUserId, deliveryId: id, kind: 'brief', message: { text: 'brief', blocks: [] } });
    await setDelivery(id, { status: 'sending', claimedAt: new Date(BRIEF_DUE.getTime() - 3 * 60_000), attempts: 1 });

    const result = await sendDelivery(db, slack, id, BRIEF_DUE);

    expect(result).toMatchObject({ outcome: 'recovered', channel: dmChannelId(pair.manager.slackUserId) });
    expect(okPosts(id)).toHaveLength(1);
    expect(fake.callsTo('conversations.history')[0]?.args).toMatchObject({ include_all_metadata: 'true' }); // form-encoded, as Slack receives it
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, slack_ts: fake.messagesIn(pair.manager.slackUserId)[0]!.ts });
  });

  it('a stale claim without a message in Slack is sent, once', async () => {
    const id = await planBrief();
    await setDelivery(id, { status: 'sending', claimedAt: new Date(BRIEF_DUE.getTime() - 3 * 60_000), attempts: 1 });
    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toMatchObject({ outcome: 'sent' });
    expect(okPosts(id)).toHaveLength(1);
    expect((await row(id)).status).toBe('sent');
  });

  it('a fresh claim belongs to another sender: busy until the lease runs out', async () => {
    const id = await planBrief();
    const claimedAt = BRIEF_DUE.getTime() - 30_000;
    await setDelivery(id, { status: 'sending', claimedAt: new Date(claimedAt) });
    const error = await sendDelivery(db, slack, id, BRIEF_DUE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryBusyError);
    expect((error as DeliveryBusyError).retryAt).toEqual(new Date(claimedAt + 120_000));
    expect(posts()).toHaveLength(0);
  });

  it('a permanent Slack error is recorded as failed and never retried', async () => {
    const id = await planBrief();
    fake.failFor(pair.manager.slackUserId, 'user_not_found');
    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toEqual({ outcome: 'failed', deliveryId: id, error: 'user_not_found' });
    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toEqual({ outcome: 'already_done', deliveryId: id, status: 'failed' });
    expect(posts()).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'failed', error: 'user_not_found' });
  });

  it('an error Slack keeps giving is given up after 12 attempts, keeping the last error', async () => {
    const id = await planBrief();
    await setDelivery(id, { attempts: 12, error: 'not_allowed_token_type' });
    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toMatchObject({ outcome: 'already_done', status: 'failed' });
    expect(await row(id)).toMatchObject({ status: 'failed', error: 'gave up after 12 attempts; last error: not_allowed_token_type' });
    expect(posts()).toHaveLength(0);
  });

  it('429: throws RateLimitedError with the Retry-After, and the delivery is pending again', async () => {
    const id = await planBrief();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await sendDelivery(db, slack, id, BRIEF_DUE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
    // Waiting out a rate limit is not a failed attempt.
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await db.select({ claimedAt: s.deliveries.claimedAt }).from(s.deliveries).where(eq(s.deliveries.id, id)))[0]!.claimedAt).toBeNull();
    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toMatchObject({ outcome: 'sent' });
    expect(okPosts(id)).toHaveLength(1);
  });

  it('5xx: retryable; the next attempt checks Slack first, then sends once', async () => {
    const id = await planBrief();
    fake.failNext('chat.postMessage', { status: 503 });
    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).rejects.toBeInstanceOf(RetryableDeliveryError);
    expect(await row(id)).toMatchObject({ status: 'sending', error: 'outcome unknown: http_503' });

    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toMatchObject({ outcome: 'sent' });
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'conversations.open', 'conversations.history', 'chat.postMessage']);
    expect(okPosts(id)).toHaveLength(1);
  });

  it('a timeout after Slack accepted the message: found by the next attempt, not posted twice', async () => {
    const id = await planBrief();
    fake.setDelay('chat.postMessage', 400);
    const impatient = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url, timeoutMs: 100 }));
    await expect(sendDelivery(db, impatient, id, BRIEF_DUE)).rejects.toBeInstanceOf(RetryableDeliveryError);
    expect(await row(id)).toMatchObject({ status: 'sending', error: 'outcome unknown: request_error' });
    fake.setDelay('chat.postMessage', 0);

    await expect(sendDelivery(db, slack, id, BRIEF_DUE)).resolves.toMatchObject({ outcome: 'recovered' });
    expect(posts(id)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', slack_ts: fake.messagesIn(pair.manager.slackUserId)[0]!.ts });
  });

  it('a brief whose meeting has started is skipped, not sent', async () => {
    const id = await planBrief();
    const late = new Date(MEETING.getTime() + 60_000);
    await expect(sendDelivery(db, slack, id, late)).resolves.toEqual({ outcome: 'skipped', deliveryId: id, reason: 'too late: the meeting had started' });
    expect(posts()).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: 'skipped', reason: 'too late: the meeting had started' });
  });

  it('the agenda reminder: the meeting in the rep’s zone, the agenda so far, a button, why it came and how to tune it', async () => {
    await setPreferences(db, pair.rep.id, { workingDays: [1, 2, 3, 4, 5], workStart: '08:00', workEnd: '17:00' });
    await insertAgendaItem(db, { oneOnOneId: pair.oneOnOne.id, authorId: pair.manager.id, text: 'Pipeline <review>' }, new Date('2026-11-26T12:00:00Z'));
    const plan = await planDeliveries(db, { now: REMINDER_PLAN_AT, workspaceId: WS });
    const id = plan.items.find((i) => i.kind === 'agenda_reminder')!.deliveryId;
    expect(plan.items.find((i) => i.kind === 'agenda_reminder')).toMatchObject({ status: 'pending', dueAt: new Date('2026-11-30T21:00:00Z') });

    await expect(sendDelivery(db, slack, id, new Date('2026-11-30T21:00:00Z'))).resolves.toMatchObject({ outcome: 'sent', channel: dmChannelId(pair.rep.slackUserId) });
    const args = posts(id)[0]!.args;
    expect(args.text).toContain('Your 1:1 with Morgan A is Tue 1 Dec, 10:00');
    const blocks = JSON.stringify(args.blocks);
    expect(blocks).toContain(`<@${pair.manager.slackUserId}>`);
    expect(blocks).toContain('Pipeline &lt;review&gt;');
    expect(blocks).toContain('"action_id":"agenda_add_open"');
    expect(blocks).toContain(JSON.stringify(JSON.stringify({ oneOnOneId: pair.oneOnOne.id })).slice(1, -1));
    expect(blocks).toContain('counts toward your 3 unsolicited messages a week (digest and check-ins included)');
    expect(blocks).toContain('/coach settings');
  });
});

type TRun = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string> = {}): Promise<TRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...shared.env, LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

// Each CLI run starts a process that loads the app through tsx: seconds apiece on a busy 2-core machine.
describe('npm run cli -- run plan | deliver-due', { timeout: 90_000 }, () => {
  const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-cli-test', SLACK_API_URL: fake.url });
  const now = ['--now', BRIEF_PLAN_AT.toISOString()];

  it('plan --dry-run prints the table and saves nothing; plan saves it and, with Redis away, points to deliver-due', async () => {
    await closeDb(db);
    const dry = await cli(['run', 'plan', ...now, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('T0PLAN: plan as of 2026-12-01T14:50:00.000Z, due in 2026-11-30T14:50Z → 2026-12-01T15:05Z (dry run: nothing saved, nothing queued)');
    expect(dry.stdout).toMatch(/id\s+kind\s+recipient\s+due \(UTC\)\s+status\s+reason/);
    expect(dry.stdout).toMatch(/-\s+brief\s+Morgan A \(U0MA\)\s+2026-12-01T15:00Z\s+pending\s+brief for the 1:1 with Dana A on Tue 1 Dec, 10:00/);
    db = await shared.reopen();
    expect(await deliveryRows(db)).toEqual([]);
    await closeDb(db);

    const real = await cli(['run', 'plan', ...now, '--workspace', WS]);
    expect(real.code).toBe(0);
    // The brief's id: #2 on SQLite; PostgreSQL's sequence kept counting through the dry run's rolled-back inserts.
    const briefId = /#(\d+)\s+brief\s+Morgan A \(U0MA\)\s+2026-12-01T15:00Z\s+pending/.exec(real.stdout)?.[1];
    expect(briefId).toBeDefined();
    expect(real.stdout).toContain('did not answer within 2 s: the plan is saved, nothing was queued. Send what is due with `npm run cli -- run deliver-due`');
    db = await shared.reopen();
    expect((await deliveryRows(db)).map((r) => [r.kind, r.status])).toEqual([['agenda_reminder', 'skipped'], ['brief', 'pending']]);

    await closeDb(db);
    const rerun = await cli(['run', 'plan', ...now]);
    expect(rerun.stdout).toMatch(new RegExp(`#${briefId}\\s+brief\\s+.*pending \\(earlier\\)`));
    db = await shared.reopen();
    expect(await deliveryRows(db)).toHaveLength(2);
  });

  it('deliver-due --dry-run prints what would be sent; deliver-due sends it, once', async () => {
    const id = await planBrief();
    await closeDb(db);
    const at = ['--now', BRIEF_DUE.toISOString()];

    const dry = await cli(['run', 'deliver-due', ...at, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`#${id} brief → Morgan A (U0MA), due 2026-12-01T15:00Z`);
    expect(dry.stdout).toContain('Brief: your 1:1 with Dana A');
    expect(fake.calls).toEqual([]);

    const noToken = await cli(['run', 'deliver-due', ...at]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('SLACK_BOT_TOKEN: is required (one workspace), or set SLACK_CLIENT_ID');

    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const sent = await cli(['run', 'deliver-due', ...at], slackEnv());
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(`#${id}: Slack asked us to wait 1 s (429); waiting.`);
    expect(sent.stdout).toMatch(new RegExp(`#${id} brief → Morgan A \\(U0MA\\): sent \\(D0MA \\d+\\.\\d+\\)`));
    const again = await cli(['run', 'deliver-due', ...at], slackEnv());
    expect(again.stdout).toContain('T0PLAN: 0 due by 2026-12-01T15:00:00.000Z');
    expect(okPosts(id)).toHaveLength(1);
    expect(posts(id).map((p) => p.status)).toEqual([429, 200]);
    expect(posts(id)[1]!.at - posts(id)[0]!.at).toBeGreaterThanOrEqual(900);
    db = await shared.reopen();
    expect((await row(id)).status).toBe('sent');
  });
});
