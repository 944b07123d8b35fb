import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearTables, countRows, placeTier } from '../support/deliveries';
import { s } from '../support/tables';
import { REVIEW_DELETED_REASON } from '../../src/domain/review-edits';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import { reviewSource } from '../../src/services/deliveries/sources/review-source';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick, viewSubmission, type TButton } from '../support/interactions';
import { newTriggerId, postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { callReviews, people } = s;

/*
 * Editing and deleting a shared call review over real HTTP (signed requests, the real Bolt app, a migrated SQLite
 * file, the fake Slack Web API): Edit / Delete on the confirmation modal, the brief's menu, the rep's DM following
 * (chat.update / chat.delete, or skipped before it goes), and every forged click refused. Wed 2 Dec 2026, New York.
 */

const NY = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toJSDate();
const NOW = at('2026-12-02T11:00');
const GONG = 'https://app.gong.io/call?id=42';
const W = FAKE_TEAM.teamId;

type TOption = { text: { type: string; text: string }; value: string };
type TBlock = {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { type: string; action_id: string; options?: TOption[] };
  elements?: (TButton & { confirm?: { text: { text: string } } })[];
  element?: { type: string; action_id: string; initial_value?: string; initial_option?: TOption; options?: TOption[] };
};
type TView = { id?: string; callback_id: string; blocks: TBlock[]; private_metadata?: string; title?: { text: string }; submit?: unknown; close?: unknown };
type TFields = { wentWell?: string; oneThing?: string; oneThingStage?: string | null; deal?: string | null; callStage?: string | null; exemplar?: string | null; url?: string };

const common = { api_app_id: FAKE_TEAM.appId, token: 'x', team: { id: W, domain: FAKE_TEAM.teamDomain }, enterprise: null, is_enterprise_install: false };
const userOf = (user: string) => ({ id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: W });

describe('editing and deleting a shared review (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;
  let viewN = 0;

  const personId = async (slackUserId: string) => (await app.db.select().from(people).where(eq(people.slackUserId, slackUserId)))[0]!.id;
  const reviewRow = async (id: number) => (await app.db.select().from(callReviews).where(eq(callReviews.id, id)))[0];
  const deliveryOf = async (reviewId: number) => {
    const d = s.deliveries;
    return (
      await app.db
        .select({ id: d.id, status: d.status, reason: d.reason, channel: d.slackChannel, ts: d.slackTs })
        .from(d)
        .where(and(eq(d.kind, 'review'), eq(d.periodKey, `review:${reviewId}`)))
    )[0];
  };
  const block = (view: TView, id: string) => view.blocks.find((b) => b.block_id === id);

  async function coach(user: string, text: string) {
    const id = `c${++n}`;
    await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, response_url: fake.responseUrl(id) });
    return (await fake.waitFor('response_url', (c) => c.target === id)).args as { text: string };
  }

  /** Morgan opens the form for Dana's call and shares it: the confirmation modal (its Slack id kept for clicks in it). */
  async function share(user = 'U0MGR1', fields: TFields = {}): Promise<{ reviewId: number; confirmation: TView }> {
    const trigger = newTriggerId();
    await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text: `review <@U0REP1|dana> ${GONG}`, user_id: user, trigger_id: trigger, response_url: fake.responseUrl(`c${++n}`) });
    const form = { ...((await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as TView), id: `V0EDIT${++viewN}` };
    const ack = await submit(user, form, { wentWell: 'You let the buyer talk.', oneThing: 'Agree the next step before hanging up.', oneThingStage: 'discovery', ...fields });
    expect(ack?.errors).toBeUndefined();
    expect(ack?.response_action).toBe('update');
    const reviewId = Number(buttonsIn(ack!.view!.blocks).find((b) => b.action_id === 'review_edit')!.value);
    return { reviewId, confirmation: { ...ack!.view!, id: form.id } };
  }

  /** Submits a review form as Slack sends its state; the ack's JSON. */
  async function submit(user: string, view: TView, fields: TFields) {
    const option = (value: string | null | undefined) => ({ type: 'static_select', selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null });
    const pick = (id: string, given: string | null | undefined) => option(given === undefined ? block(view, id)?.element?.initial_option?.value : given);
    const text = (id: string, given: string | undefined) => ({ value: { type: 'plain_text_input', value: given ?? block(view, id)?.element?.initial_value ?? '' } });
    const values: Record<string, Record<string, unknown>> = {
      review_went_well: text('review_went_well', fields.wentWell),
      review_one_thing: text('review_one_thing', fields.oneThing),
      review_one_thing_stage: { value: pick('review_one_thing_stage', fields.oneThingStage) },
    };
    if (block(view, 'review_url')) values.review_url = { value: { type: 'url_text_input', value: fields.url ?? block(view, 'review_url')!.element!.initial_value } };
    if (block(view, 'review_deal')) values.review_deal = { value: pick('review_deal', fields.deal) };
    if (block(view, 'review_call_stage')) values.review_call_stage = { value: pick('review_call_stage', fields.callStage) };
    if (block(view, 'review_exemplar')) values.review_exemplar = { value: pick('review_exemplar', fields.exemplar) };
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(user, view as unknown as Record<string, unknown>, values));
    expect(res.status).toBe(200);
    return res.json as { response_action?: string; errors?: Record<string, string>; view?: TView } | undefined;
  }

  /** A click on a button in a modal (the confirmation): Slack sends the view, no response_url. */
  async function clickInModal(user: string, view: TView, actionId: string, value?: string) {
    const button = buttonsIn(view.blocks).find((b) => b.action_id === actionId)!;
    const payload = {
      ...common,
      type: 'block_actions',
      user: userOf(user),
      container: { type: 'view', view_id: view.id },
      trigger_id: newTriggerId(),
      view: { id: view.id, team_id: W, type: 'modal', callback_id: view.callback_id, hash: '1700000000.def', private_metadata: '', blocks: view.blocks, state: { values: {} }, app_id: FAKE_TEAM.appId, bot_id: FAKE_TEAM.botId },
      actions: [{ type: 'button', action_id: actionId, block_id: button.block_id, text: { type: 'plain_text', text: 'x' }, value: value ?? button.value, action_ts: '1764690000.000100' }],
    };
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).status).toBe(200);
    return (await fake.waitFor('views.update', (c) => c.args.view_id === view.id && !seenUpdates.has(c))).args.view as TView;
  }
  const seenUpdates = new Set<unknown>();

  /** A click on a button of a private (ephemeral) message; the answer through its response_url. */
  async function clickEphemeral(user: string, button: TButton) {
    const id = `e${++n}`;
    const payload = messageButtonClick(user, button, { ts: '1764690000.000500', text: 'x', blocks: [] }, fake.responseUrl(id));
    payload.container.is_ephemeral = true;
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).status).toBe(200);
    return (await fake.waitFor('response_url', (c) => c.target === id)).args as { text: string; replace_original?: boolean; blocks?: TBlock[] };
  }

  /** `/brief @dana` by `user`: the brief's blocks (privately, through the response_url). */
  async function brief(user: string) {
    const id = `b${++n}`;
    await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/brief', text: '<@U0REP1|dana>', user_id: user, response_url: fake.responseUrl(id) });
    return ((await fake.waitFor('response_url', (c) => c.target === id)).args.blocks ?? []) as TBlock[];
  }

  /** The brief's menu on a review line: the choice picked; the private answer, or the trigger of the form it opens. */
  async function pickInMenu(user: string, value: string) {
    const id = `m${++n}`;
    const trigger = newTriggerId();
    const channel = `D${user.slice(1)}`;
    const payload = {
      ...common,
      type: 'block_actions',
      user: userOf(user),
      container: { type: 'message', message_ts: '1764690000.000700', channel_id: channel, is_ephemeral: true },
      trigger_id: trigger,
      channel: { id: channel, name: 'directmessage' },
      response_url: fake.responseUrl(id),
      state: { values: {} },
      actions: [{ type: 'overflow', action_id: 'review_menu', block_id: 'b1', selected_option: { text: { type: 'plain_text', text: 'x' }, value }, action_ts: '1764690000.000100' }],
    };
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, payload)).status).toBe(200);
    return { responseId: id, trigger };
  }

  /** Plans the rep's DM and, with `send`, sends it: where it landed. */
  async function planDm(reviewId: number, send: boolean) {
    await planDeliveries(app.db, { now: NOW, workspaceId: W, sources: [reviewSource] });
    const row = (await deliveryOf(reviewId))!;
    expect(row.status).toBe('pending');
    if (!send) return row;
    const result = await sendDelivery(app.db, createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url })), row.id, NOW);
    expect(result.outcome).toBe('sent');
    return (await deliveryOf(reviewId))!;
  }

  const homePublishedFor = (user: string) => fake.waitFor('views.publish', (c) => c.args.user_id === user);

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: NY },
        { id: 'U0MGR2', name: 'olga', real_name: 'Olga Other', tz: NY },
        { id: 'U0ADM1', name: 'ada', real_name: 'Ada Admin', tz: NY },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: NY },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: NY },
      ],
    });
    app = await startTestApp({ fake, now: () => NOW });
    for (const user of ['U0MGR1', 'U0MGR2', 'U0ADM1', 'U0REP1', 'U0REP2']) await coach(user, 'help');
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR1'));
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR2'));
    await app.db.update(people).set({ role: 'admin' }).where(eq(people.slackUserId, 'U0ADM1'));
    await placeTier(app.db, W, await personId('U0REP1'), 'guided', at('2026-11-30T06:00'));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(people).set({ managerId: await personId('U0MGR1') }).where(eq(people.slackUserId, rep));
    await clearTables(app.db, ['callReviewComments', 'callReviews', 'deliveries']);
    fake.reset({ users: false });
    seenUpdates.clear();
  });

  it('Edit on the confirmation: the form opens filled in, saving updates the row, the DM Dana has (chat.update) and her Home tab', async () => {
    const { reviewId, confirmation } = await share();
    const before = (await reviewRow(reviewId))!;
    const dm = await planDm(reviewId, true);
    expect(dm.channel).toBeTruthy();

    const edit = buttonsIn(confirmation.blocks).find((b) => b.action_id === 'review_delete') as TButton & { confirm?: { text: { text: string } } };
    expect(edit.confirm?.text.text).toBe('Delete this review? Dana Rep will no longer see it.');

    const form = { ...(await clickInModal('U0MGR1', confirmation, 'review_edit')), id: confirmation.id };
    expect(form.title?.text).toBe('Edit review');
    expect(JSON.parse(form.private_metadata!)).toMatchObject({ reviewId, repId: await personId('U0REP1') });
    expect(block(form, 'review_rep')).toBeUndefined();
    expect(block(form, 'review_went_well')!.element!.initial_value).toBe('You let the buyer talk.');
    expect(block(form, 'review_one_thing')!.element!.initial_value).toBe('Agree the next step before hanging up.');
    expect(block(form, 'review_url')!.element!.initial_value).toBe(GONG);

    fake.reset({ users: false });
    const ack = await submit('U0MGR1', form, { oneThing: 'Name the next meeting & its date <!here>.', url: 'https://app.gong.io/call?id=43' });
    expect(ack?.response_action).toBe('update');
    expect(ack?.view?.title).toMatchObject({ text: 'Review updated' });
    expect(JSON.stringify(ack?.view?.blocks)).toContain("Dana Rep's DM about it now shows the new version");
    const after = (await reviewRow(reviewId))!;
    expect(after).toMatchObject({ oneThing: 'Name the next meeting & its date <!here>.', url: 'https://app.gong.io/call?id=43', wentWell: before.wentWell, repId: before.repId, reviewerId: before.reviewerId });
    expect(after.sharedAt).toEqual(before.sharedAt);
    const update = await fake.waitFor('chat.update');
    expect(update.args).toMatchObject({ channel: dm.channel, ts: dm.ts });
    const blocks = JSON.stringify(update.args.blocks);
    expect(blocks).toContain('Name the next meeting &amp; its date &lt;!here&gt;.');
    expect(blocks).not.toContain('<!here>');
    expect(blocks).toContain('https://app.gong.io/call?id=43');
    await homePublishedFor('U0REP1');
    // Not a second review, not a second DM.
    expect(await app.db.select().from(callReviews)).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('Edit while Slack is slow to change the DM: the form is answered in time, says the DM is being changed, and the change lands after', async () => {
    const { reviewId, confirmation } = await share();
    const dm = await planDm(reviewId, true);
    const form = { ...(await clickInModal('U0MGR1', confirmation, 'review_edit')), id: confirmation.id };
    fake.reset({ users: false });
    fake.setDelay('chat.update', 2_500);
    const ack = await submit('U0MGR1', form, { oneThing: 'Ask for the next meeting before hanging up.' });
    expect(ack?.response_action).toBe('update');
    expect(JSON.stringify(ack?.view?.blocks)).toContain("Dana Rep's DM about it is being changed to the new version");
    const update = await fake.waitFor('chat.update');
    expect(update.args).toMatchObject({ channel: dm.channel, ts: dm.ts });
    expect(JSON.stringify(update.args.blocks)).toContain('Ask for the next meeting before hanging up.');
    fake.setDelay('chat.update', 0);
  });

  it('Edit from the brief’s menu, before the DM went: the row changes, nothing is updated in Slack, and the DM goes out with the new text', async () => {
    const { reviewId } = await share();
    await planDm(reviewId, false);
    const blocks = await brief('U0MGR1');
    const line = blocks.find((b) => b.accessory?.action_id === 'review_menu')!;
    expect(line.text!.text).toContain('Agree the next step');
    const [editOption, deleteOption] = line.accessory!.options!;
    expect(JSON.parse(editOption!.value)).toEqual({ op: 'edit', reviewId });
    expect(JSON.parse(deleteOption!.value)).toEqual({ op: 'delete', reviewId });

    const { trigger } = await pickInMenu('U0MGR1', editOption!.value);
    const form = { ...((await fake.waitFor('views.open', (c) => c.args.trigger_id === trigger)).args.view as TView), id: `V0EDIT${++viewN}` };
    expect(block(form, 'review_one_thing')!.element!.initial_value).toBe('Agree the next step before hanging up.');
    const ack = await submit('U0MGR1', form, { wentWell: 'Great discovery questions.' });
    expect(ack?.response_action).toBe('update');
    expect(JSON.stringify(ack?.view?.blocks)).toContain('their DM isn');
    expect(await reviewRow(reviewId)).toMatchObject({ wentWell: 'Great discovery questions.', oneThing: 'Agree the next step before hanging up.' });
    expect(fake.callsTo('chat.update')).toHaveLength(0);
    await homePublishedFor('U0REP1');

    const sent = await sendDelivery(app.db, createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url })), (await deliveryOf(reviewId))!.id, NOW);
    expect(sent.outcome).toBe('sent');
    expect(JSON.stringify(fake.callsTo('chat.postMessage').at(-1)!.args.blocks)).toContain('Great discovery questions.');
  });

  it('Delete on the confirmation with the DM sent: row and thread gone, chat.delete, Home republished; a second click is a polite note', async () => {
    const { reviewId, confirmation } = await share();
    const dm = await planDm(reviewId, true);
    await app.db.insert(s.callReviewComments).values({ workspaceId: W, reviewId, authorId: await personId('U0REP1'), text: 'a question', sourceRef: 'D1:1.1', createdAt: NOW });

    const done = await clickInModal('U0MGR1', confirmation, 'review_delete');
    expect(JSON.stringify(done.blocks)).toContain('Deleted. Dana Rep will no longer see it.');
    expect(await reviewRow(reviewId)).toBeUndefined();
    expect(await countRows(app.db, 'callReviewComments')).toBe(0);
    expect((await fake.waitFor('chat.delete')).args).toMatchObject({ channel: dm.channel, ts: dm.ts });
    await homePublishedFor('U0REP1');

    seenUpdates.add(fake.callsTo('views.update').at(-1));
    const again = await clickInModal('U0MGR1', confirmation, 'review_delete');
    expect(JSON.stringify(again.blocks)).toContain("That review isn't there any more");
    expect(fake.callsTo('chat.delete')).toHaveLength(1);
  });

  it('Delete from the brief’s menu with the DM pending: asked first, then the delivery is skipped and never sent', async () => {
    const { reviewId } = await share();
    const planned = await planDm(reviewId, false);

    const menu = (await brief('U0MGR1')).find((b) => b.accessory?.action_id === 'review_menu')!;
    const { responseId } = await pickInMenu('U0MGR1', menu.accessory!.options![1]!.value);
    const question = (await fake.waitFor('response_url', (c) => c.target === responseId)).args as { text: string; blocks: TBlock[]; replace_original?: boolean; unfurl_links?: boolean };
    expect(question.text).toBe('Delete this review? Dana Rep will no longer see it.');
    expect(question.unfurl_links).toBe(false);
    expect(await reviewRow(reviewId)).toBeDefined();

    const deleteButton = buttonsIn(question.blocks).find((b) => b.action_id === 'review_delete')!;
    const answer = await clickEphemeral('U0MGR1', deleteButton);
    expect(answer).toMatchObject({ text: 'Deleted. Dana Rep will no longer see it.', replace_original: true });
    expect(await reviewRow(reviewId)).toBeUndefined();
    expect(await deliveryOf(reviewId)).toMatchObject({ id: planned.id, status: 'skipped', reason: REVIEW_DELETED_REASON });
    await homePublishedFor('U0REP1');

    const result = await sendDelivery(app.db, createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url })), planned.id, NOW);
    expect(result.outcome).not.toBe('sent');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(fake.callsTo('chat.delete')).toHaveLength(0);

    // The old question clicked again: a note, not an error.
    expect((await clickEphemeral('U0MGR1', deleteButton)).text).toMatch(/isn't there any more/);
  });

  it('forged clicks by the rep, a peer and another manager are refused and change nothing; a manager whose rep left their team may not, an admin may', async () => {
    const { reviewId } = await share();
    const dm = await planDm(reviewId, true);
    const before = (await reviewRow(reviewId))!;
    fake.reset({ users: false });
    const forged = (action: string) => ({ action_id: action, value: String(reviewId) });

    for (const user of ['U0REP1', 'U0REP2', 'U0MGR2']) {
      expect((await clickEphemeral(user, forged('review_delete'))).text).toMatch(/Only the person who wrote this review|yours to read/);
      expect((await clickEphemeral(user, forged('review_edit'))).text).toMatch(/Only the person who wrote this review|yours to read/);
      const { responseId } = await pickInMenu(user, JSON.stringify({ op: 'delete', reviewId }));
      expect(String((await fake.waitFor('response_url', (c) => c.target === responseId)).args.text)).toMatch(/Only the person who wrote this review|yours to read/);
    }
    // A forged edit form (its metadata names the review) submitted by a peer: refused on submit, nothing saved.
    const forgedForm: TView = {
      id: `V0EDIT${++viewN}`,
      callback_id: 'review_call_form',
      private_metadata: JSON.stringify({ repId: await personId('U0REP2'), requestId: null, url: null, reviewId }),
      blocks: [{ type: 'input', block_id: 'review_url', element: { type: 'url_text_input', action_id: 'value', initial_value: 'https://evil.example/x' } }],
    };
    const refused = await submit('U0MGR2', forgedForm, { wentWell: 'hacked', oneThing: 'hacked', oneThingStage: 'demo' });
    expect(refused?.response_action).toBe('errors');
    expect(refused?.errors?.review_went_well).toMatch(/Only the person who wrote this review/);
    // An id that names nothing in this workspace: the polite note.
    expect((await clickEphemeral('U0MGR1', { action_id: 'review_delete', value: '999999' })).text).toMatch(/isn't there any more/);

    // Dana moves to Olga's team: Morgan, who wrote it, can no longer edit or delete it; Olga did not write it.
    await app.db.update(people).set({ managerId: await personId('U0MGR2') }).where(eq(people.slackUserId, 'U0REP1'));
    expect((await clickEphemeral('U0MGR1', forged('review_delete'))).text).toMatch(/isn't on your team any more/);
    expect((await clickEphemeral('U0MGR1', forged('review_edit'))).text).toMatch(/isn't on your team any more/);
    expect(await reviewRow(reviewId)).toEqual(before);
    expect(fake.callsTo('chat.delete')).toHaveLength(0);
    expect(fake.callsTo('chat.update')).toHaveLength(0);
    expect(fake.callsTo('views.open')).toHaveLength(0);

    // An admin may.
    expect((await clickEphemeral('U0ADM1', forged('review_delete'))).text).toBe('Deleted. Dana Rep will no longer see it.');
    expect(await reviewRow(reviewId)).toBeUndefined();
    expect((await fake.waitFor('chat.delete')).args).toMatchObject({ channel: dm.channel, ts: dm.ts });
  });

  it('a Slack failure deleting the DM is logged, not thrown: the review is deleted and the clicker told so', async () => {
    const { reviewId, confirmation } = await share();
    await planDm(reviewId, true);
    fake.failNext('chat.delete', { error: 'message_not_found' });
    const done = await clickInModal('U0MGR1', confirmation, 'review_delete');
    expect(JSON.stringify(done.blocks)).toContain('Deleted. Dana Rep will no longer see it.');
    expect(await reviewRow(reviewId)).toBeUndefined();
  });

  it('the brief shows no menu on reviews its reader may not change', async () => {
    const { reviewId } = await share('U0ADM1');
    // Morgan reads a review the admin wrote: no menu; the admin, on demand, gets one.
    expect((await brief('U0MGR1')).some((b) => b.accessory?.action_id === 'review_menu')).toBe(false);
    const adminBrief = await brief('U0ADM1');
    expect(adminBrief.find((b) => b.accessory?.action_id === 'review_menu')?.accessory?.options?.map((o) => JSON.parse(o.value))).toEqual([
      { op: 'edit', reviewId },
      { op: 'delete', reviewId },
    ]);
  });
});
