import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertCallReview, reviewDmPeriodKey, type TCallReviewRow } from '../../db/repositories/call-reviews';
import { insertDeliveryIdIfAbsent, updateDelivery } from '../../db/repositories/deliveries';
import { setManager, setRole, upsertProfile, type TPersonRow } from '../../db/repositories/people';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { activities, callReviewComments, callReviews, logEntries } from '../../db/schema/index';
import { REVIEW_TEXT_MAX } from '../../src/domain/call-reviews';
import { FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { postEvent } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

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
  function sharedReview(reviewerId: number | null): { review: TCallReviewRow; dmTs: string } {
    const review = insertCallReview(app.db, {
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
    const id = insertDeliveryIdIfAbsent(app.db, {
      workspaceId: WS,
      kind: 'review',
      recipientId: rep.id,
      periodKey: reviewDmPeriodKey(review.id),
      status: 'pending',
      reason: 'a review of your call',
      dueAt: NOW,
      subjectId: review.id,
      createdAt: NOW,
    })!;
    updateDelivery(app.db, id, ['pending'], { status: 'sent', slackChannel: 'D0REP1', slackTs: dmTs, sentAt: NOW });
    return { review, dmTs };
  }

  const comments = (reviewId: number) => app.db.select().from(callReviewComments).where(eq(callReviewComments.reviewId, reviewId)).all();
  const postsIn = (channel: string, threadTs?: string) =>
    fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs));
  const waitForPost = (channel: string, threadTs?: string): Promise<TFakeCall> =>
    fake.waitFor('chat.postMessage', (c) => c.args.channel === channel && (threadTs === undefined ? c.args.thread_ts === undefined : c.args.thread_ts === threadTs));
  const nothingLogged = () => {
    expect(app.db.select().from(activities).all()).toEqual([]);
    expect(app.db.select().from(logEntries).all()).toEqual([]);
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
    ensureWorkspace(app.db, WS);
    rep = person('U0REP1', 'Dana Rep');
    manager = person('U0MGR1', 'Morgan Manager');
    former = person('U0MGR2', 'Olga Former');
    setRole(app.db, manager.id, 'manager');
    setRole(app.db, former.id, 'manager');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    setManager(app.db, rep.id, manager.id);
    app.db.delete(callReviews).run();
    app.db.delete(logEntries).run();
    app.db.delete(activities).run();
  });

  it("the rep's question is kept, passed to the reviewer's DM (escaped, not unfurled) and acknowledged in the thread; the answer comes back", async () => {
    const { review, dmTs } = sharedReview(manager.id);
    const event = dmReply('U0REP1', '3 calls? <!channel> how do I ask about budget & timing?', dmTs);
    expect((await postEvent(app.baseUrl, SIGNING_SECRET, event)).status).toBe(200);

    const relayed = await waitForPost('D0MGR1');
    expect(relayed.args).toMatchObject({ channel: 'D0MGR1', unfurl_links: 'false', unfurl_media: 'false' });
    const text = String(relayed.args.text);
    expect(text).toContain('<@U0REP1> asked about your review of <https://app.gong.io/call?id=42&amp;team=west|app.gong.io/call?id=42&amp;team=west>');
    expect(text).toContain('“3 calls? &lt;!channel&gt; how do I ask about budget &amp; timing?”');
    expect(text).toContain("Reply in this thread and I'll pass it on.");
    expect(JSON.stringify(relayed.args)).not.toContain('<!channel>');

    const ack = await waitForPost('D0REP1', dmTs);
    expect(String(ack.args.text)).toBe('Sent to <@U0MGR1>. Their answer will appear here.');

    const [question] = comments(review.id);
    expect(question).toMatchObject({ authorId: rep.id, text: '3 calls? <!channel> how do I ask about budget & timing?', sourceRef: `D0REP1:${event.event.ts}`, relayChannel: 'D0MGR1' });
    const relayTs = question!.relayTs!;
    nothingLogged();

    // The manager answers in the relayed question's thread: it reaches the rep's review thread.
    fake.reset();
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0MGR1', 'Right after the agenda. 2 demos <!here>', relayTs));
    const answer = await waitForPost('D0REP1', dmTs);
    expect(answer.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(answer.args.text)).toBe('<@U0MGR1>: “Right after the agenda. 2 demos &lt;!here&gt;”');
    const sent = await waitForPost('D0MGR1', relayTs);
    expect(String(sent.args.text)).toBe('Sent to <@U0REP1>.');
    expect(comments(review.id).map((c) => [c.authorId, c.text])).toEqual([
      [rep.id, '3 calls? <!channel> how do I ask about budget & timing?'],
      [manager.id, 'Right after the agenda. 2 demos <!here>'],
    ]);
    nothingLogged();
  });

  it('a retried event is stored and passed on once', async () => {
    const { review, dmTs } = sharedReview(manager.id);
    const event = dmReply('U0REP1', 'Which part of the call?', dmTs);
    await postEvent(app.baseUrl, SIGNING_SECRET, event);
    await waitForPost('D0REP1', dmTs);
    await postEvent(app.baseUrl, SIGNING_SECRET, event, { retryNum: 1, retryReason: 'http_timeout' });
    await postEvent(app.baseUrl, SIGNING_SECRET, event, { retryNum: 2, retryReason: 'http_timeout' });
    await sleep(200);
    expect(comments(review.id)).toHaveLength(1);
    expect(postsIn('D0MGR1')).toHaveLength(1);
    expect(postsIn('D0REP1', dmTs)).toHaveLength(1);
  });

  it('a DM outside a review thread is still logged as activity', async () => {
    sharedReview(manager.id);
    await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-message-im', { event_id: 'EvRvPlain1', event: { text: '4 calls', ts: '1700300000.000001', event_ts: '1700300000.000001' } }));
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0REP1' && c.args.thread_ts === '1700300000.000001');
    expect(app.db.select().from(activities).all().map((a) => [a.type, a.count])).toEqual([['call', 4]]);
    expect(app.db.select().from(callReviewComments).all()).toEqual([]);
  });

  it('a reviewer who no longer manages the rep: the question goes to the current manager, and their own reply in an old thread is refused', async () => {
    setManager(app.db, rep.id, former.id);
    const { review, dmTs } = sharedReview(former.id);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Was the close too soft?', dmTs));
    await waitForPost('D0MGR2');
    await waitForPost('D0REP1', dmTs);
    const oldRelayTs = comments(review.id)[0]!.relayTs!;

    // Dana moves to Morgan's team: her next question goes to Morgan, told whose review it was.
    setManager(app.db, rep.id, manager.id);
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
    expect(comments(review.id).map((c) => c.authorId)).toEqual([rep.id, rep.id]);
    nothingLogged();
  });

  it('a forgotten reviewer (null): the question goes to the current manager', async () => {
    const { review, dmTs } = sharedReview(null);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Who can tell me more?', dmTs));
    const relayed = await waitForPost('D0MGR1');
    expect(String(relayed.args.text)).toContain('<@U0REP1> asked about a review of <https://app.gong.io/');
    // The rep's note comes after the relay is recorded.
    await waitForPost('D0REP1', dmTs);
    expect(comments(review.id)[0]).toMatchObject({ relayChannel: 'D0MGR1', relayTs: expect.any(String) });
  });

  it('no reviewer and no manager: the rep is told, and the question is kept', async () => {
    setManager(app.db, rep.id, null);
    const { review, dmTs } = sharedReview(null);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'Anyone?', dmTs));
    const told = await waitForPost('D0REP1', dmTs);
    expect(String(told.args.text)).toContain("There's nobody I can pass this to right now");
    expect(String(told.args.text)).toContain('next 1:1');
    expect(comments(review.id)).toMatchObject([{ text: 'Anyone?', relayChannel: null }]);
    expect(fake.callsTo('conversations.open')).toEqual([]);
    nothingLogged();
  });

  it('a 5,000-character question is passed on clipped with a note, kept up to 4,000, and the rep told what was cut', async () => {
    const { review, dmTs } = sharedReview(manager.id);
    const long = 'why '.repeat(1_250);
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', long, dmTs));
    const relayed = await waitForPost('D0MGR1');
    expect(String(relayed.args.text)).toContain(`“${long.trim().slice(0, REVIEW_TEXT_MAX.comment)}…”`);
    expect(String(relayed.args.text)).toContain('The question was longer; this is its first 1,500 characters.');
    const ack = await waitForPost('D0REP1', dmTs);
    expect(String(ack.args.text)).toContain('<@U0MGR1> sees its first 1,500 characters. I kept its first 4,000 characters; the last 999 were cut');
    expect(comments(review.id)[0]!.text).toBe(long.trim().slice(0, 4_000));
  });

  it('an edit or deletion of a question is not logged as activity, nor passed on again', async () => {
    const { review, dmTs } = sharedReview(manager.id);
    const ts = '1700200500.000001';
    await postEvent(app.baseUrl, SIGNING_SECRET, dmReply('U0REP1', 'What about 3 calls?', dmTs, ts));
    await waitForPost('D0REP1', dmTs);
    fake.reset();
    const edited = loadFixture('event-message-changed', {
      event_id: 'EvRvEdit1',
      event: {
        channel: 'D0REP1',
        channel_type: 'im',
        message: { text: '5 calls, 2 demos', ts, user: 'U0REP1', thread_ts: dmTs },
        previous_message: { text: 'What about 3 calls?', ts, user: 'U0REP1', thread_ts: dmTs },
      },
    });
    await postEvent(app.baseUrl, SIGNING_SECRET, edited);
    const deleted = loadFixture('event-message-deleted', {
      event_id: 'EvRvDel1',
      event: { channel: 'D0REP1', channel_type: 'im', deleted_ts: ts, previous_message: { text: '5 calls, 2 demos', ts, user: 'U0REP1', thread_ts: dmTs } },
    });
    await postEvent(app.baseUrl, SIGNING_SECRET, deleted);
    await sleep(200);
    nothingLogged();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(fake.callsTo('chat.update')).toEqual([]);
    expect(comments(review.id).map((c) => c.text)).toEqual(['What about 3 calls?']);
  });
});
