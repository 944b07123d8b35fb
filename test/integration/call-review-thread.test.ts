import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertCallReview, reviewDmPeriodKey, type TCallReviewRow } from '../../db/repositories/call-reviews';
import { insertDeliveryIdIfAbsent, updateDelivery } from '../../db/repositories/deliveries';
import { setManager, setRole, upsertProfile, type TPersonRow } from '../../db/repositories/people';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { s } from '../support/tables';
import { REVIEW_TEXT_MAX } from '../../src/domain/call-reviews';
import { getBriefReviews } from '../../src/services/call-reviews/get-brief-reviews';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { postEvent } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { activities, callReviewComments, callReviews, logEntries } = s;

const NOW = new Date('2026-11-24T18:00:00Z');
const WS = FAKE_TEAM.teamId;
const URL = 'https://app.gong.io/call?id=42&team=west';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let eventSeq = 0;
/** A message posted by `user` in their DM with the bot (`D…`), in the thread `threadTs`. */
function dmReply(user: string, text: string, threadTs: string, ts = `1700200000.${String(++eventSeq).padStart(6, '0')}`) {
  const channel = `D${user.slice(1)}`;
  return loadFixture('event-message-im', { event_id: `EvRv${ts.replace('.', '')}`, event: { user, channel, text, ts, event_ts: ts, thread_ts: threadTs } });
}

describe('questions in a call review thread, passed on both ways (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let rep: TPersonRow;
  let manager: TPersonRow;
  let former: TPersonRow;
  let dmSeq = 0;

  /** A shared review of Dana's call and its sent DM to her (the thread a question is asked in). */
  async function sharedReview(reviewerId: number | null): Promise<{ review: TCallReviewRow; dmTs: string }> {
    const review = await insertCallReview(app.db, {
      workspaceId: WS,
      repId: rep.id,
      reviewerId,
      url: URL,
      status: 'shared',
      wentWell: 'Clear agenda',
      oneThing: 'Ask about budget earlier',
      oneThingStage: 'discovery',
      sharedAt: NOW,
    });
    const dmTs = `1700100000.${String(++dmSeq).padStart(6, '0')}`;
    const id = (await insertDeliveryIdIfAbsent(app.db, {
      workspaceId: WS,
      kind: 'review',
      recipientId: rep.id,
      periodKey: reviewDmPeriodKey(review.id),
      status: 'pending',
      reason: 'a review of your call',
      dueAt: NOW,
      subjectId: review.id,
      createdAt: NOW,
    }))!;
    await updateDelivery(app.db, id, ['pending'], { status: 'sent', slackChannel: 'D0REP1', slackTs: dmTs, sentAt: NOW });
    return { review, dmTs };
  }

  const comments = async (reviewId: number) => await app.db.select().from(callReviewComments).where(eq(callReviewComments.reviewId, reviewId));
  const postsIn = (channel: string, threadTs?: string) =>
    fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs));
  const waitForPost = (channel: string, threadTs?: string): Promise<TFakeCall> =>
    fake.waitFor('chat.postMessage', (c) => c.args.channel === channel && (threadTs === undefined ? c.args.thread_ts === undefined : c.args.thread_ts === threadTs));
  const nothingLogged = async () => {
    expect(await app.db.select().from(activities)).toEqual([]);
    expect(await app.db.select().from(logEntries)).toEqual([]);
  };
  const person = (slackUserId: string, name: string, isAdmin = false) =>
    upsertProfile(app.db, WS, slackUserId, { name, email: null, tz: 'America/New_York', isAdmin, isBot: false, isDeleted: false }, NOW);

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0MGR2', name: 'olga', real_name: 'Olga Former', tz: 'America/New_York' },
      ],
    });
    app = await startTestApp({ fake, now: () => NOW });
    await ensureWorkspace(app.db, WS);
    rep = await person('U0REP1', 'Dana Rep');
    manager = await person('U0MGR1', 'Morgan Manager');
    former = await person('U0MGR2', 'Olga Former');
    await setRole(app.db, manager.id, 'manager');
    await setRole(app.db, former.id, 'manager');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.reset();
    await setManager(app.db, rep.id, manager.id);
    await app.db.delete(callReviews);
    await app.db.delete(logEntries);
    await app.db.delete(activities);
  });

  it("the rep's question is kept, passed to the reviewer's DM (escaped, not unfurled) and acknowledged in the thread; the answer comes back", async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    const event = dmReply('U0REP1', '3 calls? <!channel> how do I ask about budget & timing?', dmTs);
    expect((await postEvent(app.baseUrl, SIGNING_SECRET, event)).status).toBe(200);

    const relayed = await waitForPost('D0MGR1');
    expect(relayed.args).toMatchObject({ channel: 'D0MGR1', unfurl_links: 'false', unfurl_media: 'false' });
    const text = String(relayed.args.text);
    expect(text).toContain('<@U0REP1> asked about your review of <https://app.gong.io/call?id=42&amp;team=west|gong.io call, Tue 24 Nov>:');
    expect(text).toContain('“3 calls? &lt;!channel&gt; how do I ask about budget &amp; timing?”');
    expect(text).toContain("Reply in this thread and I'll pass it on.");
    expect(JSON.stringify(relayed.args)).not.toContain('<!channel>');

    const ack = await waitForPost('D0REP1', dmTs);
    expect(String(ack.args.text)).toBe('Sent to <@U0MGR1>. Their answer will appear here.');

    const [question] = await comments(review.id);
    expect(question).toMatchObject({ authorId: rep.id, text: '3 calls? <!channel> how do I ask about budget & timing?', sourceRef: `D0REP1:${event.event.ts}`, relayChannel: 'D0MGR1' });
    const relayTs = question!.relayTs!;
    await nothingLogged();

    // The manager answers in the relayed question's thread: it reaches the rep's review thread.
    fake.reset();
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0MGR1', 'Right after the agenda. 2 demos <!here>', relayTs));
    const answer = await waitForPost('D0REP1', dmTs);
    expect(answer.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(answer.args.text)).toBe('<@U0MGR1> answered:\n“Right after the agenda. 2 demos &lt;!here&gt;”');
    const sent = await waitForPost('D0MGR1', relayTs);
    expect(String(sent.args.text)).toBe('Sent to <@U0REP1>.');
    expect((await comments(review.id)).map((c) => [c.authorId, c.text])).toEqual([
      [rep.id, '3 calls? <!channel> how do I ask about budget & timing?'],
      [manager.id, 'Right after the agenda. 2 demos <!here>'],
    ]);
    await nothingLogged();
  });

  it('a retried event is stored and passed on once', async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    const event = dmReply('U0REP1', 'Which part of the call?', dmTs);
    await postEvent(app.baseUrl, SIGNING_SECRET, event);
    await waitForPost('D0REP1', dmTs);
    await postEvent(app.baseUrl, SIGNING_SECRET, event, { retryNum: 1, retryReason: 'http_timeout' });
    await postEvent(app.baseUrl, SIGNING_SECRET, event, { retryNum: 2, retryReason: 'http_timeout' });
    await sleep(200);
    expect(await comments(review.id)).toHaveLength(1);
    expect(postsIn('D0MGR1')).toHaveLength(1);
    expect(postsIn('D0REP1', dmTs)).toHaveLength(1);
  });

  it('a DM outside a review thread is still logged as activity', async () => {
    await sharedReview(manager.id);
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvRvPlain1', event: { text: '4 calls', ts: '1700300000.000001', event_ts: '1700300000.000001' } }));
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0REP1' && c.args.thread_ts === '1700300000.000001');
    expect((await app.db.select().from(activities)).map((a) => [a.type, a.count])).toEqual([['call', 4]]);
    expect(await app.db.select().from(callReviewComments)).toEqual([]);
  });

  it('a reviewer who no longer manages the rep: the question goes to the current manager, and their own reply in an old thread is refused', async () => {
    await setManager(app.db, rep.id, former.id);
    const { review, dmTs } = await sharedReview(former.id);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Was the close too soft?', dmTs));
    await waitForPost('D0MGR2');
    await waitForPost('D0REP1', dmTs);
    const oldRelayTs = (await comments(review.id))[0]!.relayTs!;

    // Dana moves to Morgan's team: her next question goes to Morgan, told whose review it was.
    await setManager(app.db, rep.id, manager.id);
    fake.reset();
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'And the pricing part?', dmTs));
    const relayed = await waitForPost('D0MGR1');
    expect(String(relayed.args.text)).toContain("<@U0REP1> asked about Olga Former's review of <https://app.gong.io/");
    expect(String(relayed.args.text)).toContain("It comes to you as <@U0REP1>'s manager.");
    expect(String((await waitForPost('D0REP1', dmTs)).args.text)).toBe('Sent to <@U0MGR1>. Their answer will appear here.');

    // Olga answers in her old thread: refused politely, nothing reaches Dana, nothing kept.
    fake.reset();
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0MGR2', 'It was fine', oldRelayTs));
    const refusal = await waitForPost('D0MGR2', oldRelayTs);
    expect(String(refusal.args.text)).toContain("You're not <@U0REP1>'s manager, so I didn't pass this on");
    expect(postsIn('D0REP1')).toEqual([]);
    expect((await comments(review.id)).map((c) => c.authorId)).toEqual([rep.id, rep.id]);
    await nothingLogged();
  });

  it('a forgotten reviewer (null): the question goes to the current manager', async () => {
    const { review, dmTs } = await sharedReview(null);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Who can tell me more?', dmTs));
    const relayed = await waitForPost('D0MGR1');
    expect(String(relayed.args.text)).toContain('<@U0REP1> asked about a review of <https://app.gong.io/');
    // The rep's note comes after the relay is recorded.
    await waitForPost('D0REP1', dmTs);
    expect((await comments(review.id))[0]).toMatchObject({ relayChannel: 'D0MGR1', relayTs: expect.any(String) });
  });

  it('no reviewer and no manager: the rep is told, and the question is kept', async () => {
    await setManager(app.db, rep.id, null);
    const { review, dmTs } = await sharedReview(null);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Anyone?', dmTs));
    const told = await waitForPost('D0REP1', dmTs);
    expect(String(told.args.text)).toContain("There's nobody I can pass this to right now");
    expect(String(told.args.text)).toContain('next 1:1');
    expect(await comments(review.id)).toMatchObject([{ text: 'Anyone?', relayChannel: null }]);
    expect(fake.callsTo('conversations.open')).toEqual([]);
    await nothingLogged();
  });

  it('a 5,000-character question is passed on clipped with a note, kept up to 4,000, and the rep told what was cut', async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    const long = 'why '.repeat(1_250);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', long, dmTs));
    const relayed = await waitForPost('D0MGR1');
    expect(String(relayed.args.text)).toContain(`“${long.trim().slice(0, REVIEW_TEXT_MAX.comment)}…”`);
    expect(String(relayed.args.text)).toContain('The question was longer; this is its first 1,500 characters.');
    const ack = await waitForPost('D0REP1', dmTs);
    expect(String(ack.args.text)).toContain('<@U0MGR1> sees its first 1,500 characters. I kept its first 4,000 characters; the last 999 were cut');
    expect((await comments(review.id))[0]!.text).toBe(long.trim().slice(0, 4_000));
  });

  /** The rep (or whoever wrote `ts`) edits a message in the thread `threadTs`. */
  const editEvent = (user: string, channel: string, ts: string, threadTs: string, before: string, after: string) =>
    loadFixture('event-message-changed', {
      event_id: `EvRvEdit${++eventSeq}`,
      event: {
        channel,
        channel_type: 'im',
        message: { text: after, ts, user, thread_ts: threadTs, edited: { user, ts: `1700900000.${String(eventSeq).padStart(6, '0')}` } },
        previous_message: { text: before, ts, user, thread_ts: threadTs },
      },
    });
  const deleteEvent = (user: string, channel: string, ts: string, threadTs: string, before: string) =>
    loadFixture('event-message-deleted', {
      event_id: `EvRvDel${++eventSeq}`,
      event: { channel, channel_type: 'im', deleted_ts: ts, previous_message: { text: before, ts, user, thread_ts: threadTs } },
    });
  const brief = async () => (await getBriefReviews(app.db, rep, { previousStart: null, now: NOW, zone: 'UTC', readerId: manager.id })).shared[0]!;

  it('a question that could not be passed on is not kept: sent again, it is stored, relayed and counted once', async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    fake.failNext('chat.postMessage', { error: 'channel_not_found', when: (a) => a.channel === 'D0MGR1' });
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Was the demo too long?', dmTs));
    const told = await waitForPost('D0REP1', dmTs);
    expect(String(told.args.text)).toContain('Please send it again');
    expect(await comments(review.id)).toEqual([]);

    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Was the demo too long?', dmTs));
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0MGR1' && c.ok === true);
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0REP1' && String(c.args.text).startsWith('Sent to'));
    expect(await comments(review.id)).toMatchObject([{ text: 'Was the demo too long?', relayChannel: 'D0MGR1' }]);
    expect(await brief()).toMatchObject({ questions: 1, lastQuestion: 'Was the demo too long?' });
    await nothingLogged();
  });

  it('an answer that could not be passed back is not kept, and whoever answered is asked to send it again', async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'How soon?', dmTs));
    await waitForPost('D0REP1', dmTs);
    const relayTs = (await comments(review.id))[0]!.relayTs!;
    fake.reset();
    fake.failNext('chat.postMessage', { error: 'channel_not_found', when: (a) => a.channel === 'D0REP1' });
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0MGR1', 'Within a week', relayTs));
    const told = await waitForPost('D0MGR1', relayTs);
    expect(String(told.args.text)).toContain('Please send it again');
    expect((await comments(review.id)).map((c) => c.authorId)).toEqual([rep.id]);
  });

  it("a 1,500-character question full of &, < and > is quoted in its own section and the instruction line survives", async () => {
    const { dmTs } = await sharedReview(manager.id);
    const hostile = '&<>'.repeat(500);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', hostile, dmTs));
    const relayed = await waitForPost('D0MGR1');
    const blocks = relayed.args.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(findLimitViolations(blocks as never)).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
    expect(blocks[0]!.text!.text).toContain('<https://app.gong.io/call?id=42&amp;team=west|');
    const quoted = blocks[1]!.text!.text;
    expect(quoted.startsWith('“&amp;&lt;&gt;')).toBe(true);
    expect(quoted.endsWith('…”')).toBe(true);
    // Clipped after escaping: no entity cut in half.
    expect(quoted.slice(1, -2).replace(/&amp;|&lt;|&gt;/g, '')).toBe('');
    expect(blocks[2]!.elements!.map((e) => e.text)).toEqual(["Reply in this thread and I'll pass it on.", 'The question was longer than one message holds; this is its start.']);
    expect(JSON.stringify(relayed.args)).not.toMatch(/<[^@h]/);
  });

  it("the rep's edit follows to what is kept, the manager's copy and the brief; a deletion removes all three (a failed chat.delete is logged)", async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    const ts = '1700200500.000001';
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'What about 3 calls?', dmTs, ts));
    await waitForPost('D0REP1', dmTs);
    const relayTs = (await comments(review.id))[0]!.relayTs!;
    fake.reset();

    await postEvent(app.baseUrl, SIGNING_SECRET, editEvent('U0REP1', 'D0REP1', ts, dmTs, 'What about 3 calls?', 'What about 5 calls & <!here>?'));
    const updated = await fake.waitFor('chat.update');
    expect(updated.args).toMatchObject({ channel: 'D0MGR1', ts: relayTs });
    expect(String(updated.args.text)).toContain('<@U0REP1> asked about your review of <https://app.gong.io/');
    expect(String(updated.args.text)).toContain('“What about 5 calls &amp; &lt;!here&gt;?”');
    expect(String(updated.args.text)).toContain("Reply in this thread and I'll pass it on.");
    expect((await comments(review.id)).map((c) => c.text)).toEqual(['What about 5 calls & <!here>?']);
    expect(await brief()).toMatchObject({ questions: 1, lastQuestion: 'What about 5 calls & <!here>?' });
    expect(fake.callsTo('chat.postMessage')).toEqual([]);

    fake.failNext('chat.delete', { error: 'cant_delete_message' });
    await postEvent(app.baseUrl, SIGNING_SECRET, deleteEvent('U0REP1', 'D0REP1', ts, dmTs, 'What about 5 calls & <!here>?'));
    const deleted = await fake.waitFor('chat.delete');
    expect(deleted.args).toMatchObject({ channel: 'D0MGR1', ts: relayTs });
    expect(deleted.ok).toBe(false);
    expect(await comments(review.id)).toEqual([]);
    expect(await brief()).toMatchObject({ questions: 0, lastQuestion: null });
    await nothingLogged();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it("a question whose copy's holder no longer manages the rep: the edit is kept, the copy left as it was", async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    const ts = '1700200600.000001';
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Too fast?', dmTs, ts));
    await waitForPost('D0REP1', dmTs);
    await setManager(app.db, rep.id, former.id);
    fake.reset();
    await postEvent(app.baseUrl, SIGNING_SECRET, editEvent('U0REP1', 'D0REP1', ts, dmTs, 'Too fast?', 'Too fast in the demo?'));
    await vi.waitFor(async () => expect((await comments(review.id)).map((c) => c.text)).toEqual(['Too fast in the demo?']));
    await sleep(200);
    expect(fake.callsTo('chat.update')).toEqual([]);
    await nothingLogged();
  });

  it("the manager's answer: an edit follows in the rep's thread, a deletion removes it there — also after the question was deleted", async () => {
    const { review, dmTs } = await sharedReview(manager.id);
    const qTs = '1700200700.000001';
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Pricing first?', dmTs, qTs));
    await waitForPost('D0REP1', dmTs);
    const relayTs = (await comments(review.id))[0]!.relayTs!;
    const aTs = '1700200700.000002';
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0MGR1', 'No, pain first', relayTs, aTs));
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0REP1' && String(c.args.text).includes('No, pain first'));
    await waitForPost('D0MGR1', relayTs);
    const copyTs = fake.messagesIn('U0REP1').find((m) => String(m.text).includes('No, pain first'))!.ts;
    const answer = (await comments(review.id))[1]!;
    expect(answer).toMatchObject({ authorId: manager.id, relayChannel: 'D0REP1', relayTs: copyTs });
    fake.reset();

    await postEvent(app.baseUrl, SIGNING_SECRET, editEvent('U0MGR1', 'D0MGR1', aTs, relayTs, 'No, pain first', 'No: pain first, then <price>'));
    const updated = await fake.waitFor('chat.update');
    expect(updated.args).toMatchObject({ channel: 'D0REP1', ts: answer.relayTs });
    expect(String(updated.args.text)).toBe('<@U0MGR1> answered:\n“No: pain first, then &lt;price&gt;”');
    expect((await comments(review.id)).map((c) => c.text)).toEqual(['Pricing first?', 'No: pain first, then <price>']);

    // The rep deletes the question; the answer stays the manager's to delete, and its deletion still follows.
    await postEvent(app.baseUrl, SIGNING_SECRET, deleteEvent('U0REP1', 'D0REP1', qTs, dmTs, 'Pricing first?'));
    await fake.waitFor('chat.delete', (c) => c.args.channel === 'D0MGR1');
    await postEvent(app.baseUrl, SIGNING_SECRET, deleteEvent('U0MGR1', 'D0MGR1', aTs, relayTs, 'No: pain first, then <price>'));
    const deleted = await fake.waitFor('chat.delete', (c) => c.args.channel === 'D0REP1');
    expect(deleted.args).toMatchObject({ channel: 'D0REP1', ts: answer.relayTs });
    expect(await comments(review.id)).toEqual([]);
    await nothingLogged();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});
