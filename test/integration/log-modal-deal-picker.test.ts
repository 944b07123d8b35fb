import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { findPersonById, type TPersonRow } from '../../db/repositories/people';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import { checkinSource } from '../../src/services/deliveries/sources/checkin-source';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { addPerson } from '../support/db';
import { placeTier, setFocus } from '../support/deliveries';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, messageButtonClick, viewSubmission, type TButton } from '../support/interactions';
import { postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

/*
 * The Log activity modal's deal picker and the check-in's quick choices, over real HTTP (signed requests,
 * the real Bolt app, a migrated SQLite file, the fake Slack Web API). Wednesday 2 Dec 2026, New York.
 */

const W = FAKE_TEAM.teamId;
const NY = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toJSDate();
const NOW = at('2026-12-02T16:31');
const COMPUTED = at('2026-11-30T06:00');

type TOption = { text: { type: string; text: string }; value: string };
type TInput = { type: string; block_id?: string; optional?: boolean; text?: { text: string }; element?: { type: string; action_id: string; min_query_length?: number; initial_option?: TOption; options?: TOption[] } };
type TView = { callback_id: string; blocks: TInput[]; private_metadata?: string; title?: unknown; submit?: unknown; close?: unknown };

describe('the Log activity modal: deal picker and stage, and the check-in quick choices (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let dana: TPersonRow;
  let eli: TPersonRow;
  const ids: Record<string, number> = {};
  let n = 0;

  /** One of `owner`'s deals in `stage`, last active at `lastLocal`; `outcome` closes it. */
  async function deal(owner: TPersonRow, name: string, stage: string, lastLocal: string, outcome: 'open' | 'won' | 'lost' = 'open'): Promise<number> {
    const row = await createDeal(app.db, { workspaceId: W, repId: owner.id, externalId: `${owner.slackUserId}-${name}`, name, stage, createdAt: at('2026-10-01T09:00') });
    await addStageHistory(app.db, { dealId: row.id, stage, enteredAt: at('2026-10-01T09:00'), logEntryId: null });
    await app.db
      .update(s.deals)
      .set({ outcome, closedAt: outcome === 'open' ? null : at(lastLocal), lastActivityAt: at(lastLocal) })
      .where(eq(s.deals.id, row.id));
    return row.id;
  }

  async function focusedRep(slackUserId: string, name: string, focusStage: string | null): Promise<TPersonRow> {
    const person = await addPerson(app.db, W, slackUserId, { name, tz: NY });
    await placeTier(app.db, W, person.id, 'focused', COMPUTED);
    if (focusStage) await setFocus(app.db, W, person.id, focusStage, 'proposal', COMPUTED);
    return (await findPersonById(app.db, person.id))!;
  }

  /** Today's check-in for `person`, planned and sent as the jobs would; the message as posted. */
  async function checkinFor(person: TPersonRow) {
    await planDeliveries(app.db, { now: at('2026-12-02T16:25'), workspaceId: W, sources: [checkinSource] });
    const d = s.deliveries;
    const [{ id }] = (await app.db
      .select({ id: d.id })
      .from(d)
      .where(and(eq(d.kind, 'checkin'), eq(d.recipientId, person.id), eq(d.status, 'pending')))) as [{ id: number }];
    const slack = createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url }));
    const sent = await sendDelivery(app.db, slack, id, at('2026-12-02T16:30'));
    expect(sent.outcome).toBe('sent');
    const call = fake.callsTo('chat.postMessage').find((c) => (c.args.metadata as { event_payload?: { delivery_id?: number } }).event_payload?.delivery_id === id)!;
    return { ts: (sent as { ts: string }).ts, text: String(call.args.text), blocks: call.args.blocks };
  }

  /** A click on a message button; the modal it opened. */
  async function clickOpens(user: string, button: TButton, message: { ts: string; text: string; blocks: unknown }): Promise<TView> {
    const click = messageButtonClick(user, button, message, fake.responseUrl(`r${++n}`));
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, click)).status).toBe(200);
    return (await fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)).args.view as TView;
  }

  const LOG_BUTTON = { action_id: 'log_activity_open', value: '{}', block_id: 'nudge' };
  const someMessage = { ts: '1764700000.000100', text: 'Time for a check-in', blocks: [] };
  const openFromLogButton = (user: string) => clickOpens(user, LOG_BUTTON, someMessage);

  /** A block_suggestion from the deal picker, as Slack sends it; the options the app answered with. */
  async function suggest(user: string, value: string) {
    const payload = loadFixture('block-suggestion-log-deal', { user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: W }, value });
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    expect(res.status).toBe(200);
    return { ms: res.ms, contentType: res.headers.get('content-type'), options: (res.json as { options: TOption[] }).options };
  }

  const selected = (type: string, option: TOption | null) => ({ type, selected_option: option });
  const dealOption = (name: string, stage: string) => ({ text: { type: 'plain_text', text: `${name} · ${stage}`, emoji: true }, value: String(ids[name]) });
  const stageOption = (key: string, name: string) => ({ text: { type: 'plain_text', text: name, emoji: true }, value: key });

  /** Submits the modal with text and (optionally) a picked deal and stage, as Slack sends its state. */
  function submit(user: string, modal: TView, fields: { text: string; deal?: TOption | null; stage?: TOption | null }, viewId: string) {
    const values: Record<string, Record<string, unknown>> = {
      log_activity_text: { text: { type: 'plain_text_input', value: fields.text } },
      log_activity_deal: { log_deal: selected('external_select', fields.deal ?? null) },
      log_activity_stage: { log_stage: selected('static_select', fields.stage ?? null) },
    };
    const payload = viewSubmission(user, modal as unknown as Record<string, unknown>, values);
    return postInteraction(app.baseUrl, SIGNING_SECRET, { ...payload, view: { ...payload.view, id: viewId, hash: `1764700000.${viewId}` } });
  }

  const entriesOf = (person: TPersonRow) =>
    app.db
      .select({ id: s.logEntries.id, raw_text: s.logEntries.rawText })
      .from(s.logEntries)
      .where(and(eq(s.logEntries.personId, person.id), eq(s.logEntries.source, 'modal')))
      .orderBy(s.logEntries.id);
  const activitiesOfEntry = (entryId: number) => {
    const a = s.activities;
    return app.db.select({ type: a.type, count: a.count, dealId: a.dealId, stage: a.stage }).from(a).where(eq(a.logEntryId, entryId)).orderBy(a.id);
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0DANA', name: 'dana', real_name: 'Dana', tz: NY },
        { id: 'U0ELI', name: 'eli', real_name: 'Eli', tz: NY },
      ],
    });
    app = await startTestApp({ fake, now: () => NOW });
    dana = await focusedRep('U0DANA', 'Dana', 'demo');
    eli = await focusedRep('U0ELI', 'Eli', 'demo');
    // Dana's open deals, most recently active first: four in Demo (her focus stage), one in Proposal; two closed.
    ids['Acme Rockets'] = await deal(dana, 'Acme Rockets', 'demo', '2026-11-30T10:00');
    ids['Acme 469'] = await deal(dana, 'Acme 469', 'demo', '2026-11-28T10:00');
    ids['Big Acme Corp'] = await deal(dana, 'Big Acme Corp', 'proposal', '2026-11-25T10:00');
    ids['Globex'] = await deal(dana, 'Globex', 'demo', '2026-11-20T10:00');
    ids['Initech'] = await deal(dana, 'Initech', 'demo', '2026-11-02T10:00');
    ids['Acme Won'] = await deal(dana, 'Acme Won', 'won', '2026-11-29T10:00', 'won');
    ids['Hooli'] = await deal(dana, 'Hooli', 'lost', '2026-11-27T10:00', 'lost');
    // Eli's: never offered to Dana.
    ids['Acme Eli'] = await deal(eli, 'Acme Eli', 'demo', '2026-12-01T10:00');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('Log activity opens the modal: the text, the deal picker (external, min_query_length 0, nothing picked) and the open stages', async () => {
    const modal = await openFromLogButton('U0DANA');
    expect(modal.callback_id).toBe('log_activity');
    const inputs = modal.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(['log_activity_text', 'log_activity_deal', 'log_activity_stage']);
    expect(inputs[1]!.optional).toBe(true);
    expect(inputs[1]!.element).toMatchObject({ type: 'external_select', action_id: 'log_deal', min_query_length: 0 });
    expect(inputs[1]!.element!.initial_option).toBeUndefined();
    expect(inputs[2]!.element!.options!.map((o) => o.text.text)).toEqual(['Prospecting', 'Discovery', 'Demo', 'Proposal', 'Negotiation']);
  });

  it("block_suggestion: the rep's own open deals, most recently active first; typing filters; never another rep's, never a closed one", async () => {
    const all = await suggest('U0DANA', '');
    expect(all.contentType).toMatch(/application\/json/);
    expect(all.ms).toBeLessThan(3000); // Slack's limit; answered from SQLite alone, no Slack call
    expect(all.options.map((o) => o.text.text)).toEqual(['Acme Rockets · Demo', 'Acme 469 · Demo', 'Big Acme Corp · Proposal', 'Globex · Demo', 'Initech · Demo']);
    expect(all.options[1]!.value).toBe(String(ids['Acme 469']));

    const acme = await suggest('U0DANA', 'ACME');
    expect(acme.options.map((o) => o.text.text)).toEqual(['Acme Rockets · Demo', 'Acme 469 · Demo', 'Big Acme Corp · Proposal']);
    expect((await suggest('U0DANA', 'glob')).options.map((o) => o.value)).toEqual([String(ids['Globex'])]);
    expect((await suggest('U0DANA', 'hooli')).options).toEqual([]);
    expect((await suggest('U0ELI', 'acme')).options.map((o) => o.text.text)).toEqual(['Acme Eli · Demo']);
    // Someone Canopy has never seen has no deals (and no Slack call is made to find out).
    expect((await suggest('U0NOBODY', '')).options).toEqual([]);
    expect(fake.callsTo('users.info')).toEqual([]);
  });

  it("a check-in offers up to three of the rep's open deals in their focus stage; each opens the modal with that deal picked", async () => {
    const checkin = await checkinFor(dana);
    const quick = buttonsIn(checkin.blocks).filter((b) => b.action_id.startsWith('log_activity_deal_'));
    expect(quick.map((b) => b.text?.text)).toEqual(['Acme Rockets', 'Acme 469', 'Globex']);
    expect(JSON.stringify(checkin.blocks)).toContain('Something on one of your *Demo* deals?');

    const modal = await clickOpens('U0DANA', quick[1]!, checkin);
    const picker = modal.blocks.find((b) => b.block_id === 'log_activity_deal')!;
    expect(picker.element!.initial_option).toEqual({ text: { type: 'plain_text', text: 'Acme 469 · Demo' }, value: String(ids['Acme 469']) });
    expect(modal.blocks[0]!.type).toBe('input'); // no note
  });

  it('an old quick choice still opens the modal: a deal closed since, or a click by someone else, gets a polite note and no deal picked', async () => {
    const checkin = await checkinFor(eli);
    const [button] = buttonsIn(checkin.blocks).filter((b) => b.action_id.startsWith('log_activity_deal_'));
    expect(button!.text?.text).toBe('Acme Eli');

    // Dana clicks a button on Eli's message (forwarded, or a shared screen): Eli's deal is not offered to her.
    const notYours = await clickOpens('U0DANA', button!, checkin);
    expect(JSON.stringify(notYours.blocks[0])).toContain("a deal that isn't yours, so nothing is picked");
    expect(notYours.blocks.find((b) => b.block_id === 'log_activity_deal')!.element!.initial_option).toBeUndefined();

    // Eli won it since the check-in went out.
    await app.db.update(s.deals).set({ outcome: 'won', stage: 'won', closedAt: NOW }).where(eq(s.deals.id, ids['Acme Eli']!));
    const closed = await clickOpens('U0ELI', button!, checkin);
    expect(JSON.stringify(closed.blocks[0])).toContain("*Acme Eli* is won now, so it isn't picked — pick another below, or leave it empty.");
    expect(closed.blocks.find((b) => b.block_id === 'log_activity_deal')!.element!.initial_option).toBeUndefined();

    // A value we cannot read: the plain modal, never an error.
    const odd = await clickOpens('U0ELI', { ...button!, value: 'not json' }, checkin);
    expect(odd.callback_id).toBe('log_activity');
    expect(fake.callsTo('response_url')).toEqual([]);
  });

  it('no focus stage, or no open deal in it: no quick choices', async () => {
    const fay = await focusedRep('U0FAY', 'Fay', null);
    await deal(fay, 'Soylent', 'demo', '2026-11-30T10:00');
    const gus = await focusedRep('U0GUS', 'Gus', 'negotiation');
    await deal(gus, 'Umbrella', 'demo', '2026-11-30T10:00');
    for (const person of [fay, gus]) {
      const checkin = await checkinFor(person);
      expect(buttonsIn(checkin.blocks).map((b) => b.action_id)).toEqual(['log_activity_open', 'checkin_fewer']);
    }
  });

  it('a submission with a deal and a stage is logged once and confirmed', async () => {
    const modal = await openFromLogButton('U0DANA');
    const before = (await entriesOf(dana)).length;
    const res = await submit('U0DANA', modal, { text: 'call', deal: dealOption('Acme 469', 'Demo'), stage: stageOption('discovery', 'Discovery') }, 'V0PICK1');
    expect(res.status).toBe(200);
    const body = res.json as { response_action: string; view: TView };
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view)).toContain('Logged 1 call');
    expect((await entriesOf(dana)).map((e) => e.raw_text).slice(before)).toEqual(['call']);
    // A double click sends the same form again: it counts once.
    const again = await submit('U0DANA', modal, { text: 'call', deal: dealOption('Acme 469', 'Demo'), stage: stageOption('discovery', 'Discovery') }, 'V0PICK1');
    expect(JSON.stringify((again.json as { view: TView }).view)).toContain('Already logged');
    expect(await entriesOf(dana)).toHaveLength(before + 1);
  });

  it('a picked deal no longer open, or not the rep\'s, or a stage no longer open, is an error on its field; nothing is logged', async () => {
    const modal = await openFromLogButton('U0DANA');
    const before = (await entriesOf(dana)).length;
    const errorsOf = async (fields: Parameters<typeof submit>[2], viewId: string) => {
      const res = await submit('U0DANA', modal, fields, viewId);
      expect((res.json as { response_action: string }).response_action).toBe('errors');
      return (res.json as { errors: Record<string, string> }).errors;
    };
    expect(await errorsOf({ text: 'demo', deal: dealOption('Hooli', 'Lost') }, 'V0BAD1')).toEqual({ log_activity_deal: '"Hooli" is lost now — pick another or leave it empty. Nothing was logged.' });
    expect(await errorsOf({ text: 'demo', deal: dealOption('Acme Eli', 'Demo') }, 'V0BAD2')).toEqual({ log_activity_deal: "That deal isn't one of yours — pick one of your own or leave it empty. Nothing was logged." });
    expect(await errorsOf({ text: 'demo', deal: { text: { type: 'plain_text', text: 'x' }, value: '99999' } }, 'V0BAD3')).toEqual({ log_activity_deal: "That deal isn't in Canopy any more — pick another or leave it empty. Nothing was logged." });
    expect(await errorsOf({ text: 'demo', deal: { text: { type: 'plain_text', text: 'x' }, value: 'acme' } }, 'V0BAD4')).toEqual({ log_activity_deal: "That deal isn't one I recognise — pick it again from the list." });
    expect(await errorsOf({ text: 'demo', stage: stageOption('won', 'Won') }, 'V0BAD5')).toEqual({ log_activity_stage: "That stage isn't one of your team's open stages any more — pick another or leave it empty. Nothing was logged." });
    // Both fields wrong at once: both say so.
    const both = await errorsOf({ text: 'had a lovely lunch', deal: dealOption('Acme Won', 'Won') }, 'V0BAD6');
    expect(Object.keys(both).sort()).toEqual(['log_activity_deal', 'log_activity_text']);
    expect(await entriesOf(dana)).toHaveLength(before);
  });

  it('activities from a submission land on the picked deal; without a deal they take the picked stage', async () => {
    const modal = await openFromLogButton('U0DANA');
    await submit('U0DANA', modal, { text: 'call, 2 emails', deal: dealOption('Acme 469', 'Demo') }, 'V0E2E1');
    const onDeal = (await entriesOf(dana)).at(-1)!;
    expect(onDeal.raw_text).toBe('call, 2 emails');
    expect(await activitiesOfEntry(onDeal.id)).toEqual([
      expect.objectContaining({ type: 'call', count: 1, dealId: ids['Acme 469'] }),
      expect.objectContaining({ type: 'email', count: 2, dealId: ids['Acme 469'] }),
    ]);

    await submit('U0DANA', modal, { text: '3 calls', stage: stageOption('discovery', 'Discovery') }, 'V0E2E2');
    const onStage = (await entriesOf(dana)).at(-1)!;
    expect(await activitiesOfEntry(onStage.id)).toEqual([expect.objectContaining({ type: 'call', count: 3, dealId: null, stage: 'discovery' })]);
  });
});
