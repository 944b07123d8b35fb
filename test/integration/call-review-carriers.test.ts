import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertActivities } from '../../db/repositories/activities';
import { insertCallReview } from '../../db/repositories/call-reviews';
import { findPersonById, setManager, setPreferences, type TPersonRow } from '../../db/repositories/people';
import type { TTier } from '../../src/domain/coaching/tiers';
import type { TActivityType } from '../../src/domain/types';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import type { TDeliveryPort } from '../../src/services/deliveries/port';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import { checkinSource } from '../../src/services/deliveries/sources/checkin-source';
import { digestSource } from '../../src/services/deliveries/sources/digest-source';
import { nudgeSource } from '../../src/services/deliveries/sources/nudge-source';
import { reviewSource } from '../../src/services/deliveries/sources/review-source';
import type { TPlanSource } from '../../src/services/deliveries/types';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { addPerson } from '../support/db';
import { addExpectation, clearTables, countRows, deliveryRows, placeTier, recordSent, type TDeliveryRow } from '../support/deliveries';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, messageButtonClick, viewSubmission, type TButton } from '../support/interactions';
import { postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

/*
 * A review DM held back (the budget, a pause) is carried by the next message the rep gets anyway — their next
 * check-in or weekly digest, whichever is sent first — and by that one only; a review answering the rep's own request
 * is outside the budget; a late planner run never judges a review "outside hours". Real planner, real sender, real
 * SQLite, fake Slack over HTTP. Weeks under test: Mon 30 Nov – Sun 13 Dec 2026, London.
 */

const TEAM = FAKE_TEAM.teamId;
const LONDON = 'Europe/London';
const at = (local: string) => DateTime.fromISO(local, { zone: LONDON }).toJSDate();
const COMPUTED = at('2026-11-23T06:00');

type TRow = TDeliveryRow;

let fake: TFakeSlack;
let app: TTestApp;
let slack: TDeliveryPort;
let now = at('2026-12-01T09:00');

beforeAll(async () => {
  fake = await startFakeSlack({ users: ['Ava', 'Dana', 'Gus', 'Hal', 'Olga'].map((n) => ({ id: `U0${n.toUpperCase()}`, name: n.toLowerCase(), real_name: n, tz: LONDON })) });
  app = await startTestApp({ fake, now: () => now });
  slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});
beforeEach(async () => {
  fake.reset();
  await clearTables(app.db, ['callReviewComments', 'callReviews', 'deliveries', 'activities', 'logEntries', 'expectations', 'tierSnapshots', 'deals', 'people']);
});

const rows = (kind?: string): Promise<TRow[]> => deliveryRows(app.db, kind);

async function person(name: string, tier: TTier | null, expectations: [TActivityType, 'day' | 'week', number][] = []): Promise<TPersonRow> {
  const row = await addPerson(app.db, TEAM, `U0${name.toUpperCase()}`, { name, tz: LONDON });
  if (tier) {
    await placeTier(app.db, TEAM, row.id, tier, COMPUTED);
  }
  for (const [type, per, amount] of expectations) {
    await addExpectation(app.db, TEAM, row.id, type, per, amount, COMPUTED);
  }
  return (await findPersonById(app.db, row.id))!;
}

async function team(name: string, tier: TTier | null, expectations: [TActivityType, 'day' | 'week', number][] = []): Promise<{ ava: TPersonRow; rep: TPersonRow }> {
  const avaId = (await app.db.select({ id: s.people.id }).from(s.people).where(eq(s.people.slackUserId, 'U0AVA')))[0]?.id;
  const ava = avaId !== undefined ? (await findPersonById(app.db, avaId))! : await person('Ava', null);
  const rep = await person(name, tier, expectations);
  await setManager(app.db, rep.id, ava.id);
  return { ava, rep: (await findPersonById(app.db, rep.id))! };
}

function shareReview(rep: TPersonRow, reviewer: TPersonRow, sharedAt: Date, requested = false) {
  return insertCallReview(app.db, {
    workspaceId: TEAM,
    repId: rep.id,
    reviewerId: reviewer.id,
    url: 'https://app.gong.io/call?id=12',
    callStage: 'discovery',
    status: 'shared',
    wentWell: 'You let the buyer talk.',
    oneThing: 'Agree the next step before hanging up.',
    oneThingStage: 'discovery',
    ...(requested ? { requestedAt: new Date(sharedAt.getTime() - 86_400_000), requestNote: 'the Acme call' } : {}),
    sharedAt,
    createdAt: sharedAt,
  });
}

/** A delivery that went out, as the sender records it. */
function sentBefore(rep: TPersonRow, kind: string, periodKey: string, when: Date): Promise<void> {
  return recordSent(app.db, TEAM, rep.id, kind, periodKey, when);
}

function plan(when: Date, sources: readonly TPlanSource[]) {
  now = when;
  return planDeliveries(app.db, { now: when, workspaceId: TEAM, sources });
}

/** Plans `source` at `planAt` and sends what it created for the rep at `sendAt`: the reviews the message carries, and its text. */
async function planAndSend(source: TPlanSource, planAt: Date, sendAt: Date, rep: string) {
  // The planner looks a day back too: earlier instants come out skipped as too late.
  const created = (await plan(planAt, [source])).created.filter((c) => c.recipientName === rep && c.status === 'pending');
  expect(created).toHaveLength(1);
  now = sendAt;
  const result = await sendDelivery(app.db, slack, created[0]!.deliveryId, sendAt);
  expect(result.outcome).toBe('sent');
  const call = fake.callsTo('chat.postMessage').find((c) => (c.args.metadata as { event_payload?: { delivery_id?: number } } | undefined)?.event_payload?.delivery_id === created[0]!.deliveryId)!;
  const carried = (call.args.blocks as { block_id?: string }[]).flatMap((b) => (b.block_id?.startsWith('review_tried_state:') ? [Number(b.block_id.split(':')[1])] : []));
  return { carried, text: String(call.args.text), blocks: JSON.stringify(call.args.blocks), args: call.args };
}

const HELD = /; it comes with their (check-in|weekly digest) at \w{3} \d+ \w{3}, \d\d:\d\d \(their time\) instead$/;

describe('a held-back review rides the next carrier, once', () => {
  it('focused: held by the one-a-day budget, carried by the next day’s check-in, not by the ones after nor the digest', async () => {
    const { ava, rep: dana } = await team('Dana', 'focused');
    await sentBefore(dana, 'digest', '2026-W49', at('2026-11-30T09:00'));
    // Tuesday's check-in went out; the review comes after it.
    const tue = await planAndSend(checkinSource, at('2026-12-01T16:25'), at('2026-12-01T16:30'), 'Dana');
    expect(tue.carried).toEqual([]);
    const review = await shareReview(dana, ava, at('2026-12-01T17:00'));
    await plan(at('2026-12-01T17:01'), [reviewSource]);
    const [held] = await rows('review');
    expect(held).toMatchObject({ status: 'suppressed', subjectId: review.id });
    expect(held!.reason).toMatch(/^held back: Dana already has 1 of 1 messages today \(focused budget/);
    expect(held!.reason).toMatch(HELD);
    expect(held!.reason).toMatch(/; it comes with their check-in at Wed 2 Dec, 16:30 \(their time\) instead$/);

    const wed = await planAndSend(checkinSource, at('2026-12-02T16:25'), at('2026-12-02T16:30'), 'Dana');
    expect(wed.carried).toEqual([review.id]);
    expect(wed.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(wed.blocks).toContain("*A call review for you*\\nHere rather than in a message of its own, to keep Canopy's messages to you few.");
    expect(wed.blocks).toContain('"action_id":"review_ask","text":{"type":"plain_text","text":"Ask Ava a question"');
    expect(wed.blocks).not.toContain('at your next 1:1 or in Slack');
    expect(wed.blocks).not.toContain("I'll pass them to");
    expect(wed.text).toContain('A call review for you is inside.');

    const thu = await planAndSend(checkinSource, at('2026-12-03T16:25'), at('2026-12-03T16:30'), 'Dana');
    expect(thu.carried).toEqual([]);
    expect(thu.text).not.toContain('call review');
    const digest = await planAndSend(digestSource, at('2026-12-07T08:55'), at('2026-12-07T09:00'), 'Dana');
    expect(digest.carried).toEqual([]);
  });

  it('weekly: a review held mid-week rides Friday’s check-in; one held after it rides Monday’s digest', async () => {
    const { ava, rep: gus } = await team('Gus', 'guided');
    // The digest and a nudge went out; the weekly check-in is ahead: 3 of the guided 3.
    await sentBefore(gus, 'digest', '2026-W49', at('2026-11-30T09:00'));
    await sentBefore(gus, 'nudge', 'nudge:stalled_deal:2026-12-01:deal-1', at('2026-12-01T11:00'));
    const early = await shareReview(gus, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'), [reviewSource]);
    const friday = await planAndSend(checkinSource, at('2026-12-04T16:25'), at('2026-12-04T16:30'), 'Gus');
    expect(friday.carried).toEqual([early.id]);
    expect(friday.blocks).toContain('How did this week go?');

    const late = await shareReview(gus, ava, at('2026-12-04T17:00'));
    await plan(at('2026-12-04T17:01'), [reviewSource]);
    expect((await rows('review')).map((r) => [r.subjectId, r.status])).toEqual([
      [early.id, 'suppressed'],
      [late.id, 'suppressed'],
    ]);
    const digest = await planAndSend(digestSource, at('2026-12-07T08:55'), at('2026-12-07T09:00'), 'Gus');
    expect(digest.carried).toEqual([late.id]);
    expect(digest.text).toMatch(/\. A call review for you is inside\.$/);
  });

  it('paused 12 days: nothing recorded meanwhile; Monday 09:00 is the digest, which brings it (no second message)', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    await sentBefore(dana, 'digest', '2026-W49', at('2026-11-30T09:00'));
    await setPreferences(app.db, dana.id, { pausedUntil: DateTime.fromJSDate(at('2026-12-13T12:00')).toUTC().toISO() });
    const review = await shareReview(dana, ava, at('2026-12-01T11:00'));
    // Asked run after run while paused: not proposed, nothing recorded (a pause passes; no final "suppressed").
    for (const when of ['2026-12-01T11:01', '2026-12-04T16:25', '2026-12-07T08:55', '2026-12-11T12:00']) await plan(at(when), [reviewSource]);
    expect(await rows('review')).toEqual([]);
    await plan(at('2026-12-04T16:25'), [checkinSource]);
    await plan(at('2026-12-07T08:55'), [digestSource]);
    const created = (await plan(at('2026-12-14T08:55'), [reviewSource, digestSource])).created.filter((c) => c.recipientName === 'Dana');
    expect(created.map((c) => [c.kind, c.status])).toEqual([
      ['review', 'suppressed'],
      ['digest', 'pending'],
    ]);
    expect((await rows('review'))[0]!.reason).toBe("held back: due within the hour before Dana's weekly digest; it comes with their weekly digest at Mon 14 Dec, 09:00 (their time) instead");
    now = at('2026-12-14T09:00');
    expect((await sendDelivery(app.db, slack, created[1]!.deliveryId, now)).outcome).toBe('sent');
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain(`review_tried_state:${review.id}`);
  });
});

describe('a pause, an away status, a holiday pass: the DM waits for the rep', () => {
  it('paused 20 days from the day it was shared: the DM goes in working hours once the pause ends, mid-morning', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    await setPreferences(app.db, dana.id, { pausedUntil: DateTime.fromJSDate(at('2026-12-21T10:40')).toUTC().toISO() });
    const review = await shareReview(dana, ava, at('2026-12-01T11:00'));
    expect((await plan(at('2026-12-01T11:01'), [reviewSource])).created).toEqual([]);
    expect((await plan(at('2026-12-21T10:35'), [reviewSource])).created).toEqual([]);
    // 20 days on: still found (the lookback is the carriers' 30 days), and sent as a DM now the pause is over.
    expect((await plan(at('2026-12-21T10:45'), [reviewSource])).created.map((c) => [c.kind, c.status])).toEqual([['review', 'pending']]);
    expect((await rows('review')).map((r) => r.subjectId)).toEqual([review.id]);
  });

  it('asked for, and the rep went away: waits too, then a DM', async () => {
    const { ava, rep: dana } = await team('Dana', 'autonomous');
    await app.db.update(s.people).set({ statusEmoji: ':palm_tree:', statusText: 'Vacation' }).where(eq(s.people.id, dana.id));
    await shareReview(dana, ava, at('2026-12-02T11:00'), true);
    expect((await plan(at('2026-12-02T11:01'), [reviewSource])).created).toEqual([]);
    expect((await plan(at('2026-12-03T11:01'), [reviewSource])).created).toEqual([]);
    await app.db.update(s.people).set({ statusEmoji: '', statusText: '' }).where(eq(s.people.id, dana.id));
    const back = (await plan(at('2026-12-03T11:06'), [reviewSource])).created;
    expect(back.map((c) => [c.kind, c.status, c.reason])).toEqual([['review', 'pending', 'sent: a call review for Dana; Dana asked for this review, so it is not counted in their messages']]);
  });

  it('a public holiday: waits for the next working day, then a DM', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    await setPreferences(app.db, dana.id, { holidayCountry: 'GB' });
    // Christmas Day 2026 is a Friday; Boxing Day a Saturday (28 Dec the substitute day).
    await shareReview(dana, ava, at('2026-12-25T11:00'));
    expect((await plan(at('2026-12-25T11:01'), [reviewSource])).created).toEqual([]);
    expect((await plan(at('2026-12-28T10:00'), [reviewSource])).created).toEqual([]);
    const after = (await plan(at('2026-12-29T08:50'), [reviewSource])).created;
    expect(after.map((c) => [c.kind, c.status, c.dueAt.toISOString()])).toEqual([['review', 'pending', at('2026-12-29T09:00').toISOString()]]);
  });
});

describe('the carrier due within the hour brings the review', () => {
  it('shared on Saturday: not a DM at Monday 09:00 beside the digest, but inside it', async () => {
    const { ava, rep: gus } = await team('Gus', 'guided');
    const review = await shareReview(gus, ava, at('2026-12-05T11:00'));
    expect((await plan(at('2026-12-05T11:01'), [reviewSource])).created).toEqual([]);
    const created = (await plan(at('2026-12-07T08:50'), [reviewSource, digestSource])).created.filter((c) => c.recipientName === 'Gus');
    expect(created.map((c) => [c.kind, c.status, c.dueAt.toISOString()])).toEqual([
      ['review', 'suppressed', at('2026-12-07T09:00').toISOString()],
      ['digest', 'pending', at('2026-12-07T09:00').toISOString()],
    ]);
    expect((await rows('review'))[0]!.reason).toBe("held back: due within the hour before Gus's weekly digest; it comes with their weekly digest at Mon 7 Dec, 09:00 (their time) instead");
    // Sent on the dot: the review held for this very instant rides it.
    now = at('2026-12-07T09:00');
    expect((await sendDelivery(app.db, slack, created[1]!.deliveryId, now)).outcome).toBe('sent');
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain(`review_tried_state:${review.id}`);
  });

  it('focused, shared 15:45: today’s 16:30 check-in brings it; shared 15:20 it goes as a DM', async () => {
    const { ava, rep: dana } = await team('Dana', 'focused');
    const { rep: hal } = await team('Hal', 'focused');
    await sentBefore(dana, 'digest', '2026-W49', at('2026-11-30T09:00'));
    await sentBefore(hal, 'digest', '2026-W49', at('2026-11-30T09:00'));
    await shareReview(hal, ava, at('2026-12-02T15:20'), true);
    await plan(at('2026-12-02T15:21'), [reviewSource]);
    await shareReview(dana, ava, at('2026-12-02T15:45'), true);
    await plan(at('2026-12-02T15:46'), [reviewSource]);
    expect((await rows('review')).map((r) => [r.recipient, r.status, r.reason])).toEqual([
      ['Hal', 'pending', expect.stringMatching(/asked for this review/)],
      ['Dana', 'suppressed', "held back: due within the hour before Dana's check-in; it comes with their check-in at Wed 2 Dec, 16:30 (their time) instead"],
    ]);
    const checkin = await planAndSend(checkinSource, at('2026-12-02T16:25'), at('2026-12-02T16:30'), 'Dana');
    expect(checkin.carried).toEqual([(await rows('review')).find((r) => r.recipient === 'Dana')!.subjectId]);
  });
});

describe('a review the rep asked for is theirs', () => {
  it('sent as a DM though the budget is spent (autonomous: the digest only), saying why', async () => {
    const { ava, rep: dana } = await team('Dana', 'autonomous');
    const asked = await shareReview(dana, ava, at('2026-12-02T11:00'), true);
    const unasked = await shareReview(dana, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'), [reviewSource]);
    expect((await rows('review')).map((r) => [r.subjectId, r.status, r.reason])).toEqual([
      [asked.id, 'pending', 'sent: a call review for Dana; Dana asked for this review, so it is not counted in their messages'],
      [unasked.id, 'suppressed', expect.stringMatching(/^held back: Dana gets no messages besides the weekly digest \(autonomous budget.*\); it comes with their weekly digest at Mon 7 Dec, 09:00 \(their time\) instead$/)],
    ]);
    now = at('2026-12-02T11:02');
    expect((await sendDelivery(app.db, slack, (await rows('review'))[0]!.id, now)).outcome).toBe('sent');
    expect(JSON.stringify(fake.callsTo('chat.postMessage')[0]!.args.blocks)).toContain("you asked for a review of this call, so it doesn't count toward your messages");
  });

  it('not counted: a behind-pace nudge later that week still goes, while an unrequested review DM uses the room', async () => {
    const { ava, rep: gus } = await team('Gus', 'guided', [['call', 'week', 12]]);
    const { rep: hal } = await team('Hal', 'guided', [['call', 'week', 12]]);
    for (const rep of [gus, hal]) {
      await sentBefore(rep, 'digest', '2026-W49', at('2026-11-30T09:00'));
      await insertActivities(app.db, [
        { workspaceId: TEAM, repId: rep.id, type: 'call', count: 3, occurredAt: at('2026-11-30T11:00'), dealId: null, stage: null, logEntryId: null },
        { workspaceId: TEAM, repId: rep.id, type: 'call', count: 1, occurredAt: at('2026-12-02T10:00'), dealId: null, stage: null, logEntryId: null },
      ]);
    }
    await shareReview(gus, ava, at('2026-12-01T11:00'), true);
    await shareReview(hal, ava, at('2026-12-01T11:00'));
    await plan(at('2026-12-01T11:01'), [reviewSource]);
    for (const row of await rows('review')) {
      now = at('2026-12-01T11:02');
      expect((await sendDelivery(app.db, slack, row.id, now)).outcome).toBe('sent');
    }
    await plan(at('2026-12-02T13:05'), [nudgeSource]);
    expect((await rows('nudge')).map((r) => [r.recipient, r.status, r.reason])).toEqual([
      ['Gus', 'pending', expect.stringMatching(/Gus has 2 of 3 messages this week besides this one/)],
      ['Hal', 'suppressed', expect.stringMatching(/^held back: Hal has 3 of 3 messages this week, counting the check-in still to come \(guided budget/)],
    ]);
  });
});

describe('planning the DM', () => {
  it('a late run (shared 17:58, planned 18:01) waits for the next morning instead of being held as "outside hours"', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    await shareReview(dana, ava, at('2026-12-02T17:58'));
    expect((await plan(at('2026-12-02T18:01'), [reviewSource])).created).toEqual([]);
    expect((await plan(at('2026-12-03T06:00'), [reviewSource])).created).toEqual([]);
    const morning = await plan(at('2026-12-03T08:50'), [reviewSource]);
    expect(morning.created.map((c) => [c.status, c.dueAt.toISOString()])).toEqual([['pending', at('2026-12-03T09:00').toISOString()]]);
  });

  it('the reason names the rep, never the reviewer (it outlives them)', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    await shareReview(dana, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'), [reviewSource]);
    const [row] = await rows('review');
    expect(row!.reason).toMatch(/^sent: a call review for Dana; /);
    expect(row!.reason).not.toContain('Ava');
  });
});

describe('"Ask … a question" on a carried review and on the Home tab (real HTTP: click, form, relay, answer as a DM)', () => {
  const ASK = 'review_ask';
  const c = s.callReviewComments;
  const comments = () =>
    app.db.select({ authorId: c.authorId, text: c.text, sourceRef: c.sourceRef, relayChannel: c.relayChannel, relayTs: c.relayTs }).from(c).orderBy(c.id);
  const question = (text: string) => ({ review_ask_question: { value: { type: 'plain_text_input', value: text } } });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let seq = 0;

  /** Dana (focused) with a review held by her budget and carried by Wednesday's check-in; Gus, another of Ava's reps. */
  async function carried() {
    const { ava, rep: dana } = await team('Dana', 'focused');
    const gus = await person('Gus', 'guided');
    await setManager(app.db, gus.id, ava.id);
    await sentBefore(dana, 'digest', '2026-W49', at('2026-11-30T09:00'));
    await planAndSend(checkinSource, at('2026-12-01T16:25'), at('2026-12-01T16:30'), 'Dana');
    const review = await shareReview(dana, ava, at('2026-12-01T17:00'));
    await plan(at('2026-12-01T17:01'), [reviewSource]);
    const wed = await planAndSend(checkinSource, at('2026-12-02T16:25'), at('2026-12-02T16:30'), 'Dana');
    expect(wed.carried).toEqual([review.id]);
    const message = { ts: '1764692000.000100', blocks: wed.args.blocks, text: wed.text };
    const button = buttonsIn(wed.args.blocks).find((b) => b.action_id === ASK)!;
    expect(button).toMatchObject({ value: String(review.id), text: { text: 'Ask Ava a question' } });
    return { ava, dana, gus, review, message, button };
  }

  async function clickInMessage(user: string, button: TButton, message: { ts: string; blocks: unknown; text: string }) {
    const mark = fake.calls.length;
    const click = messageButtonClick(user, button, message, fake.responseUrl(`ask${++seq}`));
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, click)).status).toBe(200);
    return { trigger: click.trigger_id, target: `ask${seq}`, mark };
  }

  async function submit(user: string, form: Record<string, unknown>, text: string) {
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(user, form, question(text)));
    expect(res.status).toBe(200);
    return res.json as { response_action: string; view?: { blocks: unknown[] }; errors?: Record<string, string> };
  }

  it('from a check-in: the form opens, the question reaches Ava (once, however often it is submitted), her answer reaches Dana as a DM; nothing is logged', async () => {
    const { dana, review, message, button } = await carried();
    fake.reset();
    const { trigger } = await clickInMessage('U0DANA', button, message);
    const form = (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as Record<string, unknown> & { blocks: unknown[] };
    expect(form).toMatchObject({ callback_id: 'review_ask_form', private_metadata: JSON.stringify({ reviewId: review.id }) });
    const input = (form.blocks as { type: string; element?: Record<string, unknown> }[]).find((b) => b.type === 'input')!;
    expect(input.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 1_500 });
    expect(JSON.stringify(form.blocks)).toContain('It goes to <@U0AVA>; their answer comes to you as a DM from me.');

    // The same submission twice (Slack retrying): kept once, relayed once, both answered as sent.
    const payload = viewSubmission('U0DANA', { ...form, id: 'V0ASK0001' }, question('On the same call? <!channel>'));
    const first = (await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).json as { response_action: string; view: { blocks: unknown[] } };
    expect(first.response_action).toBe('update');
    expect(JSON.stringify(first.view.blocks)).toContain('Sent to <@U0AVA>. Their answer will come to you as a DM from me.');
    const again = (await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).json as { response_action: string; view: { blocks: unknown[] } };
    expect(JSON.stringify(again.view.blocks)).toContain('Your question was sent already.');
    const relayed = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0AVA');
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(relayed[0]!.args.text)).toContain('<@U0DANA> asked about your review of <https://app.gong.io/call?id=12|');
    expect(String(relayed[0]!.args.text)).toContain('“On the same call? &lt;!channel&gt;”');
    expect(String(relayed[0]!.args.text)).toContain("Reply in this thread and I'll pass it on.");
    const [kept] = await comments();
    expect(await comments()).toHaveLength(1);
    expect(kept).toMatchObject({ authorId: dana.id, text: 'On the same call? <!channel>', sourceRef: 'view:V0ASK0001', relayChannel: 'D0AVA' });

    // Ava answers in the relayed question's thread: the review had no DM thread, so Dana gets a DM of its own.
    fake.reset();
    const deliveriesBefore = (await rows()).length;
    const ts = '1764693000.000100';
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvAsk01', event: { user: 'U0AVA', channel: 'D0AVA', text: 'Yes — before you hang up.', ts, event_ts: ts, thread_ts: kept!.relayTs! } }));
    const answer = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DANA');
    expect(answer.args.thread_ts).toBeUndefined();
    expect(answer.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(answer.args.text)).toMatch(/^<@U0AVA> answered your question about <https:\/\/app\.gong\.io\/call\?id=12\|gong\.io call, Tue 1 Dec>:\n“Yes — before you hang up\.”/);
    const told = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0AVA' && c.args.thread_ts === kept!.relayTs);
    expect(String(told.args.text)).toContain('Sent to <@U0DANA>.');
    // Solicited: no delivery row (nothing counted in Dana's budget), and nothing logged as activity.
    expect(await rows()).toHaveLength(deliveriesBefore);
    expect(await countRows(app.db, 'activities')).toBe(0);
    expect((await comments()).map((c) => c.text)).toEqual(['On the same call? <!channel>', 'Yes — before you hang up.']);

    // Ava edits her answer: the DM copy follows, still saying what it answers.
    fake.reset();
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvAsk02', event: { type: 'message', subtype: 'message_changed', channel: 'D0AVA', hidden: true, ts: '1764693100.000100', event_ts: '1764693100.000100', message: { type: 'message', user: 'U0AVA', text: 'Yes — before you hang up, every time.', ts, thread_ts: kept!.relayTs! }, previous_message: { type: 'message', user: 'U0AVA', text: 'Yes — before you hang up.', ts, thread_ts: kept!.relayTs! } } }));
    const updated = await fake.waitFor('chat.update', (c) => c.args.channel === 'D0DANA');
    expect(String(updated.args.text)).toContain('<@U0AVA> answered your question about <https://app.gong.io/call?id=12|gong.io call, Tue 1 Dec>:\n“Yes — before you hang up, every time.”');
  });

  it('Dana moved to Olga’s team: her carried card, her Home tab and a new review DM all name Olga, who gets the question', async () => {
    const { ava, rep: dana } = await team('Dana', 'focused');
    const olga = await person('Olga', null);
    await sentBefore(dana, 'digest', '2026-W49', at('2026-11-30T09:00'));
    await planAndSend(checkinSource, at('2026-12-01T16:25'), at('2026-12-01T16:30'), 'Dana');
    const held = await shareReview(dana, ava, at('2026-12-01T17:00'));
    await plan(at('2026-12-01T17:01'), [reviewSource]);
    await setManager(app.db, dana.id, olga.id);

    // The check-in carrying Ava's review: its button names Olga, to whom the question now goes.
    const wed = await planAndSend(checkinSource, at('2026-12-02T16:25'), at('2026-12-02T16:30'), 'Dana');
    expect(wed.carried).toEqual([held.id]);
    expect(buttonsIn(wed.args.blocks).find((b) => b.action_id === ASK)).toMatchObject({ value: String(held.id), text: { text: 'Ask Olga a question' } });
    expect(wed.blocks).not.toContain('Ask Ava');

    // The Home tab the same; the form it opens says Olga too.
    fake.reset();
    const mark = fake.calls.length;
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: 'EvAskMoved1', event: { user: 'U0DANA', tab: 'home' } }));
    const tab = (await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0DANA' && fake.calls.indexOf(c) >= mark)).args.view as { blocks: unknown[] };
    const button = buttonsIn(tab.blocks).find((b) => b.action_id === ASK && b.value === String(held.id))!;
    expect(button).toMatchObject({ text: { text: 'Ask Olga a question' } });
    expect(JSON.stringify(tab.blocks)).not.toContain('Ask Ava');
    const { trigger } = await clickInMessage('U0DANA', button, { ts: '1764692000.000200', blocks: tab.blocks, text: '' });
    const form = (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as { blocks: unknown[] };
    expect(JSON.stringify(form.blocks)).toContain('It goes to <@U0OLGA>');

    // A review Dana had asked Ava for (solicited: a DM of its own), DM'd after the move: "I'll pass them to Olga".
    fake.reset();
    const later = await shareReview(dana, ava, at('2026-12-03T10:00'), true);
    const created = (await plan(at('2026-12-03T10:01'), [reviewSource])).created.filter((c) => c.recipientName === 'Dana' && c.status === 'pending');
    expect(created).toHaveLength(1);
    now = at('2026-12-03T10:05');
    expect((await sendDelivery(app.db, slack, created[0]!.deliveryId, now)).outcome).toBe('sent');
    const dm = fake.callsTo('chat.postMessage').find((c) => (c.args.metadata as { event_payload?: { delivery_id?: number } }).event_payload?.delivery_id === created[0]!.deliveryId)!;
    const dmText = JSON.stringify(dm.args.blocks);
    expect(dmText).toContain(`review_tried_state:${later.id}`);
    expect(dmText).toContain("Questions? Reply in this thread and I'll pass them to Olga.");
    expect(dmText).toContain('*Ava reviewed your*');
  });

  it('Dana replies in the thread of the answer DM: a new question about the same review, passed to Ava and answered there; nothing is logged', async () => {
    const { dana, review, message, button } = await carried();
    const { trigger } = await clickInMessage('U0DANA', button, message);
    const form = (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as Record<string, unknown>;
    await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission('U0DANA', { ...form, id: 'V0ASK0009' }, question('Before or after the demo?')));
    const [asked] = await comments();
    const ts = '1764693000.000200';
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvAskDm1', event: { user: 'U0AVA', channel: 'D0AVA', text: 'Before.', ts, event_ts: ts, thread_ts: asked!.relayTs! } }));
    const answerDm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DANA' && String(c.args.text).includes('answered your question'));
    expect(String(answerDm.args.text)).toContain('To ask more, reply in this thread.');
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0AVA' && c.args.thread_ts === asked!.relayTs && String(c.args.text).startsWith('Sent to'));
    const answerTs = (await comments())[1]!.relayTs!;
    expect(answerTs).toMatch(/^\d+\.\d+$/);

    // Dana replies under the answer DM: relayed to Ava as a question, Dana told in that thread; not activity.
    fake.reset();
    const replyTs = '1764693100.000300';
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvAskDm2', event: { user: 'U0DANA', channel: 'D0DANA', text: 'thanks, 2 calls tomorrow', ts: replyTs, event_ts: replyTs, thread_ts: answerTs } }));
    const relayed = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0AVA' && c.args.thread_ts === undefined);
    expect(String(relayed.args.text)).toContain('<@U0DANA> asked about your review of <https://app.gong.io/call?id=12|gong.io call, Tue 1 Dec>:\n“thanks, 2 calls tomorrow”');
    const told = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DANA' && c.args.thread_ts === answerTs);
    // The review has no DM thread (it was carried): the answer will be a DM of its own, and Dana is told so.
    expect(String(told.args.text)).toBe('Sent to <@U0AVA>. Their answer will come to you as a DM from me.');
    expect((await comments()).at(-1)).toMatchObject({ authorId: dana.id, text: 'thanks, 2 calls tomorrow', sourceRef: `D0DANA:${replyTs}`, relayChannel: 'D0AVA' });
    await sleep(200);
    expect(await countRows(app.db, 'activities')).toBe(0);
    expect(await countRows(app.db, 'logEntries')).toBe(0);

    // Ava answers that one too: it comes back as a DM of its own, which Dana can reply under again.
    fake.reset();
    const againTs = '1764693200.000400';
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvAskDm3', event: { user: 'U0AVA', channel: 'D0AVA', text: 'Good plan.', ts: againTs, event_ts: againTs, thread_ts: (await comments()).at(-1)!.relayTs! } }));
    const back = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DANA');
    expect(back.args.thread_ts).toBeUndefined();
    expect(String(back.args.text)).toContain('Good plan.');
    expect(String(back.args.text)).toContain('To ask more, reply in this thread.');
    expect((await comments()).map((c) => c.text)).toEqual(['Before or after the demo?', 'Before.', 'thanks, 2 calls tomorrow', 'Good plan.']);
    expect(review.status).toBe('shared');
  });

  it('a peer clicking the button on Dana’s card is refused politely, and no form opens', async () => {
    const { message, button } = await carried();
    fake.reset();
    const { target, trigger } = await clickInMessage('U0GUS', button, message);
    const note = await fake.waitFor('response_url', (c) => c.target === target);
    expect(note.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(note.args.text)).toMatch(/^Only the person whose call was reviewed can ask about this review here/);
    await sleep(200);
    expect(fake.callsTo('views.open').filter((c) => c.args.trigger_id === trigger)).toEqual([]);
    // A forged submission of the form by the peer is refused too, and nothing is kept or relayed.
    const forged = await submit('U0GUS', { callback_id: 'review_ask_form', private_metadata: JSON.stringify({ reviewId: Number(button.value) }), blocks: [] }, 'what did Dana get?');
    expect(forged).toMatchObject({ response_action: 'errors' });
    expect(await comments()).toEqual([]);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0AVA')).toEqual([]);
  });

  it('from the Home tab: the form opens there, the question is relayed; a peer clicking gets a note in a small modal', async () => {
    const { dana, review } = await carried();
    fake.reset();
    const mark = fake.calls.length;
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: 'EvAskHome1', event: { user: 'U0DANA', tab: 'home' } }));
    const tab = (await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0DANA' && fake.calls.indexOf(c) >= mark)).args.view as { blocks: unknown[] };
    const button = buttonsIn(tab.blocks).find((b) => b.action_id === ASK && b.value === String(review.id))!;
    expect(button).toMatchObject({ text: { text: 'Ask Ava a question' } });
    const homeClick = (user: string) => ({
      ...messageButtonClick(user, button, { ts: '0', blocks: [], text: '' }, ''),
      container: { type: 'view', view_id: 'V0HOME01' },
      channel: undefined,
      message: undefined,
      response_url: undefined,
      view: { id: 'V0HOME01', team_id: TEAM, type: 'home', blocks: tab.blocks, private_metadata: '', callback_id: '', state: { values: {} }, hash: '1700000000.home' },
    });
    const mine = homeClick('U0DANA');
    await postInteraction(app.baseUrl, SIGNING_SECRET, mine);
    const form = (await fake.waitFor('views.open', (c) => c.args.trigger_id === mine.trigger_id)).args.view as Record<string, unknown>;
    expect(form.callback_id).toBe('review_ask_form');
    const done = await submit('U0DANA', form, 'Which call should I compare with?');
    expect(JSON.stringify(done.view?.blocks)).toContain('Sent to <@U0AVA>.');
    expect(await comments()).toEqual([expect.objectContaining({ authorId: dana.id, text: 'Which call should I compare with?', relayChannel: 'D0AVA' })]);

    const theirs = homeClick('U0GUS');
    await postInteraction(app.baseUrl, SIGNING_SECRET, theirs);
    const refused = (await fake.waitFor('views.open', (c) => c.args.trigger_id === theirs.trigger_id)).args.view as { blocks: unknown[]; callback_id?: string };
    expect(refused.callback_id).not.toBe('review_ask_form');
    expect(JSON.stringify(refused.blocks)).toContain('Only the person whose call was reviewed can ask about this review here');
  });
});
