import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { s } from '../support/tables';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { reviewSource } from '../../src/services/deliveries/sources/review-source';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, messageButtonClick, viewSubmission } from '../support/interactions';
import { newTriggerId, postCommand, postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { callReviews, deliveries, people } = s;

/*
 * Creating call reviews and requests, the fix round (issue 16), over real HTTP against the fake Slack and a migrated
 * SQLite file: a form submitted twice, mentions in a request note, Slack's link tokens, broken and `www.` links, the
 * shortcut on a message with two links, requests on the manager's Home tab, withdrawing one, and their 30-day expiry.
 * Wednesday 2 Dec 2026, 11:00 in New York.
 */

const NY = 'America/New_York';
const W = 'T0CANOPY';
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toJSDate();
const NOW = at('2026-12-02T11:00');

type TOption = { text: { text: string }; value: string };
type TBlock = { type: string; block_id?: string; text?: { text: string }; elements?: { text: string }[]; element?: { type: string; initial_value?: string; initial_option?: TOption } };
type TView = { callback_id: string; blocks: TBlock[]; private_metadata?: string };
type TReply = { text: string; blocks?: TBlock[]; unfurl_links?: boolean; replace_original?: boolean };

const textOf = (blocks: readonly TBlock[]) => blocks.map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)].join(' ')).join('\n');

describe('creating call reviews and requests (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;
  let clock = NOW;

  const personId = async (slackUserId: string) => (await app.db.select().from(people).where(eq(people.slackUserId, slackUserId)))[0]!.id;
  const reviewsOf = async (slackUserId: string) => await app.db.select().from(callReviews).where(eq(callReviews.repId, await personId(slackUserId)));

  /** `/coach <text>` answered privately: the response_url post. */
  async function coach(user: string, text: string): Promise<TReply> {
    const id = `c${++n}`;
    expect((await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, response_url: fake.responseUrl(id) })).status).toBe(200);
    return (await fake.waitFor('response_url', (c) => c.target === id)).args as TReply;
  }

  /** `/coach <text>` that opens the review form: the view opened. */
  async function coachOpens(user: string, text: string): Promise<TView> {
    const trigger = newTriggerId();
    expect((await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, trigger_id: trigger, response_url: fake.responseUrl(`c${++n}`) })).status).toBe(200);
    return (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as TView;
  }

  const block = (view: TView, id: string) => view.blocks.find((b) => b.block_id === id);

  /** The form's state as Slack sends it on submit. */
  function filled(view: TView, wentWell: string, oneThing: string) {
    const option = (value: string | null) => ({ type: 'static_select', selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null });
    const values: Record<string, Record<string, unknown>> = {
      review_went_well: { value: { type: 'plain_text_input', value: wentWell } },
      review_one_thing: { value: { type: 'plain_text_input', value: oneThing } },
      review_one_thing_stage: { value: option('demo') },
      review_call_stage: { value: option(null) },
    };
    if (block(view, 'review_url')) values.review_url = { value: { type: 'url_text_input', value: block(view, 'review_url')!.element!.initial_value } };
    return values;
  }

  /** The person's Home tab, as `app_home_opened` publishes it. */
  async function home(user: string): Promise<TView> {
    const mark = fake.calls.length;
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0CREATE${++n}`, event: { user, tab: 'home' } }));
    expect(res.status).toBe(200);
    return (await fake.waitFor('views.publish', (c) => c.args.user_id === user && fake.calls.indexOf(c) >= mark)).args.view as TView;
  }

  /** A click on a Home tab button (a view container, no response_url): the modal it opens. */
  async function clickOnHome(user: string, view: TView, actionId: string, value: string): Promise<TView> {
    const button = buttonsIn(view.blocks).find((b) => b.action_id === actionId && b.value === value)!;
    expect(button).toBeDefined();
    const trigger = newTriggerId();
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: W },
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      container: { type: 'view', view_id: 'V0HOME01' },
      trigger_id: trigger,
      team: { id: W, domain: FAKE_TEAM.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      view: { id: 'V0HOME01', team_id: W, type: 'home', blocks: view.blocks, private_metadata: '', callback_id: '', state: { values: {} }, hash: '1700000000.home' },
      actions: [{ type: 'button', action_id: actionId, block_id: button.block_id, value: button.value, text: { type: 'plain_text', text: 'Review this call' }, action_ts: '1700000000.000100' }],
    });
    expect(res.status).toBe(200);
    return (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as TView;
  }

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: NY },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: NY },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli <!here> Rep', tz: NY },
      ],
    });
    app = await startTestApp({ fake, now: () => clock });
    for (const user of ['U0MGR1', 'U0REP1', 'U0REP2']) await coach(user, 'help');
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR1'));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(people).set({ managerId: await personId('U0MGR1') }).where(eq(people.slackUserId, rep));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    clock = NOW;
  });

  it('the same form submitted twice (a double click, Slack retrying) stores one review and plans one DM', async () => {
    const view = await coachOpens('U0MGR1', 'review <@U0REP1|dana> https://zoom.us/rec/twice');
    const payload = viewSubmission('U0MGR1', { ...view, id: 'V0TWICE1' }, filled(view, 'Clear agenda', 'Ask about budget'));
    const [first, second] = await Promise.all([
      postInteraction(app.baseUrl, SIGNING_SECRET, payload),
      postInteraction(app.baseUrl, SIGNING_SECRET, payload, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
    ]);
    const third = await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    for (const res of [first, second, third]) expect((res.json as { response_action?: string }).response_action).toBe('update');
    const stored = (await reviewsOf('U0REP1')).filter((r) => r.url === 'https://zoom.us/rec/twice');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'shared', submissionRef: 'V0TWICE1' });
    await planDeliveries(app.db, { now: NOW, workspaceId: W, sources: [reviewSource] });
    await planDeliveries(app.db, { now: NOW, workspaceId: W, sources: [reviewSource] });
    const dms = (await app.db.select().from(deliveries).where(and(eq(deliveries.kind, 'review'), eq(deliveries.recipientId, await personId('U0REP1')))));
    expect(dms.map((d) => d.subjectId)).toEqual([stored[0]!.id]);
  });

  it('a request note that mentions a colleague is accepted, kept as text and shown inert; a mention before the link is refused', async () => {
    const asked = await coach('U0REP1', 'review request https://zoom.us/rec/globex compare with how <@U0REP2> handled Globex?');
    expect(asked.text).toMatch(/Asked Morgan Manager to review/);
    expect(asked.text).toMatch(/will see it on their Canopy Home tab and in the brief before your next 1:1/);
    expect(asked).toMatchObject({ unfurl_links: false });
    const request = (await reviewsOf('U0REP1')).find((r) => r.url === 'https://zoom.us/rec/globex')!;
    expect(request).toMatchObject({ status: 'requested', requestNote: 'compare with how <@U0REP2> handled Globex?' });

    const manager = textOf((await home('U0MGR1')).blocks);
    expect(manager).toContain('compare with how &lt;@U0REP2&gt; handled Globex?');
    expect(manager).not.toContain('<@U0REP2> handled');

    expect((await coach('U0REP1', 'review request <@U0REP2> https://zoom.us/rec/x')).text).toMatch(/names nobody before the link/);
    await app.db.delete(callReviews).where(eq(callReviews.id, request.id));
  });

  it('links: a Slack link with a spaced label, a www. link, and a link broken by a space', async () => {
    const labelled = await coachOpens('U0MGR1', 'review <@U0REP1|dana> <https://zoom.us/rec/x|My call with Acme>');
    expect(block(labelled, 'review_url')!.element!.initial_value).toBe('https://zoom.us/rec/x');
    expect(textOf(labelled.blocks)).not.toMatch(/None of .* open deals/);

    const www = await coachOpens('U0MGR1', 'review <@U0REP1|dana> www.gong.io/call/1');
    expect(block(www, 'review_url')!.element!.initial_value).toBe('https://www.gong.io/call/1');

    const broken = await coach('U0MGR1', 'review <@U0REP1|dana> https://exa mple.com/a b');
    expect(broken.text).toMatch(/That link looks broken: a link has no spaces in it/);
    expect(fake.callsTo('views.open')).toHaveLength(2);

    const brokenRequest = await coach('U0REP1', 'review request https://zoom.us/rec/ab cd/ef');
    expect(brokenRequest.text).toMatch(/link has no spaces/);
    expect((await reviewsOf('U0REP1')).filter((r) => r.status === 'requested')).toHaveLength(0);
  });

  it('the shortcut on a message with two links says which one the form took and names the other', async () => {
    const trigger = newTriggerId();
    const payload = loadFixture('shortcut-log-as-activity', {
      callback_id: 'review_call',
      trigger_id: trigger,
      user: { id: 'U0MGR1', username: 'morgan', name: 'morgan', team_id: W },
      response_url: fake.responseUrl('s1'),
      message: { user: 'U0REP1', text: 'Two calls: https://zoom.us/rec/a and <https://app.gong.io/call?id=7|the Acme one>', ts: '1764690000.000101' },
    });
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).status).toBe(200);
    const view = (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as TView;
    expect(block(view, 'review_url')!.element!.initial_value).toBe('https://zoom.us/rec/a');
    const note = textOf(view.blocks);
    expect(note).toMatch(/That message has 2 links; the form took the first/);
    expect(note).toContain('<https://app.gong.io/call?id=7|app.gong.io/call?id=7>');
  });

  it('a rep’s request (no 1:1 scheduled) is on the manager’s Home tab with a working "Review this call" button', async () => {
    await coach('U0REP1', 'review request https://zoom.us/rec/home how was my close?');
    const request = (await reviewsOf('U0REP1')).find((r) => r.url === 'https://zoom.us/rec/home')!;
    const tab = await home('U0MGR1');
    expect(textOf(tab.blocks)).toMatch(/Review requests/);
    expect(textOf(tab.blocks)).toMatch(/\*Dana Rep\* asked for feedback on <https:\/\/zoom\.us\/rec\/home\|zoom\.us call, Wed 2 Dec> — “how was my close\?”/);
    const form = await clickOnHome('U0MGR1', tab, 'review_open_request', String(request.id));
    expect(form.callback_id).toBe('review_call_form');
    expect(JSON.parse(form.private_metadata!)).toMatchObject({ requestId: request.id, url: 'https://zoom.us/rec/home' });
    // A rep's own Home tab has no team requests.
    expect(textOf((await home('U0REP1')).blocks)).not.toMatch(/Review requests/);
    await app.db.delete(callReviews).where(eq(callReviews.id, request.id));
  });

  it('withdraw: the only request is taken back at once; with several, each has a Withdraw button', async () => {
    expect((await coach('U0REP1', 'review request cancel')).text).toMatch(/no open requests/);
    await coach('U0REP1', 'review request https://zoom.us/rec/w1');
    const one = await coach('U0REP1', 'review request cancel');
    expect(one.text).toMatch(/Took back your request about <https:\/\/zoom\.us\/rec\/w1\|zoom\.us call, \w{3} \d{1,2} \w{3}>/);
    expect((await reviewsOf('U0REP1')).filter((r) => r.status === 'requested')).toHaveLength(0);

    await coach('U0REP1', 'review request https://zoom.us/rec/w2');
    await coach('U0REP1', 'review request https://zoom.us/rec/w3');
    const list = await coach('U0REP1', 'review request cancel');
    const buttons = buttonsIn(list.blocks).filter((b) => b.action_id === 'review_withdraw_request');
    expect(buttons).toHaveLength(2);
    const w2 = (await reviewsOf('U0REP1')).find((r) => r.url === 'https://zoom.us/rec/w2')!;
    const click = messageButtonClick('U0REP1', buttons.find((b) => b.value === String(w2.id))!, { ts: '1764690000.000200', blocks: list.blocks, text: list.text }, fake.responseUrl('w'));
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, click)).status).toBe(200);
    const done = (await fake.waitFor('response_url', (c) => c.target === 'w')).args as TReply;
    expect(done).toMatchObject({ replace_original: true });
    expect(done.text).toMatch(/Took back your request about <https:\/\/zoom\.us\/rec\/w2\|/);
    expect((await reviewsOf('U0REP1')).filter((r) => r.status === 'requested').map((r) => r.url)).toEqual(['https://zoom.us/rec/w3']);
    // The manager's stale button on the withdrawn one now says so.
    fake.reset();
    const again = messageButtonClick('U0REP1', buttons.find((b) => b.value === String(w2.id))!, { ts: '1764690000.000200', blocks: list.blocks, text: list.text }, fake.responseUrl('w2'));
    await postInteraction(app.baseUrl, SIGNING_SECRET, again);
    expect(String((await fake.waitFor('response_url', (c) => c.target === 'w2')).args.text)).toMatch(/isn’t open any more/);
    await app.db.delete(callReviews).where(eq(callReviews.repId, await personId('U0REP1')));
  });

  it('withdraw by link: that request only; a link with none open says so; `cancel 2` lists; `/coach review cancel` points to the request command', async () => {
    await coach('U0REP1', 'review request https://zoom.us/rec/l1');
    await coach('U0REP1', 'review request https://zoom.us/rec/l2');
    const byLink = await coach('U0REP1', 'review request cancel <https://zoom.us/rec/l2|the Globex call>');
    expect(byLink.text).toMatch(/Took back your request about <https:\/\/zoom\.us\/rec\/l2\|/);
    expect((await reviewsOf('U0REP1')).filter((r) => r.status === 'requested').map((r) => r.url)).toEqual(['https://zoom.us/rec/l1']);
    const none = await coach('U0REP1', 'review request cancel https://zoom.us/rec/l2');
    expect(none.text).toMatch(/no open request about <https:\/\/zoom\.us\/rec\/l2\|zoom\.us call>, so nothing was changed\. `\/coach review request cancel` lists/);
    // A number is not guessed at: the list, with a Withdraw button even for a single request.
    const list = await coach('U0REP1', 'review request cancel 2');
    expect(buttonsIn(list.blocks).filter((b) => b.action_id === 'review_withdraw_request').map((b) => b.value)).toEqual([String((await reviewsOf('U0REP1')).find((r) => r.url === 'https://zoom.us/rec/l1')!.id)]);
    expect((await reviewsOf('U0REP1')).filter((r) => r.status === 'requested')).toHaveLength(1);
    const pointer = await coach('U0REP1', 'review cancel');
    expect(pointer.text).toMatch(/use `\/coach review request cancel`/);
    expect(pointer.text).not.toMatch(/Whose call/);
    await app.db.delete(callReviews).where(eq(callReviews.repId, await personId('U0REP1')));
  });

  it('a request expires after 30 days: not on the manager’s Home tab, not counted toward the five, its button says it is gone', async () => {
    for (let i = 1; i <= 5; i++) await coach('U0REP2', `review request https://zoom.us/rec/old${i}`);
    const old = await reviewsOf('U0REP2');
    expect(old).toHaveLength(5);
    const tabThen = await home('U0MGR1');
    expect(textOf(tabThen.blocks)).toMatch(/old1/);
    clock = at('2027-01-02T11:00');
    expect(textOf((await home('U0MGR1')).blocks)).not.toMatch(/Review requests/);
    expect((await coach('U0REP2', 'review request https://zoom.us/rec/new')).text).toMatch(/Asked Morgan Manager/);
    const gone = await clickOnHome('U0MGR1', tabThen, 'review_open_request', String(old[0]!.id));
    expect(textOf(gone.blocks)).toMatch(/expired after 30 days/);
  });

  it('names are escaped in refusals, and reviewing the bot says it is a bot', async () => {
    const eli = await coach('U0REP1', 'review <@U0REP2|eli> https://zoom.us/rec/x');
    expect(eli.text).toMatch(/^Only Eli &lt;!here&gt; Rep's manager/);
    expect(eli.text).toContain('`/coach review request &lt;link&gt;`');
    const bot = await coach('U0MGR1', `review <@${FAKE_TEAM.botUserId}|canopy> https://zoom.us/rec/x`);
    expect(bot.text).toBe('canopy is a bot, so there is no call of theirs to review.');
  });
});
