import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { insertCallReview } from '../../db/repositories/call-reviews';
import { insertActivities } from '../../db/repositories/activities';
import { createDeal } from '../../db/repositories/deals';
import { findPersonById, setManager, type TPersonRow } from '../../db/repositories/people';
import type { TTier } from '../../src/domain/coaching/tiers';
import type { TActivityType } from '../../src/domain/types';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { digestSource } from '../../src/services/deliveries/sources/digest-source';
import { nudgeSource } from '../../src/services/deliveries/sources/nudge-source';
import { reviewSource } from '../../src/services/deliveries/sources/review-source';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import type { TDeliveryPort } from '../../src/services/deliveries/port';
import type { TPlanSource } from '../../src/services/deliveries/types';
import { reviewTriedBlock, reviewTriedBlockId } from '../../src/slack/blocks/review-tried';
import { REVIEW_IDS } from '../../src/slack/blocks/review-ids';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { addPerson } from '../support/db';
import { addExpectation, clearTables, deliveryRows, placeTier, recordSent, type TDeliveryRow } from '../support/deliveries';
import { FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick, type TButton } from '../support/interactions';
import { postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

/*
 * A call review reaching the rep: the planner's review DM (in their working hours, counted in their budget), the
 * digest that carries a held-back one, and "I tried it" over real HTTP. Week under test: Mon 30 Nov – Sun 6 Dec 2026.
 */

const TEAM = FAKE_TEAM.teamId;
const LONDON = 'Europe/London';
const NY = 'America/New_York';
const at = (local: string, zone = LONDON) => DateTime.fromISO(local, { zone }).toJSDate();
const COMPUTED = at('2026-11-23T06:00');
const URL_WITH_AMP = 'https://app.gong.io/call?id=12&t=30';

type TRow = TDeliveryRow;

let fake: TFakeSlack;
let app: TTestApp;
let slack: TDeliveryPort;
let now = at('2026-12-02T11:01');

const PEOPLE = [
  { name: 'Ava', tz: LONDON },
  { name: 'Dana', tz: LONDON },
  { name: 'Eli', tz: NY },
  { name: 'Gus', tz: LONDON },
  { name: 'Hal', tz: LONDON },
  { name: 'Una', tz: LONDON },
];

beforeAll(async () => {
  fake = await startFakeSlack({ users: PEOPLE.map((p) => ({ id: `U0${p.name.toUpperCase()}`, name: p.name.toLowerCase(), real_name: p.name, tz: p.tz })) });
  app = await startTestApp({ fake, now: () => now });
  slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});
beforeEach(async () => {
  fake.reset();
  await clearTables(app.db, ['callReviewComments', 'callReviews', 'deliveries', 'activities', 'logEntries', 'expectations', 'tierSnapshots', 'exemplars', 'deals', 'people']);
});

function rows(db: TDb, kind?: string): Promise<TRow[]> {
  return deliveryRows(db, kind);
}

async function person(name: string, tier: TTier | null, expectations: [TActivityType, 'day' | 'week', number][] = []): Promise<TPersonRow> {
  const tz = PEOPLE.find((p) => p.name === name)!.tz;
  const row = await addPerson(app.db, TEAM, `U0${name.toUpperCase()}`, { name, tz });
  if (tier) {
    await placeTier(app.db, TEAM, row.id, tier, COMPUTED);
  }
  for (const [type, per, amount] of expectations) {
    await addExpectation(app.db, TEAM, row.id, type, per, amount, COMPUTED);
  }
  return (await findPersonById(app.db, row.id))!;
}

/** Ava (the manager) and a rep of hers. */
async function team(name: string, tier: TTier | null, expectations: [TActivityType, 'day' | 'week', number][] = []): Promise<{ ava: TPersonRow; rep: TPersonRow }> {
  const avaId = (await app.db.select({ id: s.people.id }).from(s.people).where(eq(s.people.slackUserId, 'U0AVA')))[0]?.id;
  const ava = (avaId !== undefined ? await findPersonById(app.db, avaId) : undefined) ?? (await person('Ava', null));
  const rep = await person(name, tier, expectations);
  await setManager(app.db, rep.id, ava.id);
  return { ava, rep: (await findPersonById(app.db, rep.id))! };
}

function shareReview(rep: TPersonRow, reviewer: TPersonRow, sharedAt: Date, over: { dealId?: number; exemplarId?: number } = {}) {
  return insertCallReview(app.db, {
    workspaceId: TEAM,
    repId: rep.id,
    reviewerId: reviewer.id,
    url: URL_WITH_AMP,
    dealId: over.dealId ?? null,
    callStage: 'discovery',
    status: 'shared',
    wentWell: 'You let the buyer talk <!channel>.',
    oneThing: 'Agree the next step before hanging up.',
    oneThingStage: 'discovery',
    exemplarId: over.exemplarId ?? null,
    sharedAt,
    createdAt: sharedAt,
  });
}

/** A delivery that went out (the week's digest, a check-in…), as the sender records it. */
function sentBefore(rep: TPersonRow, kind: string, periodKey: string, when: Date): Promise<void> {
  return recordSent(app.db, TEAM, rep.id, kind, periodKey, when);
}

function plan(when: Date, sources: readonly TPlanSource[] = [reviewSource]) {
  now = when;
  return planDeliveries(app.db, { now: when, workspaceId: TEAM, sources });
}

async function send(id: number, when: Date) {
  now = when;
  const result = await sendDelivery(app.db, slack, id, when);
  expect(result.outcome).toBe('sent');
  const call = fake.callsTo('chat.postMessage').find((c) => (c.args.metadata as { event_payload?: { delivery_id?: number } }).event_payload?.delivery_id === id)!;
  const ts = (result as { ts: string }).ts;
  return { call, message: { ts, text: String(call.args.text), blocks: call.args.blocks } };
}

const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe('the review DM through the planner and the port', () => {
  it('shared in working hours: planned at once and sent with the review, the link escaped and never unfurled', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    const deal = await createDeal(app.db, { workspaceId: TEAM, repId: dana.id, externalId: 'acme', name: 'Acme <Corp>', stage: 'discovery', createdAt: at('2026-10-01T09:00') });
    const [{ id: exemplarId }] = (await app.db
      .insert(s.exemplars)
      .values({ workspaceId: TEAM, stage: 'discovery', title: 'Maya × Globex', url: 'https://app.gong.io/call?id=99', createdAt: new Date() })
      .returning({ id: s.exemplars.id })) as [{ id: number }];
    const review = await shareReview(dana, ava, at('2026-12-02T11:00'), { dealId: deal.id, exemplarId });

    const result = await plan(at('2026-12-02T11:01'));
    expect(result.created.map((i) => ({ kind: i.kind, status: i.status }))).toEqual([{ kind: 'review', status: 'pending' }]);
    const [row] = await rows(app.db, 'review');
    expect(row).toMatchObject({ recipient: 'Dana', key: `review:${review.id}`, subjectId: review.id, dueAt: at('2026-12-02T11:00').getTime() });
    // The weekly check-in still ahead this week keeps its place in the budget.
    expect(row!.reason).toMatch(/^sent: a call review for Dana; Dana has 1 of 3 messages this week besides this one \(guided budget/);
    // Planned once: a second run changes nothing.
    expect((await plan(at('2026-12-02T11:06'))).created).toEqual([]);

    const { call } = await send(row!.id, at('2026-12-02T11:02'));
    // The Web API client posts form-encoded: the flags arrive as strings.
    expect(call.args).toMatchObject({ channel: 'U0DANA', unfurl_links: 'false', unfurl_media: 'false' });
    const blocks = textOf(call.args.blocks);
    expect(blocks).toContain('*Ava reviewed your* <https://app.gong.io/call?id=12&amp;t=30|Acme &lt;Corp&gt; call, Wed 2 Dec> (Discovery)');
    expect(blocks).toContain('You let the buyer talk &lt;!channel&gt;.');
    expect(blocks).toContain('*One thing to work on (Discovery)*');
    expect(blocks).toContain('<https://app.gong.io/call?id=99|Maya × Globex>');
    expect(blocks).toContain("Questions? Reply in this thread and I'll pass them to Ava.");
    expect(blocks).not.toContain('<!channel>');
    expect(buttonsIn(call.args.blocks).find((b) => b.action_id === REVIEW_IDS.tried)).toMatchObject({ value: String(review.id), block_id: reviewTriedBlockId(review.id) });
    expect((await rows(app.db, 'review'))[0]!.status).toBe('sent');
  });

  it('shared at 21:00: nothing that evening, due at 09:00 the next morning in the rep’s own time', async () => {
    const { ava, rep: eli } = await team('Eli', 'guided');
    await shareReview(eli, ava, at('2026-12-02T21:00', NY));
    expect((await plan(at('2026-12-02T21:01', NY))).created).toEqual([]);
    expect((await plan(at('2026-12-03T06:00', NY))).created).toEqual([]);
    const morning = await plan(at('2026-12-03T08:50', NY));
    expect(morning.created.map((i) => [i.kind, i.status, i.dueAt.toISOString()])).toEqual([['review', 'pending', at('2026-12-03T09:00', NY).toISOString()]]);
    expect(morning.toEnqueue.map((e) => e.dueAt.toISOString())).toEqual([at('2026-12-03T09:00', NY).toISOString()]);
  });

  it('a review whose rep is deactivated is skipped with the reason; one deleted before sending is skipped at send time', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    const { rep: una } = await team('Una', 'guided');
    await app.db.update(s.people).set({ isDeleted: true }).where(eq(s.people.id, una.id));
    await shareReview(una, ava, at('2026-12-02T11:00'));
    const gone = await shareReview(dana, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'));
    expect((await rows(app.db, 'review')).map((r) => [r.recipient, r.status, r.reason])).toEqual([
      ['Dana', 'pending', expect.stringMatching(/^sent: /)],
      ['Una', 'skipped', 'skipped: Una is deactivated'],
    ]);
    await app.db.delete(s.callReviews).where(eq(s.callReviews.id, gone.id));
    const result = await sendDelivery(app.db, slack, (await rows(app.db, 'review'))[0]!.id, at('2026-12-02T11:02'));
    expect(result).toMatchObject({ outcome: 'skipped', reason: 'skipped: the call review no longer exists' });
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('the budget: a review DM counts, and a held-back one goes in the digest', () => {
  it('DM’d while there is room; the next is held back with the digest reason; the next digest carries it, not the DM’d one', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    // Monday's digest went out and the weekly check-in is still ahead: 2 of the guided 3.
    await sentBefore(dana, 'digest', '2026-W49', at('2026-11-30T09:00'));

    const first = await shareReview(dana, ava, at('2026-12-01T11:00'));
    await plan(at('2026-12-01T11:01'));
    await send((await rows(app.db, 'review'))[0]!.id, at('2026-12-01T11:02'));

    const second = await shareReview(dana, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'));
    const held = (await rows(app.db, 'review')).find((r) => r.subjectId === second.id)!;
    expect(held.status).toBe('suppressed');
    expect(held.reason).toMatch(/^held back: Dana has 3 of 3 messages this week, counting the check-in still to come \(guided budget.*\); it comes with their check-in at Fri 4 Dec, 16:30 \(their time\) instead$/);

    const digestPlan = await plan(at('2026-12-07T09:00'), [digestSource]);
    const digest = digestPlan.created.find((i) => i.kind === 'digest' && i.recipientName === 'Dana')!;
    expect(digest.status).toBe('pending');
    const { call } = await send(digest.deliveryId, at('2026-12-07T09:00'));
    expect(call.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    const ids = (call.args.blocks as { block_id?: string }[]).map((b) => b.block_id).filter((id) => id?.startsWith('review_tried_state:'));
    expect(ids).toEqual([reviewTriedBlockId(second.id)]);
    expect(textOf(call.args.blocks)).toContain('*A call review for you*');
    expect(ids).not.toContain(reviewTriedBlockId(first.id));
  });

  it('an autonomous rep’s budget is the digest alone: the review waits for it', async () => {
    const { ava, rep: dana } = await team('Dana', 'autonomous');
    await shareReview(dana, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'));
    expect((await rows(app.db, 'review')).map((r) => [r.status, r.reason])).toEqual([['suppressed', expect.stringMatching(/^held back: Dana gets no messages besides the weekly digest \(autonomous budget.*\); it comes with their weekly digest at Mon 7 Dec, 09:00 \(their time\) instead$/)]]);
  });

  it('a review DM counts: a behind-pace nudge later that week is held back by the budget, while a rep without one gets it', async () => {
    const { ava, rep: gus } = await team('Gus', 'guided', [['call', 'week', 12]]);
    const { rep: hal } = await team('Hal', 'guided', [['call', 'week', 12]]);
    for (const rep of [gus, hal]) {
      // Monday's digest went out and the weekly check-in is still ahead: 2 of the guided 3.
      await sentBefore(rep, 'digest', '2026-W49', at('2026-11-30T09:00'));
      await insertActivities(app.db, [
        { workspaceId: TEAM, repId: rep.id, type: 'call', count: 3, occurredAt: at('2026-11-30T11:00'), dealId: null, stage: null, logEntryId: null },
        { workspaceId: TEAM, repId: rep.id, type: 'call', count: 1, occurredAt: at('2026-12-02T10:00'), dealId: null, stage: null, logEntryId: null },
      ]);
    }
    await shareReview(gus, ava, at('2026-12-01T11:00'));
    await plan(at('2026-12-01T11:01'));
    await send((await rows(app.db, 'review'))[0]!.id, at('2026-12-01T11:02'));

    await plan(at('2026-12-02T13:05'), [nudgeSource]);
    const nudges = (await rows(app.db, 'nudge')).map((r) => [r.recipient, r.status, r.reason]);
    expect(nudges).toEqual([
      ['Gus', 'suppressed', expect.stringMatching(/^held back: Gus has 3 of 3 messages this week, counting the check-in still to come/)],
      ['Hal', 'pending', expect.stringMatching(/^sent: /)],
    ]);
  });
});

describe('"I tried it" over real HTTP', () => {
  let n = 0;
  async function click(user: string, button: TButton, message: { ts: string; text: string; blocks: unknown }) {
    const target = `r${++n}`;
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick(user, button, message, fake.responseUrl(target)));
    expect(res.status).toBe(200);
    return target;
  }
  const triedAt = async (id: number) => (await app.db.select({ triedAt: s.callReviews.triedAt }).from(s.callReviews).where(eq(s.callReviews.id, id)))[0]?.triedAt?.getTime() ?? null;

  async function deliveredReview() {
    const { ava, rep: dana } = await team('Dana', 'guided');
    const review = await shareReview(dana, ava, at('2026-12-02T11:00'));
    await plan(at('2026-12-02T11:01'));
    const { message } = await send((await rows(app.db, 'review'))[0]!.id, at('2026-12-02T11:02'));
    return { review, message };
  }

  it('on the DM: marks it and re-renders the message in place with Undo; Undo brings the button back', async () => {
    const { review, message } = await deliveredReview();
    now = at('2026-12-03T10:00');
    await click('U0DANA', buttonsIn(message.blocks).find((b) => b.action_id === REVIEW_IDS.tried)!, message);
    const update = await fake.waitFor('chat.update');
    expect(update.args).toMatchObject({ channel: expect.stringMatching(/^D/), ts: message.ts });
    expect(await triedAt(review.id)).toBe(at('2026-12-03T10:00').getTime());
    const updated = update.args.blocks as unknown[];
    expect(updated).toHaveLength((message.blocks as unknown[]).length);
    const undo = buttonsIn(updated).find((b) => b.action_id === REVIEW_IDS.untried)!;
    expect(undo).toMatchObject({ value: String(review.id), text: { text: 'Undo' } });
    expect(textOf(updated)).toContain('*Ava reviewed your* <');
    // The Home tab lists the same review: republished too, with the same block now saying "You tried it" and Undo.
    const home = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0DANA');
    const homeBlock = ((home.args.view as { blocks: { block_id?: string }[] }).blocks).find((b) => b.block_id === reviewTriedBlockId(review.id));
    expect(homeBlock).toEqual(reviewTriedBlock(review.id, true));

    fake.reset();
    await click('U0DANA', undo, { ...message, blocks: updated });
    const back = await fake.waitFor('chat.update');
    expect(await triedAt(review.id)).toBeNull();
    expect(back.args.blocks).toEqual(message.blocks);
  });

  it('someone else’s click is refused privately and changes nothing; a deleted review gets a polite note', async () => {
    const { review, message } = await deliveredReview();
    await person('Una', 'guided');
    const button = buttonsIn(message.blocks).find((b) => b.action_id === REVIEW_IDS.tried)!;
    const refusedTarget = await click('U0UNA', button, message);
    const refused: TFakeCall = await fake.waitFor('response_url', (c) => c.target === refusedTarget);
    expect(refused.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Only the person whose call was reviewed can mark its one thing as tried — nothing was changed.' });
    expect(await triedAt(review.id)).toBeNull();

    await app.db.delete(s.callReviews).where(eq(s.callReviews.id, review.id));
    const goneTarget = await click('U0DANA', button, message);
    const gone = await fake.waitFor('response_url', (c) => c.target === goneTarget);
    expect(gone.args).toMatchObject({ response_type: 'ephemeral', text: "That review isn't there any more — it was deleted. Nothing was changed." });
    expect(fake.callsTo('chat.update')).toEqual([]);
  });

  it('on the Home tab: marks it and publishes the Home tab again', async () => {
    const { ava, rep: dana } = await team('Dana', 'guided');
    const review = await shareReview(dana, ava, at('2026-12-02T11:00'));
    now = at('2026-12-03T10:00');
    const block = reviewTriedBlock(review.id, false);
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, {
      type: 'block_actions',
      user: { id: 'U0DANA', username: 'dana', name: 'dana', team_id: TEAM },
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      container: { type: 'view', view_id: 'V0HOME01' },
      trigger_id: '1.2.3',
      team: { id: TEAM, domain: FAKE_TEAM.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      view: { id: 'V0HOME01', team_id: TEAM, type: 'home', blocks: [block], private_metadata: '', callback_id: '', state: { values: {} }, hash: '1700000000.home' },
      actions: [{ type: 'button', action_id: REVIEW_IDS.tried, block_id: block.block_id, value: String(review.id), text: { type: 'plain_text', text: 'I tried it' }, action_ts: '1700000000.000100' }],
    });
    expect(res.status).toBe(200);
    const published = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0DANA');
    expect((published.args.view as { type: string }).type).toBe('home');
    expect(await triedAt(review.id)).toBe(at('2026-12-03T10:00').getTime());
    expect(fake.callsTo('chat.update')).toEqual([]);
    // Republished with the DM's own block: "You tried it" and Undo, the review's texts above it, praise first.
    const blocks = (published.args.view as { blocks: { block_id?: string; text?: { text: string } }[] }).blocks;
    const at_ = blocks.findIndex((b) => b.block_id === reviewTriedBlockId(review.id));
    expect(blocks[at_]).toEqual(reviewTriedBlock(review.id, true));
    expect(buttonsIn([blocks[at_]])).toEqual([expect.objectContaining({ action_id: REVIEW_IDS.untried, value: String(review.id), text: expect.objectContaining({ text: 'Undo' }) })]);
    expect(blocks[at_]!.text!.text).toBe(':white_check_mark: You tried it.');
    expect(blocks[at_ - 1]!.text!.text).toMatch(/\*What went well:\* .+\n\*One thing/);
  });
});
