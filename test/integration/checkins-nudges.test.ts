import { eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { ensureMeeting, insertActionItems, setActionItemDone, upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { findPersonById, setManager, setPreferences, setSlackStatus, type TPersonRow } from '../../db/repositories/people';
import type { TTier } from '../../src/domain/coaching/tiers';
import type { TActivityType } from '../../src/domain/types';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { checkinSource } from '../../src/services/deliveries/sources/checkin-source';
import { digestSource } from '../../src/services/deliveries/sources/digest-source';
import { nudgeSource } from '../../src/services/deliveries/sources/nudge-source';
import { oneOnOneSource } from '../../src/services/deliveries/sources/one-on-one-source';
import type { TPlanSource } from '../../src/services/deliveries/types';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import type { TDeliveryPort } from '../../src/services/deliveries/port';
import { addPerson, memoryDb } from '../support/db';
import { addExpectation, clearTables, deliveryRows, placeTier, setFocus, type TDeliveryRow } from '../support/deliveries';
import { dmChannelId, FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, messageButtonClick, type TButton } from '../support/interactions';
import { postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

/*
 * Check-ins and nudges through the real planner and sender, on a migrated database (SQLite or PostgreSQL), in New York time.
 * The week under test is Mon 30 Nov – Sun 6 Dec 2026 (ISO 2026-W49); Thanksgiving was Thu 26 Nov.
 */

const WS = 'T0CHECK';
const NY = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toJSDate();
const COMPUTED = at('2026-11-23T06:00');

type TRow = TDeliveryRow;
const rows = deliveryRows;

function plan(db: TDb, local: string, sources: readonly TPlanSource[]) {
  return planDeliveries(db, { now: at(local), workspaceId: WS, sources });
}

async function rep(db: TDb, name: string, tier: TTier | null, expectations: [TActivityType, 'day' | 'week', number][] = [], prefs: Record<string, unknown> = {}, ws = WS): Promise<TPersonRow> {
  const person = await addPerson(db, ws, `U0${name.toUpperCase()}`, { name, tz: NY });
  if (Object.keys(prefs).length > 0) await setPreferences(db, person.id, prefs);
  if (tier) {
    await placeTier(db, ws, person.id, tier, COMPUTED);
  }
  for (const [type, per, amount] of expectations) {
    await addExpectation(db, ws, person.id, type, per, amount, COMPUTED);
  }
  return (await findPersonById(db, person.id))!;
}

async function log(db: TDb, person: TPersonRow, type: TActivityType, count: number, local: string, dealId: number | null = null): Promise<void> {
  await insertActivities(db, [{ workspaceId: person.workspaceId, repId: person.id, type, count, occurredAt: at(local), dealId, stage: null, logEntryId: null }]);
  if (dealId !== null) await db.update(s.deals).set({ lastActivityAt: at(local) }).where(eq(s.deals.id, dealId));
}

async function deal(db: TDb, owner: TPersonRow, name: string, stage: string, enteredLocal: string): Promise<number> {
  const row = await createDeal(db, { workspaceId: WS, repId: owner.id, externalId: `${owner.slackUserId}-${name}`, name, stage: 'prospecting', createdAt: at('2026-10-01T09:00') });
  await addStageHistory(db, { dealId: row.id, stage: 'prospecting', enteredAt: at('2026-10-01T09:00'), logEntryId: null });
  await addStageHistory(db, { dealId: row.id, stage, enteredAt: at(enteredLocal), logEntryId: null });
  await db.update(s.deals).set({ stage, furthestStage: stage }).where(eq(s.deals.id, row.id));
  return row.id;
}

async function actionItem(db: TDb, owner: TPersonRow, manager: TPersonRow, text: string, dueDate: string): Promise<number> {
  const { row } = await upsertOneOnOne(db, { workspaceId: WS, managerId: manager.id, repId: owner.id, cadence: 'weekly', weekday: 2, localTime: '10:00', tz: NY, anchorDate: '2026-11-03' }, at('2026-11-01T09:00'));
  const meeting = await ensureMeeting(db, row.id, at('2026-11-24T10:00'));
  return (await insertActionItems(db, meeting.id, [{ ownerId: owner.id, text, dueDate }], at('2026-11-24T10:30')))[0]!.id;
}

describe('check-ins: who gets one, when', () => {
  let db: TDb;
  beforeEach(async () => {
    db = await memoryDb();
    await rep(db, 'Fay', 'focused', [['call', 'day', 10]]);
    await rep(db, 'Gus', 'guided', [['call', 'week', 12]]);
    await rep(db, 'Ann', 'autonomous');
    await rep(db, 'Opal', 'autonomous', [], { checkins: 'daily' });
    await rep(db, 'Ram', null);
    await rep(db, 'Pia', 'focused', [], { pausedUntil: '2026-12-05T12:00:00-05:00' });
    const awa = await rep(db, 'Awa', 'focused');
    await setSlackStatus(db, WS, awa.slackUserId, { emoji: ':palm_tree:', text: 'Vacation', expiresAt: null });
  });

  const checkins = async () => (await rows(db, 'checkin')).map((r) => [r.recipient, r.key, r.status]);

  it('daily for focused (and an autonomous rep who opted in), weekly on Friday for guided and ramping, none for autonomous; paused and away held back', async () => {
    await plan(db, '2026-12-02T16:35', [checkinSource]); // Wednesday
    expect(await checkins()).toEqual([
      ['Awa', 'checkin:2026-12-02', 'suppressed'],
      ['Fay', 'checkin:2026-12-02', 'pending'],
      ['Opal', 'checkin:2026-12-02', 'pending'],
      ['Pia', 'checkin:2026-12-02', 'suppressed'],
    ]);
    const reasons = new Map((await rows(db, 'checkin')).map((r) => [r.recipient, r.reason]));
    expect(reasons.get('Fay')).toBe("sent: Fay's daily check-in (focused tier)");
    expect(reasons.get('Opal')).toBe("sent: Opal's daily check-in (their setting)");
    expect(reasons.get('Pia')).toMatch(/^held back: Pia paused/);
    expect(reasons.get('Awa')).toMatch(/^held back: Awa's Slack status says they are away/);

    await plan(db, '2026-12-04T16:35', [checkinSource]); // Friday
    await plan(db, '2026-12-05T16:35', [checkinSource]); // Saturday: nothing
    await plan(db, '2026-12-06T16:35', [checkinSource]); // Sunday: nothing
    const friday = (await rows(db, 'checkin')).filter((r) => r.key.endsWith('12-04') || r.key.endsWith('W49'));
    expect(friday.map((r) => [r.recipient, r.key, r.status])).toEqual([
      ['Awa', 'checkin:2026-12-04', 'suppressed'],
      ['Fay', 'checkin:2026-12-04', 'pending'],
      ['Gus', 'checkin:2026-W49', 'pending'],
      ['Opal', 'checkin:2026-12-04', 'pending'],
      ['Pia', 'checkin:2026-12-04', 'suppressed'],
      ['Ram', 'checkin:2026-W49', 'pending'],
    ]);
    expect((await rows(db, 'checkin')).filter((r) => r.recipient === 'Ann')).toEqual([]);
    expect(await rows(db, 'checkin')).toHaveLength(4 + 6);
  });

  it('every check-in is due at the rep’s check-in time, local; a late run records it skipped rather than asking the next morning', async () => {
    await plan(db, '2026-12-03T09:30', [checkinSource]); // Thursday morning: the first run since Wednesday noon
    const fay = (await rows(db, 'checkin')).find((r) => r.recipient === 'Fay')!;
    expect(fay).toMatchObject({ key: 'checkin:2026-12-02', status: 'skipped', reason: "too late: outside the rep's working hours", dueAt: at('2026-12-02T16:30').getTime() });
  });

  it('none on a public holiday; a weekly one moves to the last working day that is not a holiday', async () => {
    for (const p of await db.select().from(s.people).where(inArray(s.people.name, ['Fay', 'Gus']))) {
      await setPreferences(db, p.id, { ...p.preferences, holidayCountry: 'US', holidayRegion: 'CA' });
    }
    await plan(db, '2026-11-25T16:35', [checkinSource]); // Wed before Thanksgiving
    await plan(db, '2026-11-26T16:35', [checkinSource]); // Thanksgiving
    await plan(db, '2026-11-27T16:35', [checkinSource]); // Day after Thanksgiving (a public holiday in California)
    const mine = (await rows(db, 'checkin')).filter((r) => r.recipient === 'Fay' || r.recipient === 'Gus');
    expect(mine.map((r) => [r.recipient, r.key, r.status])).toEqual([
      ['Fay', 'checkin:2026-11-25', 'pending'],
      ['Gus', 'checkin:2026-W48', 'pending'],
      ['Fay', 'checkin:2026-11-26', 'suppressed'],
      ['Fay', 'checkin:2026-11-27', 'suppressed'],
    ]);
    expect(mine[2]!.reason).toMatch(/Thanksgiving Day, a public holiday for Fay \(US-CA\)/);
    expect(mine[1]!.dueAt).toBe(at('2026-11-25T16:30').getTime());
  });
});

describe('nudges: only when they help', () => {
  let db: TDb;
  let gus: TPersonRow;
  let fay: TPersonRow;
  let ram: TPersonRow;
  let mgr: TPersonRow;
  let ann: TPersonRow;
  beforeEach(async () => {
    db = await memoryDb();
    mgr = await rep(db, 'Morgan', null);
    await db.update(s.people).set({ role: 'manager' }).where(eq(s.people.id, mgr.id));
    fay = await rep(db, 'Fay', 'focused', [['call', 'day', 10]]);
    gus = await rep(db, 'Gus', 'guided', [['call', 'week', 12]]);
    const gia = await rep(db, 'Gia', 'guided', [['call', 'week', 12]]);
    const gil = await rep(db, 'Gil', 'guided', [['call', 'week', 12]]);
    ram = await rep(db, 'Ram', null);
    ann = await rep(db, 'Ann', 'autonomous', [['call', 'week', 12]]);
    await log(db, gus, 'call', 3, '2026-11-30T11:00');
    await log(db, gia, 'call', 12, '2026-11-30T11:00'); // met by Monday
    await log(db, gil, 'call', 6, '2026-12-01T11:00'); // on pace on Wednesday
  });

  const nudges = async () => (await rows(db, 'nudge')).map((r) => [r.recipient, r.key, r.status]);

  it('behind pace: judged mid-week for weekly expectations, only when behind (not met, not on pace), with the numbers', async () => {
    await plan(db, '2026-12-01T13:05', [nudgeSource]); // Tuesday: no weekly evaluation
    expect((await rows(db, 'nudge')).filter((r) => r.key.includes('W49'))).toEqual([]);
    await plan(db, '2026-12-02T13:05', [nudgeSource]); // Wednesday 13:00, nothing logged today: no "3 of 12" nudge, the check-in asks
    expect((await rows(db, 'nudge')).filter((r) => r.key.includes('W49'))).toEqual([]);
    await log(db, gus, 'call', 1, '2026-12-02T10:00');
    await plan(db, '2026-12-02T13:10', [nudgeSource]);
    const weekly = (await rows(db, 'nudge')).filter((r) => r.key.includes('W49'));
    expect(weekly.map((r) => [r.recipient, r.key, r.status])).toEqual([['Gus', 'nudge:behind_pace:2026-W49:call', 'pending']]);
    // The budget counts Friday's check-in ahead (and the digest, already gone on Monday, had the digest source run).
    expect(weekly[0]!.reason).toBe(
      'sent: Gus is behind on calls this week (4 of 12 calls by Wed 13:00); Gus has 1 of 3 messages this week besides this one (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)',
    );
    // Later runs that day change nothing.
    await plan(db, '2026-12-02T15:05', [nudgeSource]);
    expect((await rows(db, 'nudge')).filter((r) => r.key.includes('W49'))).toHaveLength(1);
  });

  it('behind pace on a daily expectation at 14:00, only on a day without a check-in (a focused rep’s daily check-in carries it)', async () => {
    const flo = await rep(db, 'Flo', 'focused', [['call', 'day', 10]], { checkins: 'weekly' });
    await log(db, fay, 'call', 2, '2026-12-02T09:30');
    await log(db, flo, 'call', 2, '2026-12-02T09:30');
    await plan(db, '2026-12-02T14:05', [nudgeSource]);
    expect((await nudges()).filter((n) => n[0] === 'Fay')).toEqual([]);
    expect(await nudges()).toContainEqual(['Flo', 'nudge:behind_pace:2026-12-02:call', 'pending']);
    expect((await rows(db, 'nudge')).find((r) => r.recipient === 'Flo')!.reason).toMatch(/Flo is behind on calls today \(2 of 10 calls by 14:00\)/);
    // Friday is Flo's check-in day: no pace nudge then.
    await log(db, flo, 'call', 2, '2026-12-04T09:30');
    await plan(db, '2026-12-04T14:05', [nudgeSource]);
    expect((await nudges()).filter((n) => n[0] === 'Flo' && String(n[1]).includes('2026-12-04'))).toEqual([]);
  });

  it('never about an activity outside the rep’s expectations, never "0 of N"', async () => {
    await log(db, gus, 'email', 1, '2026-12-02T10:00'); // logged today, but no calls today and emails are not a target
    const gwen = await rep(db, 'Gwen', 'guided', [['call', 'week', 12], ['meeting', 'week', 6]]);
    await log(db, gwen, 'call', 1, '2026-12-02T10:00'); // no meetings at all: the call target is the one behind with something done
    await plan(db, '2026-12-02T13:05', [nudgeSource]);
    const keys = (await rows(db, 'nudge')).map((r) => `${r.recipient} ${r.key}`);
    expect(keys).toEqual(['Gus nudge:behind_pace:2026-W49:call', 'Gwen nudge:behind_pace:2026-W49:call']);
  });

  it('a stalled deal once per deal and stage', async () => {
    const acme = await deal(db, gus, 'Acme', 'demo', '2026-11-10T10:00'); // demo threshold: 10 idle days
    const fresh = await deal(db, gus, 'Fresh', 'demo', '2026-11-28T10:00');
    await plan(db, '2026-11-30T10:35', [nudgeSource]);
    await plan(db, '2026-12-01T10:35', [nudgeSource]);
    expect(await nudges()).toEqual([['Gus', `nudge:stalled_deal:${acme}:demo`, 'pending']]);
    expect((await rows(db, 'nudge'))[0]!.reason).toMatch(/Gus's deal Acme has had no activity for 20 days in Demo \(threshold 10\)/);
    // It moves on and stalls again in its new stage: a new reason.
    await addStageHistory(db, { dealId: acme, stage: 'proposal', enteredAt: at('2026-12-01T12:00'), logEntryId: null });
    await db.update(s.deals).set({ stage: 'proposal', furthestStage: 'proposal' }).where(eq(s.deals.id, acme));
    // 11 Dec: both are stalled (Fresh 13 days in Demo, Acme 10 in Proposal): one a day, the longest idle first.
    await plan(db, '2026-12-11T10:35', [nudgeSource]);
    await plan(db, '2026-12-14T10:35', [nudgeSource]);
    expect(await nudges()).toEqual([
      ['Gus', `nudge:stalled_deal:${acme}:demo`, 'pending'],
      ['Gus', `nudge:stalled_deal:${fresh}:demo`, 'pending'],
      ['Gus', `nudge:stalled_deal:${acme}:proposal`, 'pending'],
    ]);
  });

  it('an open action item due tomorrow, at 10:00; none once done', async () => {
    const item = await actionItem(db, ram, mgr, 'Send the Acme proposal', '2026-12-03');
    const done = await actionItem(db, gus, mgr, 'Call the CFO', '2026-12-03');
    await setActionItemDone(db, done, at('2026-12-01T09:00'));
    await plan(db, '2026-12-01T10:05', [nudgeSource]); // Tuesday: due Thursday, not near yet
    expect(await nudges()).toEqual([]);
    await plan(db, '2026-12-02T10:05', [nudgeSource]);
    expect(await nudges()).toEqual([['Ram', `nudge:action_item_due:${item}`, 'pending']]);
  });

  it('never for an autonomous rep', async () => {
    await deal(db, gus, 'Acme', 'demo', '2026-11-10T10:00');
    await deal(db, ann, 'Hooli', 'demo', '2026-11-01T10:00');
    await actionItem(db, ann, mgr, 'Renewal call', '2026-12-02');
    for (const time of ['2026-12-02T10:05', '2026-12-02T10:35', '2026-12-02T13:05', '2026-12-02T14:05']) await plan(db, time, [nudgeSource]);
    expect((await rows(db, 'nudge')).filter((r) => r.recipient === 'Ann')).toEqual([]);
    expect((await rows(db, 'nudge')).length).toBeGreaterThan(0);
  });
});

describe('budgets over a simulated week (plan every 30 minutes, Sun 29 Nov – Sun 6 Dec)', () => {
  it('every kind counts: focused 6 (a check-in a working day + the digest), guided 3, autonomous 1; undated reasons wait instead of being used up', async () => {
    const db = await memoryDb();
    const mgr = await rep(db, 'Morgan', null);
    await db.update(s.people).set({ role: 'manager' }).where(eq(s.people.id, mgr.id));
    const people = { Fay: await rep(db, 'Fay', 'focused', [['call', 'day', 10]]), Gus: await rep(db, 'Gus', 'guided', [['call', 'week', 12]]), Ann: await rep(db, 'Ann', 'autonomous') };
    for (const [name, person] of Object.entries(people)) {
      await setManager(db, person.id, mgr.id);
      for (const [i, stage] of ['discovery', 'demo', 'proposal'].entries()) await deal(db, person, `${name} deal ${i}`, stage, '2026-11-01T10:00');
      for (const due of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) await actionItem(db, person, mgr, `Follow up ${due}`, due);
    }
    for (let t = DateTime.fromISO('2026-11-29T00:00', { zone: NY }); t < DateTime.fromISO('2026-12-07T00:00', { zone: NY }); t = t.plus({ minutes: 30 })) {
      await planDeliveries(db, { now: t.toJSDate(), workspaceId: WS, sources: [oneOnOneSource, digestSource, checkinSource, nudgeSource] });
    }
    const all = (await rows(db)).filter((r) => r.recipient !== 'Morgan');
    const going = all.filter((r) => (r.kind === 'nudge' || r.kind === 'agenda_reminder') && r.status === 'pending');
    const day = (r: TRow) => DateTime.fromMillis(r.dueAt, { zone: NY }).toISODate();
    const perDay = (name: string) => Object.fromEntries([...new Set(going.filter((r) => r.recipient === name).map(day))].map((d) => [d, going.filter((r) => r.recipient === name && day(r) === d).length]));

    // Focused: the daily check-in is the day's one message: no nudge or reminder on top of it.
    expect(going.filter((r) => r.recipient === 'Fay')).toEqual([]);
    expect(perDay('Fay')).toEqual({});
    // Guided: the digest, Friday's check-in and one nudge or reminder.
    expect(going.filter((r) => r.recipient === 'Gus')).toHaveLength(1);
    const total = (name: string) => all.filter((r) => r.recipient === name && r.status === 'pending').length;
    expect({ Fay: total('Fay'), Gus: total('Gus'), Ann: total('Ann') }).toEqual({ Fay: 6, Gus: 3, Ann: 1 });
    // Autonomous: nothing budgeted goes out, and no nudge is even considered.
    expect(going.filter((r) => r.recipient === 'Ann')).toEqual([]);
    expect(all.filter((r) => r.recipient === 'Ann' && r.kind === 'nudge')).toEqual([]);
    // Stalled deals and action items are never recorded as held back by the budget: they wait for a day with room.
    const undated = all.filter((r) => r.kind === 'nudge' && !r.key.startsWith('nudge:behind_pace'));
    expect(undated.filter((r) => r.status !== 'pending')).toEqual([]);
    // Each reason once.
    expect(new Set(all.map((r) => `${r.recipient}|${r.kind}|${r.key}`)).size).toBe(all.length);
    // Check-ins: daily for Fay, the Friday one for Gus, none for Ann; never held by the budget (they hold their place in it).
    const checkins = all.filter((r) => r.kind === 'checkin' && r.status === 'pending').map((r) => [r.recipient, r.key]);
    expect(checkins).toEqual([
      ['Fay', 'checkin:2026-11-30'],
      ['Fay', 'checkin:2026-12-01'],
      ['Fay', 'checkin:2026-12-02'],
      ['Fay', 'checkin:2026-12-03'],
      ['Fay', 'checkin:2026-12-04'],
      ['Gus', 'checkin:2026-W49'],
    ]);
  });
});

describe('composing at send time', () => {
  let fake: TFakeSlack;
  let slack: TDeliveryPort;
  let db: TDb;
  let gus: TPersonRow;
  let fay: TPersonRow;
  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    db = await memoryDb();
    gus = await rep(db, 'Gus', 'guided', [['call', 'week', 12]]);
    fay = await rep(db, 'Fay', 'focused', [['call', 'day', 10]]);
    await setFocus(db, WS, fay.id, 'discovery', 'demo', COMPUTED);
    await log(db, gus, 'call', 3, '2026-11-30T11:00');
    await log(db, gus, 'call', 1, '2026-12-02T10:00');
  });

  const idOf = async (kind: string, recipient: string) => (await rows(db, kind)).find((r) => r.recipient === recipient && r.status === 'pending')!.id;
  const posted = () => fake.callsTo('chat.postMessage').map((c) => ({ text: String(c.args.text), blocks: JSON.stringify(c.args.blocks) }));

  it('a nudge says what and why with the numbers, and carries Log activity, Snooze and Fewer of these', async () => {
    await plan(db, '2026-12-02T13:05', [nudgeSource]);
    const result = await sendDelivery(db, slack, await idOf('nudge', 'Gus'), at('2026-12-02T13:05'));
    expect(result.outcome).toBe('sent');
    const [message] = posted();
    expect(message!.text).toBe("You're at 4 of 12 calls this week, and it's Wednesday afternoon — about 5 by now would be on pace. 8 to go.");
    for (const part of ['log_activity_open', 'nudge_snooze', 'nudge_fewer', 'Why you got this', 'counts toward your 3 messages a week from me (digest and check-ins included)']) expect(message!.blocks).toContain(part);
  });

  it('skips a nudge whose expectation was met since it was planned', async () => {
    await plan(db, '2026-12-02T13:05', [nudgeSource]);
    await log(db, gus, 'call', 8, '2026-12-02T13:06');
    const result = await sendDelivery(db, slack, await idOf('nudge', 'Gus'), at('2026-12-02T13:10'));
    expect(result).toMatchObject({ outcome: 'skipped', reason: 'skipped: met since it was planned (Done: 12 of 12 calls this week.)' });
    expect(posted()).toEqual([]);
  });

  it('skips a stalled-deal nudge after activity on the deal, and an action-item one once it is done', async () => {
    const acme = await deal(db, gus, 'Acme', 'demo', '2026-11-10T10:00');
    const mgr = await rep(db, 'Morgan', null);
    const item = await actionItem(db, gus, mgr, 'Send the deck', '2026-12-01');
    await plan(db, '2026-11-30T10:05', [nudgeSource]);
    await plan(db, '2026-11-30T10:35', [nudgeSource]);
    const [first, second] = await rows(db, 'nudge');
    expect([first!.key, second!.key]).toEqual([`nudge:action_item_due:${item}`, `nudge:stalled_deal:${acme}:demo`]);
    await setActionItemDone(db, item, at('2026-11-30T10:20'));
    await log(db, gus, 'call', 1, '2026-11-30T10:40', acme);
    await expect(sendDelivery(db, slack, first!.id, at('2026-11-30T10:45'))).resolves.toMatchObject({ outcome: 'skipped', reason: 'skipped: done since it was planned' });
    await expect(sendDelivery(db, slack, second!.id, at('2026-11-30T10:45'))).resolves.toMatchObject({ outcome: 'skipped', reason: 'skipped: there was activity on the deal since it was planned' });
  });

  it('a check-in asks, gives an example reply and says why; skipped when check-ins were turned off or the rep paused since', async () => {
    await plan(db, '2026-12-02T16:25', [checkinSource]);
    expect(await sendDelivery(db, slack, await idOf('checkin', 'Fay'), at('2026-12-02T16:30'))).toMatchObject({ outcome: 'sent' });
    const [message] = posted();
    // It carries the pace note (no separate behind-pace nudge that day); 0 of 10 is the check-in asking, not a nudge.
    expect(message!.text).toBe('How did today go? Where you stand: Behind by 8 calls: 0 of 10 today so far. Reply in this thread: 4 calls, demo with Acme');
    expect(message!.blocks).toContain('daily check-ins while we work on Discovery together');

    await plan(db, '2026-12-03T16:25', [checkinSource]);
    await setPreferences(db, fay.id, { checkins: 'off' });
    await expect(sendDelivery(db, slack, (await rows(db, 'checkin')).at(-1)!.id, at('2026-12-03T16:30'))).resolves.toMatchObject({ outcome: 'skipped', reason: 'skipped: check-ins were turned off since it was planned' });
    await plan(db, '2026-12-04T16:25', [checkinSource]);
    expect((await rows(db, 'checkin')).filter((r) => r.key === 'checkin:2026-12-04')).toEqual([]);
  });
});

describe('over real HTTP: check-in threads and the tuning buttons (fake Slack, real SQLite)', () => {
  const TEAM = FAKE_TEAM.teamId;
  const NOW = at('2026-12-02T16:31');
  let fake: TFakeSlack;
  let app: TTestApp;
  let slack: TDeliveryPort;
  let n = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: ['Fay', 'Gus', 'Other'].map((name) => ({ id: `U0${name.toUpperCase()}`, name: name.toLowerCase(), real_name: name, tz: NY })),
    });
    app = await startTestApp({ fake, now: () => NOW });
    slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.reset();
    await clearTables(app.db, ['deliveries', 'activities', 'logEntries', 'expectations', 'tierSnapshots', 'people']);
  });

  /** Plans with one source at a local time and sends what it planned for `name`; returns the message as posted. */
  async function deliver(name: string, source: TPlanSource, local: string, kind: string) {
    await planDeliveries(app.db, { now: at(local), workspaceId: TEAM, sources: [source] });
    const id = (await rows(app.db, kind)).find((r) => r.recipient === name && r.status === 'pending')!.id;
    const sent = await sendDelivery(app.db, slack, id, at(local));
    expect(sent.outcome).toBe('sent');
    const { ts } = sent as { ts: string };
    const call = fake.callsTo('chat.postMessage').find((c) => (c.args.metadata as { event_payload?: { delivery_id?: number } }).event_payload?.delivery_id === id)!;
    return { id, ts, message: { ts, text: String(call.args.text), blocks: call.args.blocks } };
  }

  async function click(user: string, button: TButton, message: { ts: string; text: string; blocks: unknown }): Promise<TFakeCall> {
    const target = `r${++n}`;
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick(user, button, message, fake.responseUrl(target)));
    expect(res.status).toBe(200);
    return fake.waitFor('response_url', (c) => c.target === target);
  }

  const buttonOf = (blocks: unknown, actionId: string) => buttonsIn(blocks).find((b) => b.action_id === actionId)!;
  const prefsOf = async (slackUserId: string) => (await app.db.select().from(s.people).where(eq(s.people.slackUserId, slackUserId)))[0]!.preferences as Record<string, unknown>;
  const activityRows = async () =>
    (await app.db.select({ name: s.people.name, type: s.activities.type, count: s.activities.count }).from(s.activities).innerJoin(s.people, eq(s.people.id, s.activities.repId)).orderBy(s.activities.id)).map(
      (a) => [a.name, a.type, a.count],
    );

  function reply(user: string, channel: string, threadTs: string, text: string) {
    const ts = `1700009${String(++n).padStart(3, '0')}.000100`;
    return loadFixture('event-message-thread-reply', {
      event_id: `EvCHK${n}`,
      event: { user, channel, channel_type: channel.startsWith('D') ? 'im' : 'channel', thread_ts: threadTs, ts, event_ts: ts, text, blocks: undefined },
    });
  }

  it('a reply in the check-in thread is logged and confirmed in that thread', async () => {
    await rep(app.db, 'Fay', 'focused', [['call', 'day', 10]], {}, TEAM);
    const checkin = await deliver('Fay', checkinSource, '2026-12-02T16:25', 'checkin');
    expect(fake.messagesIn('U0FAY')).toHaveLength(1);

    await postEvent(app.baseUrl, SIGNING_SECRET, reply('U0FAY', dmChannelId('U0FAY'), checkin.ts, '4 calls, demo with Acme'));
    const confirmation = await fake.waitFor('chat.postMessage', (c) => c.args.thread_ts === checkin.ts);
    expect(confirmation.args.channel).toBe(dmChannelId('U0FAY'));
    expect(String(confirmation.args.text)).toMatch(/4 calls/);
    expect(String(confirmation.args.text)).toMatch(/Acme/);
    expect(await activityRows()).toEqual([['Fay', 'call', 4], ['Fay', 'demo', 1]]);
    expect((await app.db.select({ source: s.logEntries.source }).from(s.logEntries)).map((e) => e.source)).toEqual(['thread']);
  });

  it('a reply in a channel thread the bot did not start is not read', async () => {
    await rep(app.db, 'Fay', 'focused', [], {}, TEAM);
    await postEvent(app.baseUrl, SIGNING_SECRET, reply('U0FAY', 'C0SALES', '1700000000.999999', '4 calls, demo with Acme'));
    await sleep(300);
    expect(await activityRows()).toEqual([]);
    expect(fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('Snooze, Undo snooze, Fewer of these and More like this change only the recipient’s settings; a forwarded click is refused', async () => {
    const gus = await rep(app.db, 'Gus', 'guided', [['call', 'week', 12]], {}, TEAM);
    await rep(app.db, 'Other', 'guided', [], {}, TEAM);
    await log(app.db, gus, 'call', 3, '2026-11-30T11:00');
    await log(app.db, gus, 'call', 1, '2026-12-02T10:00');
    const nudge = await deliver('Gus', nudgeSource, '2026-12-02T13:05', 'nudge');
    expect(nudge.message.text).toMatch(/^You're at 4 of 12 calls this week/);

    const refused = await click('U0OTHER', buttonOf(nudge.message.blocks, 'nudge_snooze'), nudge.message);
    expect(refused.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'This message was sent to someone else — only they can change what they get.' });
    expect(await prefsOf('U0GUS')).toEqual({});
    expect(await prefsOf('U0OTHER')).toEqual({});

    const snoozed = await click('U0GUS', buttonOf(nudge.message.blocks, 'nudge_snooze'), nudge.message);
    expect(snoozed.args).toMatchObject({ replace_original: true, text: 'Snoozed: no behind-pace nudges until Wed 9 Dec, 16:31.' });
    expect(await prefsOf('U0GUS')).toEqual({ nudgeSnoozes: { behind_pace: '2026-12-09T21:31:00.000Z' } });
    const undone = await click('U0GUS', buttonOf(snoozed.args.blocks, 'nudge_undo'), { ...nudge.message, blocks: snoozed.args.blocks });
    expect(undone.args).toMatchObject({ replace_original: true, text: 'Snooze cancelled: behind-pace nudges are back on.' });
    expect(await prefsOf('U0GUS')).toEqual({ nudgeSnoozes: {} });

    const fewer = await click('U0GUS', buttonOf(nudge.message.blocks, 'nudge_fewer'), nudge.message);
    expect(fewer.args).toMatchObject({ replace_original: true, text: 'Done: no more behind-pace nudges.' });
    expect(JSON.stringify(fewer.args.blocks)).toContain('More like this');
    expect(await prefsOf('U0GUS')).toMatchObject({ nudgesOff: ['behind_pace'] });
    // Next Wednesday, still behind: no nudge about it.
    await planDeliveries(app.db, { now: at('2026-12-09T13:05'), workspaceId: TEAM, sources: [nudgeSource] });
    expect((await rows(app.db, 'nudge')).map((r) => r.key)).toEqual(['nudge:behind_pace:2026-W49:call']);

    const more = await click('U0GUS', buttonOf(fewer.args.blocks, 'nudge_undo'), { ...nudge.message, blocks: fewer.args.blocks });
    expect(more.args).toMatchObject({ replace_original: true, text: 'Behind-pace nudges are back on.' });
    expect(await prefsOf('U0GUS')).toMatchObject({ nudgesOff: [] });
  });

  it('Fewer check-ins turns daily into weekly, and Undo puts it back', async () => {
    await rep(app.db, 'Fay', 'focused', [], {}, TEAM);
    const checkin = await deliver('Fay', checkinSource, '2026-12-02T16:25', 'checkin');
    const fewer = await click('U0FAY', buttonOf(checkin.message.blocks, 'checkin_fewer'), checkin.message);
    expect(fewer.args).toMatchObject({ replace_original: true, text: 'Got it — from now on, weekly check-ins, at the end of your week.' });
    expect(JSON.stringify(fewer.args.blocks)).toContain('How did today go?');
    expect(await prefsOf('U0FAY')).toEqual({ checkins: 'weekly' });
    const undo = await click('U0FAY', buttonOf(fewer.args.blocks, 'checkin_undo'), { ...checkin.message, blocks: fewer.args.blocks });
    expect(undo.args).toMatchObject({ replace_original: true, text: 'Check-ins are back as before: daily check-ins.' });
    expect(await prefsOf('U0FAY')).toEqual({ checkins: 'auto' });
  });
});
