import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { closeDb, openDatabase, type TDb } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { findDeliveryById } from '../../db/repositories/deliveries';
import { upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { promoteToManager, setManager, setPreferences, setSlackStatus, type TPersonRow, upsertProfile } from '../../db/repositories/people';
import type { TTier } from '../../src/domain/coaching/tiers';
import type { TActivityType } from '../../src/domain/types';
import { previewCommand } from '../../src/cli/preview';
import { composeDelivery } from '../../src/services/deliveries/compose-delivery';
import { planDeliveries, type TPlanResult } from '../../src/services/deliveries/plan-deliveries';
import { digestSource } from '../../src/services/deliveries/sources/digest-source';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import { digestToPlainText } from '../../src/slack/blocks/digest';
import { createDeliverySlack, createDeliveryWebClient, DELIVERY_EVENT_TYPE } from '../../src/slack/deliver';
import { addPerson, databaseUrlOf, memoryDb } from '../support/db';
import { countRows, setFocus } from '../support/deliveries';
import { dmChannelId, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { s } from '../support/tables';

const WS = 'T0DIGEST';
const MONDAY = '2026-11-30'; // ISO week 2026-W49
const LONDON_DUE = new Date('2026-11-30T09:00:00Z');

let db: TDb;

type TDigestRow = { id: number; kind: string; recipientId: number; periodKey: string; status: string; reason: string; dueAt: string };
const digestRows = async (): Promise<TDigestRow[]> => {
  const d = s.deliveries;
  const found = await db
    .select({ id: d.id, kind: d.kind, recipientId: d.recipientId, periodKey: d.periodKey, status: d.status, reason: d.reason, dueAt: d.dueAt })
    .from(d)
    .where(inArray(d.kind, ['digest', 'team_digest']));
  return found
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime() || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || a.id - b.id)
    .map((r) => ({ ...r, dueAt: r.dueAt!.toISOString() }));
};

async function person(slackId: string, name: string, tz: string, prefs?: Record<string, unknown>): Promise<TPersonRow> {
  const p = await addPerson(db, WS, slackId, { name, tz });
  if (prefs) await setPreferences(db, p.id, prefs);
  return { ...p, preferences: prefs ?? p.preferences };
}

async function manager(slackId: string, name: string, tz: string, reps: TPersonRow[]): Promise<TPersonRow> {
  const m = await person(slackId, name, tz);
  await promoteToManager(db, m);
  for (const rep of reps) await setManager(db, rep.id, m.id);
  return { ...m, role: 'manager' };
}

/** Runs the planner (digests only) every `stepMinutes` over [from, to), as the `plan` job would. */
async function planEvery(from: string, to: string, stepMinutes: number): Promise<TPlanResult[]> {
  const runs: TPlanResult[] = [];
  for (let at = Date.parse(from); at < Date.parse(to); at += stepMinutes * 60_000) runs.push(await planDigests(new Date(at)));
  return runs;
}

/** A recompute's snapshot for a rep: tier, weekly or daily expectations, focus stage. */
async function coach(rep: TPersonRow, at: string, tier: TTier, extra: { expectations?: [TActivityType, 'day' | 'week', number][]; focus?: string } = {}): Promise<void> {
  const computedAt = new Date(at);
  await db.insert(s.tierSnapshots).values({ workspaceId: WS, personId: rep.id, tier, reasonCode: 'placed', reasonText: `${tier}: placed by the test`, details: {}, computedAt });
  for (const [activityType, per, amount] of extra.expectations ?? []) {
    const weeklyAmount = per === 'week' ? amount : amount * 5;
    await db.insert(s.expectations).values({ workspaceId: WS, personId: rep.id, activityType, per, amount, derivation: { text: 'test', weeklyAmount }, computedAt });
  }
  if (extra.focus) await setFocus(db, WS, rep.id, extra.focus, null, computedAt, { evidence: { text: 'evidence' } });
}

async function log(rep: TPersonRow, at: string, type: TActivityType, count: number): Promise<void> {
  await insertActivities(db, [{ workspaceId: WS, repId: rep.id, type, count, occurredAt: new Date(at), dealId: null, stage: null, logEntryId: null }]);
}

const planDigests = (now: Date) => planDeliveries(db, { now, workspaceId: WS, sources: [digestSource] });

beforeEach(async () => {
  db = await memoryDb();
});
afterEach(() => closeDb(db));

describe('planning digests', () => {
  let lee: TPersonRow, ana: TPersonRow, ravi: TPersonRow, sam: TPersonRow, morgan: TPersonRow;
  beforeEach(async () => {
    lee = await person('U0LEE', 'Lee', 'America/Los_Angeles');
    ana = await person('U0ANA', 'Ana', 'Europe/London');
    ravi = await person('U0RAVI', 'Ravi', 'Asia/Kolkata');
    sam = await person('U0SAM', 'Sam', 'Australia/Sydney');
    morgan = await manager('U0MORGAN', 'Morgan', 'Europe/London', [lee, ana, ravi, sam]);
  });

  it('plans each digest at Monday 09:00 in its own zone, ahead of time, once per ISO week however often the planner runs', async () => {
    const runs = await planEvery('2026-11-29T00:00:00Z', '2026-12-01T12:00:00Z', 10);

    expect((await digestRows()).map((r) => [r.kind, r.recipientId, r.dueAt, r.periodKey, r.status])).toEqual([
      ['digest', sam.id, '2026-11-29T22:00:00.000Z', '2026-W49', 'pending'], // Sydney, AEDT: still Sunday in UTC
      ['digest', ravi.id, '2026-11-30T03:30:00.000Z', '2026-W49', 'pending'],
      ['digest', ana.id, '2026-11-30T09:00:00.000Z', '2026-W49', 'pending'],
      ['team_digest', morgan.id, '2026-11-30T09:00:00.000Z', '2026-W49', 'pending'],
      ['digest', lee.id, '2026-11-30T17:00:00.000Z', '2026-W49', 'pending'],
    ]);
    expect((await digestRows()).find((r) => r.recipientId === ana.id)?.reason).toBe("sent: Ana's weekly digest, at their weekly digest time within their working hours");
    expect((await digestRows()).find((r) => r.kind === 'team_digest')?.reason).toBe("sent: Morgan's team digest, at their weekly digest time within their working hours");
    // Each was planned by the first run whose look-ahead reached it, 10 minutes early, and by no other run.
    const created = runs.flatMap((run) => run.created.map((item) => ({ ...item, plannedAt: run.now })));
    expect(created).toHaveLength(5);
    for (const item of created) expect(item.dueAt.getTime() - item.plannedAt.getTime()).toBe(10 * 60_000);
  });

  it('one run finds exactly the digests due in its window (now − 24 h, now + 15 min], catching up the late ones', async () => {
    const plan = await planDigests(LONDON_DUE);
    expect(plan.window).toEqual({ from: new Date('2026-11-29T09:00:00Z'), to: new Date('2026-11-30T09:15:00Z') });
    // Lee's (17:00Z) is not due yet; Ravi's, 5½ hours late, still lands in his working afternoon; Sam's, 11 hours
    // late, would land at 20:00 in Sydney: held up past its chosen time, it doesn't go out in the evening.
    expect(plan.created.map((i) => [i.kind, i.recipientName, i.dueAt.toISOString(), i.status])).toEqual([
      ['digest', 'Sam', '2026-11-29T22:00:00.000Z', 'skipped'],
      ['digest', 'Ravi', '2026-11-30T03:30:00.000Z', 'pending'],
      ['digest', 'Ana', '2026-11-30T09:00:00.000Z', 'pending'],
      ['team_digest', 'Morgan', '2026-11-30T09:00:00.000Z', 'pending'],
    ]);
    expect(plan.toEnqueue.map((e) => e.deliveryId).sort()).toEqual(plan.created.filter((i) => i.status === 'pending').map((i) => i.deliveryId).sort());
    expect((await planDigests(LONDON_DUE)).created).toEqual([]);
  });

  it('a digest caught up more than 12 hours late is recorded as skipped, not sent', async () => {
    // Tue 06:00Z is Monday 22:00 in Los Angeles: 13 hours after Lee's digest time.
    await planDigests(new Date('2026-12-01T06:00:00Z'));
    expect((await digestRows()).find((r) => r.recipientId === lee.id)).toMatchObject({
      status: 'skipped',
      reason: "too late: Lee's weekly digest was due Mon 30 Nov, 09:00 (their time), more than 12 hours earlier",
    });
    // Ana's (09:00Z) is 21 hours late; Ravi's and Sam's are before the 24-hour catch-up window.
    expect((await digestRows()).map((r) => [r.recipientId, r.status])).toEqual([
      [ana.id, 'skipped'],
      [morgan.id, 'skipped'],
      [lee.id, 'skipped'],
    ]);
  });

  it('keeps its local time across DST changes: London and Los Angeles in October–November, a time in the spring-forward gap, one in the fall-back overlap', async () => {
    const gap = await person('U0GAP', 'Gap', 'America/Los_Angeles', { digestDay: 7, digestTime: '02:30', digestChosen: true });
    const overlap = await person('U0OVERLAP', 'Overlap', 'America/Los_Angeles', { digestDay: 7, digestTime: '01:30', digestChosen: true });
    // Every 6 hours: the 24-hour catch-up finds each one whatever the step; only when they fall due is checked here.
    await planEvery('2026-10-17T00:00:00Z', '2026-11-10T00:00:00Z', 360);
    await planEvery('2027-03-06T00:00:00Z', '2027-03-22T00:00:00Z', 360);
    const all = await digestRows();
    const dues = (p: TPersonRow, year = '2026') =>
      all
        .filter((r) => r.recipientId === p.id && r.kind === 'digest' && r.dueAt.startsWith(year))
        .map((r) => `${r.periodKey} ${r.dueAt}`);

    expect(dues(ana)).toEqual([
      '2026-W43 2026-10-19T08:00:00.000Z', // BST
      '2026-W44 2026-10-26T09:00:00.000Z', // GMT from 25 Oct
      '2026-W45 2026-11-02T09:00:00.000Z',
      '2026-W46 2026-11-09T09:00:00.000Z',
    ]);
    expect(dues(lee)).toEqual([
      '2026-W43 2026-10-19T16:00:00.000Z', // PDT
      '2026-W44 2026-10-26T16:00:00.000Z',
      '2026-W45 2026-11-02T17:00:00.000Z', // PST from 1 Nov
      '2026-W46 2026-11-09T17:00:00.000Z',
    ]);
    // Sunday 01:30 happens twice on 1 Nov: the earlier one (still PDT).
    expect(dues(overlap)).toEqual(['2026-W42 2026-10-18T08:30:00.000Z', '2026-W43 2026-10-25T08:30:00.000Z', '2026-W44 2026-11-01T08:30:00.000Z', '2026-W45 2026-11-08T09:30:00.000Z']);
    // Sunday 02:30 does not exist on 14 Mar 2027: moved forward by the gap, to 03:30 PDT.
    expect(dues(gap, '2027')).toEqual(['2027-W09 2027-03-07T10:30:00.000Z', '2027-W10 2027-03-14T10:30:00.000Z', '2027-W11 2027-03-21T09:30:00.000Z']);
  });

  it('changing the digest day mid-week does not bring a second digest that ISO week', async () => {
    await planDigests(LONDON_DUE);
    await setPreferences(db, ana.id, { digestDay: 5, digestTime: '16:00', digestChosen: true });
    const friday = await planDigests(new Date('2026-12-04T16:00:00Z'));
    expect(friday.items.filter((i) => i.recipientName === 'Ana')).toEqual([]);
    expect((await digestRows()).filter((r) => r.recipientId === ana.id).map((r) => r.periodKey)).toEqual(['2026-W49']);
    const next = await planDigests(new Date('2026-12-11T16:00:00Z'));
    expect(next.created.filter((i) => i.recipientName === 'Ana').map((i) => i.dueAt.toISOString())).toEqual(['2026-12-11T16:00:00.000Z']);
  });

  it('suppresses the digest of a paused rep, an away rep and a rep on a public holiday, each with its reason', async () => {
    await setPreferences(db, ana.id, { pausedUntil: '2026-12-05T09:00:00Z' });
    await setSlackStatus(db, WS, ravi.slackUserId, { emoji: ':palm_tree:', text: 'Vacationing', expiresAt: null });
    const kim = await person('U0KIM', 'Kim', 'America/New_York', { digestDay: 4, digestChosen: true, holidayCountry: 'US' });
    await planDigests(new Date('2026-11-26T14:00:00Z')); // Thanksgiving, 09:00 in New York
    await planDigests(LONDON_DUE);

    const all = await digestRows();
    const of = (p: TPersonRow) => all.find((r) => r.recipientId === p.id && r.kind === 'digest');
    expect(of(ana)).toMatchObject({ status: 'suppressed', reason: "held back: Ana paused Canopy's messages until Sat 5 Dec, 09:00 (their time)" });
    expect(of(ravi)).toMatchObject({ status: 'suppressed', reason: "held back: Ravi's Slack status says they are away (:palm_tree: Vacationing)" });
    expect(of(kim)).toMatchObject({ status: 'suppressed', reason: 'held back: Thu 26 Nov is Thanksgiving Day, a public holiday for Kim (US)' });
    // Sam's (Sydney) is 11 hours late at this run and it is evening there: skipped, not suppressed.
    expect(of(sam)?.status).toBe('skipped');
  });

  it('gives none to bots, deactivated accounts, admins without reps and managers whose reps all left', async () => {
    const profile = { email: null, tz: 'Europe/London', isAdmin: false };
    await upsertProfile(db, WS, 'U0BOT', { ...profile, name: 'Bot', isBot: true, isDeleted: false }, new Date());
    await upsertProfile(db, WS, 'U0GONE', { ...profile, name: 'Gone', isBot: false, isDeleted: true }, new Date());
    const admin = await person('U0ADMIN', 'Admin', 'Europe/London');
    await db.update(s.people).set({ role: 'admin' }).where(eq(s.people.id, admin.id));
    const lonely = await manager('U0LONELY', 'Lonely', 'Europe/London', []);
    const gone = await person('U0LEFT', 'Left', 'Europe/London');
    await setManager(db, gone.id, lonely.id);
    await db.update(s.people).set({ isDeleted: true }).where(eq(s.people.id, gone.id));

    await planDigests(LONDON_DUE);
    expect((await digestRows()).map((r) => [r.kind, r.recipientId])).toEqual([
      ['digest', sam.id],
      ['digest', ravi.id],
      ['digest', ana.id],
      ['team_digest', morgan.id],
    ]);
  });
});

describe('composing digests', () => {
  let ana: TPersonRow, ben: TPersonRow, morgan: TPersonRow;
  const planned = async (p: TPersonRow, kind = 'digest') => {
    await planDigests(LONDON_DUE);
    return (await findDeliveryById(db, (await digestRows()).find((r) => r.recipientId === p.id && r.kind === kind)!.id))!;
  };

  beforeEach(async () => {
    ana = await person('U0ANA', 'Ana', 'Europe/London');
    ben = await person('U0BEN', 'Ben', 'Europe/London');
    morgan = await manager('U0MORGAN', 'Morgan', 'Europe/London', [ana, ben]);
    // Ana: guided two weeks ago, focused since Thursday (daily calls, weekly demos), with a new focus.
    await coach(ana, '2026-11-16T02:00:00Z', 'guided', { expectations: [['call', 'week', 40]], focus: 'demo' });
    await coach(ana, '2026-11-26T02:00:00Z', 'focused', { expectations: [['call', 'day', 8], ['demo', 'week', 3]], focus: 'discovery' });
    // Ben: autonomous all along.
    await coach(ben, '2026-11-16T02:00:00Z', 'autonomous');
    await coach(ben, '2026-11-29T02:00:00Z', 'autonomous');
    for (const [week, calls] of [['2026-10-12', 20], ['2026-11-02', 35], ['2026-11-16', 30]] as const) await log(ana, `${week}T10:00:00Z`, 'call', calls);
    // Last week (Mon 23 – Sun 29 Nov): 32 calls, 1 demo, 4 emails; this week's logging does not count.
    await log(ana, '2026-11-23T10:00:00Z', 'call', 20);
    await log(ana, '2026-11-29T23:30:00Z', 'call', 12);
    await log(ana, '2026-11-25T10:00:00Z', 'demo', 1);
    await log(ana, '2026-11-26T10:00:00Z', 'email', 4);
    await log(ana, '2026-11-30T08:00:00Z', 'call', 50);
    await log(ben, '2026-11-24T10:00:00Z', 'meeting', 3);
    const won = await createDeal(db, { workspaceId: WS, repId: ben.id, externalId: 'd1', name: 'Acme <Corp>', stage: 'negotiation', createdAt: new Date('2026-10-01T00:00:00Z') });
    await db.update(s.deals).set({ outcome: 'won', stage: 'won', closedAt: new Date('2026-11-25T12:00:00Z'), amountCents: 2_400_000 }).where(eq(s.deals.id, won.id));
    const stalled = await createDeal(db, { workspaceId: WS, repId: ben.id, externalId: 'd2', name: 'Initech', stage: 'proposal', createdAt: new Date('2026-10-01T00:00:00Z') });
    await addStageHistory(db, { dealId: stalled.id, stage: 'proposal', enteredAt: new Date('2026-10-01T00:00:00Z'), logEntryId: null });
  });

  it("builds a rep's digest at send time: last week vs. expectations, trend, focus tip, the one next step, why it came", async () => {
    const composed = await composeDelivery(db, await planned(ana), LONDON_DUE);
    expect(composed.action).toBe('send');
    if (composed.action !== 'send') return;
    const text = digestToPlainText(composed.message);
    for (const part of [
      'Your week — Mon 23 Nov – Sun 29 Nov',
      '🟡 Calls — 32 of 40 (8 a day) — 8 short',
      '🟡 Demos — 1 of 3 — 2 short',
      '• Emails — 4',
      '37 activities in total · 0 of 2 expectations met',
      '`▁▅▁▁█▁▇█` all activity · 122', // 20, 35, 30 and 37 in the weeks of 12 Oct, 2, 16 and 23 Nov
      'Focus: Discovery',
      'This week: Plan 2 demos early in the week — demos were furthest behind last week (1 of 3).',
      'Your weekly digest, Mondays at 09:00 (Europe/London)',
    ]) {
      expect(text).toContain(part);
    }
    expect(composed.message.text).toBe('Your week (Mon 23 Nov – Sun 29 Nov): 37 activities, 0 of 2 expectations met');
  });

  it('an autonomous rep hears about deals, not activity targets', async () => {
    const composed = await composeDelivery(db, await planned(ben), LONDON_DUE);
    if (composed.action !== 'send') throw new Error(composed.reason);
    const text = digestToPlainText(composed.message);
    expect(text).toContain('🏆 Won: Acme <Corp> ($24k)');
    expect(text).toContain('This week: Move Initech on — it has sat in Proposal for 60 days without activity.');
    expect(text).not.toContain('expectations');
  });

  it("builds a manager's team digest: by tier, tier changes, new focus areas, who fell behind, this week's 1:1s", async () => {
    await upsertOneOnOne(
      db,
      { workspaceId: WS, managerId: morgan.id, repId: ana.id, cadence: 'weekly', weekday: 2, localTime: '10:00', tz: 'Europe/London', anchorDate: '2026-11-03' },
      new Date('2026-11-01T00:00:00Z'),
    );
    const composed = await composeDelivery(db, await planned(morgan, 'team_digest'), LONDON_DUE);
    if (composed.action !== 'send') throw new Error(composed.reason);
    const text = digestToPlainText(composed.message);
    for (const part of [
      "Your team's week — Mon 23 Nov – Sun 29 Nov",
      '2 reps · 40 activities last week · 1 tier change · 1 new focus area · 1 behind on expectations',
      '• @U0ANA — guided → focused',
      '🆕 New focus areas\n• @U0ANA — Discovery',
      '• @U0ANA — calls 32 of 40, demos 1 of 3',
      'Autonomous — outcome goals only\n• @U0BEN — 3 last week',
      'Focused — daily expectations and stage coaching\n• @U0ANA — 37 last week',
      'Your 1:1s this week\n• @U0ANA — Tue 1 Dec, 10:00',
      'Your team digest, Mondays at 09:00 (Europe/London)',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('skips at send time when it would be more than 12 hours late, when the rep paused since, or is no longer a rep', async () => {
    const row = await planned(ana);
    expect(await composeDelivery(db, row, new Date('2026-11-30T21:01:00Z'))).toEqual({
      action: 'skip',
      reason: "too late: Ana's weekly digest was due Mon 30 Nov, 09:00 (their time), more than 12 hours earlier",
    });
    await setPreferences(db, ana.id, { pausedUntil: '2026-12-07T09:00:00Z' });
    expect(await composeDelivery(db, row, LONDON_DUE)).toMatchObject({ action: 'skip', reason: expect.stringContaining('paused') });
    await setPreferences(db, ana.id, {});
    await db.update(s.people).set({ role: 'manager' }).where(eq(s.people.id, ana.id));
    expect(await composeDelivery(db, row, LONDON_DUE)).toEqual({ action: 'skip', reason: 'skipped: Ana is no longer a rep' });
  });
});

describe('sending a digest', () => {
  let fake: TFakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ tsEpoch: LONDON_DUE.getTime() / 1000 });
  });
  afterAll(() => fake.close());

  it('posts it once to the rep’s DM with its delivery id, records it, and does nothing the second time', async () => {
    const ana = await person('U0ANA', 'Ana', 'Europe/London');
    await planDeliveries(db, { now: new Date('2026-11-30T08:50:00Z'), workspaceId: WS });
    const id = (await digestRows())[0]!.id;
    const slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));

    const sent = await sendDelivery(db, slack, id, LONDON_DUE);
    const again = await sendDelivery(db, slack, id, LONDON_DUE);

    expect(sent).toMatchObject({ outcome: 'sent', channel: dmChannelId(ana.slackUserId) });
    expect(again).toEqual({ outcome: 'already_done', deliveryId: id, status: 'sent' });
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.ok).toBe(true);
    expect(posts[0]!.args).toMatchObject({ channel: ana.slackUserId, metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: id, kind: 'digest' } } });
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('/coach pause 1w');
    expect(await findDeliveryById(db, id)).toMatchObject({ status: 'sent', slackTs: (sent as { ts: string }).ts });
  });
});

describe('npm run cli -- preview digest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'canopy-digest-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints a rep's digest and a manager's team digest as text and Block Kit JSON, writing nothing", async () => {
    // The CLI opens the database itself: a SQLite file, or on PostgreSQL this test's database over its own pool.
    const postgresUrl = databaseUrlOf(db);
    const path = postgresUrl ?? join(dir, 'canopy.db');
    const open = () => openDatabase({ DATABASE_URL: postgresUrl, DATABASE_PATH: path });
    const file = await open();
    const swap = db;
    db = file;
    const ana = await person('U0ANA', 'Ana', 'Europe/London');
    await manager('U0MORGAN', 'Morgan', 'Europe/London', [ana]);
    db = swap;
    await closeDb(file);
    const cliDb = await open();
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));

    expect(await previewCommand(['digest', 'U0ANA', '--now', `${MONDAY}T09:00:00Z`], cliDb, path)).toBe(0);
    expect(out.join('\n')).toContain('Weekly digest of Ana (Europe/London), as of 2026-11-30T09:00:00.000Z');
    expect(out.join('\n')).toContain('Your week — Mon 23 Nov – Sun 29 Nov');
    expect(out.join('\n')).toContain('"blocks": [');
    out.length = 0;
    expect(await previewCommand(['digest', 'U0MORGAN', '--now', `${MONDAY}T09:00:00Z`], cliDb, path)).toBe(0);
    expect(out.join('\n')).toContain("Your team's week — Mon 23 Nov – Sun 29 Nov");
    await closeDb(cliDb);

    const reopened = await open();
    expect((await countRows(reopened, 'deliveries')) + (await countRows(reopened, 'meetings'))).toBe(0);
    await closeDb(reopened);
  });
});
