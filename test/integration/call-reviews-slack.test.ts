import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { insertExemplar } from '../../db/repositories/exemplars';
import { upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { placeTier, setFocus } from '../support/deliveries';
import { s } from '../support/tables';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { messageButtonClick, viewSubmission } from '../support/interactions';
import { newTriggerId, postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { callReviews, people } = s;

/*
 * Call reviews written in Slack, over real HTTP (signed requests, the real Bolt app, a migrated SQLite file, the fake
 * Slack Web API): `/coach review`, the form and its submission, `/coach review request`, the "Review this call"
 * shortcut and the request button. Wednesday 2 Dec 2026, 11:00 in New York.
 */

const NY = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toJSDate();
const NOW = at('2026-12-02T11:00');
const COMPUTED = at('2026-11-30T06:00');
const GONG = 'https://app.gong.io/call?id=42';

type TOption = { text: { type: string; text: string }; value: string };
type TBlock = { type: string; block_id?: string; text?: { text: string }; elements?: { text: string }[]; element?: { type: string; action_id: string; initial_value?: string; initial_option?: TOption; options?: TOption[]; max_length?: number } };
type TView = { callback_id: string; blocks: TBlock[]; private_metadata?: string; title?: { text: string }; submit?: unknown; close?: unknown };

describe('call reviews in Slack: command, form, request, shortcut and request button (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;
  const ids: Record<string, number> = {};
  let clock = NOW;

  const personId = async (slackUserId: string) => (await app.db.select().from(people).where(eq(people.slackUserId, slackUserId)))[0]!.id;
  const reviews = async () => await app.db.select().from(callReviews);

  /** `/coach <text>` that answers privately through its response_url. */
  async function coach(user: string, text: string) {
    const id = `c${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    return (await fake.waitFor('response_url', (c) => c.target === id)).args as { text: string; unfurl_links?: boolean; unfurl_media?: boolean };
  }

  /** `/coach <text>` that opens a modal: the view opened. */
  async function coachOpens(user: string, text: string): Promise<TView> {
    const trigger = newTriggerId();
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, trigger_id: trigger, response_url: fake.responseUrl(`c${++n}`) });
    expect(res.status).toBe(200);
    return (await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as TView;
  }

  const block = (view: TView, id: string) => view.blocks.find((b) => b.block_id === id);

  /** Submits the form as Slack sends its state; the ack's JSON body. */
  async function submit(user: string, view: TView, fields: { wentWell: string; oneThing: string; oneThingStage?: string | null; deal?: string | null; callStage?: string | null; exemplar?: string | null; url?: string; rep?: string }) {
    const option = (value: string | null | undefined) => ({ type: 'static_select', selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null });
    const values: Record<string, Record<string, unknown>> = {
      review_went_well: { value: { type: 'plain_text_input', value: fields.wentWell } },
      review_one_thing: { value: { type: 'plain_text_input', value: fields.oneThing } },
      review_one_thing_stage: { value: option(fields.oneThingStage === undefined ? block(view, 'review_one_thing_stage')?.element?.initial_option?.value : fields.oneThingStage) },
    };
    if (block(view, 'review_url')) values.review_url = { value: { type: 'url_text_input', value: fields.url ?? block(view, 'review_url')!.element!.initial_value } };
    if (block(view, 'review_deal')) values.review_deal = { value: option(fields.deal === undefined ? block(view, 'review_deal')?.element?.initial_option?.value : fields.deal) };
    if (block(view, 'review_call_stage')) values.review_call_stage = { value: option(fields.callStage === undefined ? block(view, 'review_call_stage')?.element?.initial_option?.value : fields.callStage) };
    if (block(view, 'review_exemplar')) values.review_exemplar = { value: option(fields.exemplar) };
    if (block(view, 'review_rep')) values.review_rep = { value: { type: 'users_select', selected_user: fields.rep ?? null } };
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(user, view as unknown as Record<string, unknown>, values));
    expect(res.status).toBe(200);
    return res.json as { response_action?: string; errors?: Record<string, string>; view?: TView } | undefined;
  }

  /** The "Review this call" shortcut on a message by `author` with `text`. */
  async function shortcut(user: string, author: string, text: string) {
    const id = `s${++n}`;
    const payload = loadFixture('shortcut-log-as-activity', {
      callback_id: 'review_call',
      trigger_id: newTriggerId(),
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0CANOPY' },
      response_url: fake.responseUrl(id),
      message: { user: author, text, ts: `1764690000.${String(++n).padStart(6, '0')}` },
    }) as { trigger_id: string };
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).status).toBe(200);
    return { responseId: id, trigger: payload.trigger_id };
  }

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: NY },
        { id: 'U0MGR2', name: 'olga', real_name: 'Olga Other', tz: NY },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: NY },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: NY },
      ],
    });
    app = await startTestApp({ fake, now: () => clock });
    for (const user of ['U0MGR1', 'U0MGR2', 'U0REP1', 'U0REP2']) await coach(user, 'help');
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR1'));
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR2'));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(people).set({ managerId: await personId('U0MGR1') }).where(eq(people.slackUserId, rep));
    const W = 'T0CANOPY';
    const dana = await personId('U0REP1');
    for (const [name, stage] of [['Acme Rockets', 'demo'], ['Globex', 'discovery']] as const) {
      const row = await createDeal(app.db, { workspaceId: W, repId: dana, externalId: name, name, stage, createdAt: at('2026-10-01T09:00') });
      await addStageHistory(app.db, { dealId: row.id, stage, enteredAt: at('2026-10-01T09:00'), logEntryId: null });
      ids[name] = row.id;
    }
    // Dana's focus stage is proposal (the one thing's stage opens on it).
    await placeTier(app.db, W, dana, 'focused', COMPUTED);
    await setFocus(app.db, W, dana, 'proposal', 'negotiation', COMPUTED);
    ids.exemplar = (await insertExemplar(app.db, { workspaceId: W, stage: 'demo', title: 'Great demo of pain', url: 'https://app.gong.io/call?id=1', addedById: await personId('U0MGR1') })).id;
    await upsertOneOnOne(app.db, { workspaceId: W, managerId: await personId('U0MGR1'), repId: await personId('U0REP2'), cadence: 'weekly', weekday: 2, localTime: '10:00', tz: NY, anchorDate: '2026-12-08' }, NOW);
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('the manager’s /coach review opens the form: link, the deal and stage read from the words, the focus stage, the library', async () => {
    const view = await coachOpens('U0MGR1', `review <@U0REP1|dana> <${GONG}> acme demo`);
    expect(view.callback_id).toBe('review_call_form');
    expect(JSON.parse(view.private_metadata!)).toEqual({ repId: await personId('U0REP1'), requestId: null, url: null });
    expect(block(view, 'review_url')!.element).toMatchObject({ type: 'url_text_input', initial_value: GONG });
    expect(block(view, 'review_deal')!.element!.initial_option!.value).toBe(String(ids['Acme Rockets']));
    expect(block(view, 'review_deal')!.element!.options!.map((o) => o.text.text).sort()).toEqual(['Acme Rockets · Demo', 'Globex · Discovery']);
    expect(block(view, 'review_call_stage')!.element!.initial_option!.value).toBe('demo');
    expect(block(view, 'review_call_stage')!.element!.options!.map((o) => o.value)).not.toContain('won');
    expect(block(view, 'review_one_thing_stage')!.element!.initial_option!.value).toBe('proposal');
    expect(block(view, 'review_went_well')!.element!.max_length).toBe(1500);
    expect(block(view, 'review_exemplar')!.element!.options).toEqual([{ text: { type: 'plain_text', text: 'Demo · Great demo of pain' }, value: String(ids.exemplar) }]);
    expect(block(view, 'review_exemplar')!.element!.initial_option).toBeUndefined();
  });

  it('an unknown deal name is a note in the form, never an error', async () => {
    const view = await coachOpens('U0MGR1', `review <@U0REP1|dana> ${GONG} initech`);
    expect(JSON.stringify(view.blocks)).toContain('None of Dana Rep’s open deals is called “initech”');
    expect(block(view, 'review_deal')!.element!.initial_option).toBeUndefined();
  });

  it('submitting stores the shared review (user text kept, shown escaped elsewhere) and turns the form into a confirmation; the rep’s Home refreshes', async () => {
    const view = await coachOpens('U0MGR1', `review <@U0REP1|dana> ${GONG} acme demo`);
    const ack = await submit('U0MGR1', view, { wentWell: '  Great discovery questions <!channel>  ', oneThing: 'Confirm the budget before the demo', exemplar: String(ids.exemplar) });
    expect(ack?.response_action).toBe('update');
    expect(ack?.view?.title?.text).toBe('Review shared');
    // 11:00 on a Wednesday in Dana's working hours.
    // Dana is focused: today's one message is her check-in, so the confirmation says what will carry the review.
    expect(JSON.stringify(ack?.view?.blocks)).toContain(
      "To keep Dana Rep's messages few (focused: one a working day, plus the digest), it comes with today's check-in at 16:30, their time. It's on their Home tab now.",
    );
    expect(JSON.stringify(ack?.view?.blocks)).toContain('on their Home tab now');
    const stored = (await reviews()).find((r) => r.wentWell?.includes('Great discovery'))!;
    expect(stored).toMatchObject({
      status: 'shared',
      repId: await personId('U0REP1'),
      reviewerId: await personId('U0MGR1'),
      url: GONG,
      dealId: ids['Acme Rockets'],
      callStage: 'demo',
      wentWell: 'Great discovery questions <!channel>',
      oneThing: 'Confirm the budget before the demo',
      oneThingStage: 'proposal',
      exemplarId: ids.exemplar,
    });
    expect(stored.sharedAt?.getTime()).toBe(NOW.getTime());
    await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0REP1');
  });

  it('field errors come back on their fields: empty one thing, a 5,000-character went-well, a bad link', async () => {
    const before = (await reviews()).length;
    const view = await coachOpens('U0MGR1', `review <@U0REP1|dana> ${GONG}`);
    const ack = await submit('U0MGR1', view, { wentWell: 'x'.repeat(5_000), oneThing: '   ', url: 'javascript:alert(1)' });
    expect(ack?.response_action).toBe('errors');
    expect(ack?.errors?.review_went_well).toMatch(/under 1500 characters/);
    expect(ack?.errors?.review_one_thing).toMatch(/one thing/);
    expect(ack?.errors?.review_url).toMatch(/Only http and https/);
    expect(await reviews()).toHaveLength(before);
  });

  it('a peer rep and another manager are refused; nothing is stored', async () => {
    const before = (await reviews()).length;
    expect((await coach('U0REP2', `review <@U0REP1|dana> ${GONG}`)).text).toMatch(/Only Dana Rep's manager \(or an admin\)/);
    expect((await coach('U0MGR2', `review <@U0REP1|dana> ${GONG}`)).text).toMatch(/isn't on your team/);
    expect(fake.callsTo('views.open')).toHaveLength(0);
    expect(await reviews()).toHaveLength(before);
  });

  it('a rep naming themselves asks their manager instead; /coach review request does the same; asking twice is kindly refused', async () => {
    const self = await coach('U0REP1', 'review <@U0REP1|dana> https://zoom.us/rec/self how did I do?');
    expect(self.text).toMatch(/Asked Morgan Manager to review/);
    expect(self.text).toMatch(/will see it on their Canopy Home tab and in the brief before your next 1:1\./);
    expect(self).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect((await reviews()).find((r) => r.url === 'https://zoom.us/rec/self')).toMatchObject({ status: 'requested', requestNote: 'how did I do?', reviewerId: null });

    const eli = await coach('U0REP2', 'review request <https://zoom.us/rec/eli1> my close felt rushed');
    // Eli has a weekly 1:1 with Morgan on Tuesdays at 10:00.
    expect(eli.text).toMatch(/in the brief for your next 1:1 \(Tue 8 Dec, 10:00\)/);
    expect(eli.text).toContain('<https://zoom.us/rec/eli1|zoom.us call, Wed 2 Dec>');
    const again = await coach('U0REP2', 'review request https://zoom.us/rec/eli1');
    expect(again.text).toMatch(/already/);
    expect((await reviews()).filter((r) => r.url === 'https://zoom.us/rec/eli1')).toHaveLength(1);
    // Never a DM to the manager.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('at most five open requests per rep', async () => {
    for (let i = 2; i <= 5; i++) expect((await coach('U0REP2', `review request https://zoom.us/rec/eli${i}`)).text).toMatch(/Asked/);
    expect((await coach('U0REP2', 'review request https://zoom.us/rec/eli6')).text).toMatch(/5 calls waiting/);
    await app.db.delete(callReviews).where(eq(callReviews.repId, await personId('U0REP2')));
  });

  it('the shortcut: no link → a private note; a manager on their rep’s message → the form for that rep; on a stranger’s → a rep picker', async () => {
    const none = await shortcut('U0MGR1', 'U0REP1', 'no link in this one');
    expect(String((await fake.waitFor('response_url', (c) => c.target === none.responseId)).args.text)).toMatch(/couldn't find a link/);

    const own = await shortcut('U0MGR1', 'U0REP1', `Here is the call: <${GONG}|Acme demo>`);
    const form = (await fake.waitFor('views.open', (c) => c.args.trigger_id === own.trigger)).args.view as TView;
    expect(JSON.parse(form.private_metadata!)).toMatchObject({ repId: await personId('U0REP1') });
    expect(block(form, 'review_rep')).toBeUndefined();
    expect(block(form, 'review_url')!.element!.initial_value).toBe(GONG);

    const other = await shortcut('U0MGR2', 'U0REP1', `Listen: ${GONG}`);
    const picker = (await fake.waitFor('views.open', (c) => c.args.trigger_id === other.trigger)).args.view as TView;
    expect(block(picker, 'review_rep')!.element!.type).toBe('users_select');
    // Olga picks Dana, who is not on her team: refused on the rep field at submit.
    const ack = await submit('U0MGR2', picker, { rep: 'U0REP1', wentWell: 'Good', oneThing: 'Slow down', oneThingStage: 'demo' });
    expect(ack?.response_action).toBe('errors');
    expect(ack?.errors?.review_rep).toMatch(/isn't on your team/);
  });

  it('the shortcut: a rep on their own message asks for a review; on a peer’s message is refused', async () => {
    const own = await shortcut('U0REP1', 'U0REP1', `my call <https://zoom.us/rec/dana-own>`);
    const reply = await fake.waitFor('response_url', (c) => c.target === own.responseId);
    expect(String(reply.args.text)).toMatch(/Asked Morgan Manager to review/);
    expect((await reviews()).find((r) => r.url === 'https://zoom.us/rec/dana-own')?.status).toBe('requested');
    const peer = await shortcut('U0REP2', 'U0REP1', `my call <https://zoom.us/rec/dana-own>`);
    expect(String((await fake.waitFor('response_url', (c) => c.target === peer.responseId)).args.text)).toMatch(/Only Dana Rep's manager/);
    expect(fake.callsTo('views.open')).toHaveLength(0);
  });

  it('the request button opens the form for it (the note shown escaped); its submission answers the request; a second answer is a clear error', async () => {
    await coach('U0REP1', 'review request https://zoom.us/rec/button <!channel> please look at the close');
    const request = (await reviews()).find((r) => r.url === 'https://zoom.us/rec/button')!;
    const click = messageButtonClick('U0MGR1', { action_id: 'review_open_request', value: String(request.id) }, { ts: '1764690000.900000', text: 'brief', blocks: [] }, fake.responseUrl('b1'));
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, click)).status).toBe(200);
    const form = (await fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)).args.view as TView;
    expect(JSON.parse(form.private_metadata!)).toEqual({ repId: await personId('U0REP1'), requestId: request.id, url: 'https://zoom.us/rec/button' });
    expect(block(form, 'review_url')).toBeUndefined();
    const intro = JSON.stringify(form.blocks[0]);
    expect(intro).toContain('&lt;!channel&gt; please look at the close');
    expect(intro).toMatch(/asked for feedback on <https:\/\/zoom\.us\/rec\/button\|zoom\.us call, \w{3} \d{1,2} \w{3}>/);
    expect(intro).not.toContain('<!channel>');

    const first = await submit('U0MGR1', form, { wentWell: 'Clear next steps', oneThing: 'Ask for the close' });
    expect(first?.response_action).toBe('update');
    expect(JSON.stringify(first?.view?.blocks)).toContain('Request answered.');
    expect((await reviews()).find((r) => r.id === request.id)).toMatchObject({ status: 'shared', reviewerId: await personId('U0MGR1'), wentWell: 'Clear next steps', oneThingStage: 'proposal' });

    const second = await submit('U0MGR1', form, { wentWell: 'Again', oneThing: 'Again' });
    expect(second?.response_action).toBe('errors');
    expect(second?.errors?.review_went_well).toMatch(/answered already/);
    expect((await reviews()).find((r) => r.id === request.id)?.wentWell).toBe('Clear next steps');

    // The button again, once answered: a polite private note, no form.
    const late = messageButtonClick('U0MGR1', { action_id: 'review_open_request', value: String(request.id) }, { ts: '1764690000.900000', text: 'brief', blocks: [] }, fake.responseUrl('b2'));
    await postInteraction(app.baseUrl, SIGNING_SECRET, late);
    expect(String((await fake.waitFor('response_url', (c) => c.target === 'b2')).args.text)).toMatch(/isn’t open any more/);
    expect(fake.callsTo('views.open').filter((c) => c.args.trigger_id === late.trigger_id)).toHaveLength(0);
  });

  it('a review shared outside the rep’s working hours says when the DM goes', async () => {
    // Tuesday 20:00 in New York: Dana's next working day starts Wednesday at 09:00. With her check-ins off, that day's
    // one message is free for it. (Friday evening would wait for Monday 09:00, when her digest brings it.)
    clock = at('2026-12-01T20:00');
    const before = (await app.db.select().from(people).where(eq(people.slackUserId, 'U0REP1')))[0]!.preferences;
    await app.db.update(people).set({ preferences: { ...(before as object), checkins: 'off' } }).where(eq(people.slackUserId, 'U0REP1'));
    try {
      const view = await coachOpens('U0MGR1', `review <@U0REP1|dana> ${GONG}`);
      const ack = await submit('U0MGR1', view, { wentWell: 'Good rapport', oneThing: 'Summarise next steps' });
      expect(JSON.stringify(ack?.view?.blocks)).toContain("Dana Rep gets it as a DM at 09:00 Wed, their time. It's on their Home tab now.");
    } finally {
      await app.db.update(people).set({ preferences: before }).where(eq(people.slackUserId, 'U0REP1'));
      clock = NOW;
    }
  });
});
