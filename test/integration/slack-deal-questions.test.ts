import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick, type TButton } from '../support/interactions';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

const T = FAKE_TEAM.teamId;

/** Issue 12: the ask-which-deal buttons and Undo of a new deal, clicked over real HTTP through the fake Slack. */
describe('which deal? — the confirmation asks with buttons (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const slashLog = async (user: string, text: string) => {
    const id = `log${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/log', text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    return reply.args as { text: string; blocks: unknown };
  };
  const click = async (user: string, reply: { text: string; blocks: unknown }, button: TButton) => {
    const target = `click${++n}`;
    const message = { ts: '1700000000.000100', blocks: reply.blocks, text: reply.text };
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick(user, button, message, fake.responseUrl(target)));
    expect(res.status).toBe(200);
    return (await fake.waitFor('response_url', (c) => c.target === target)).args as { text: string; blocks: unknown; replace_original?: boolean };
  };
  const repId = async (slackUserId: string) => (await app.db.select().from(s.people).where(eq(s.people.slackUserId, slackUserId)))[0]!.id;
  const addDeal = async (rep: number, name: string, stage: string) => {
    const deal = await createDeal(app.db, { workspaceId: T, repId: rep, externalId: `crm-${name}`, name, stage, createdAt: new Date(1_690_000_000_000) });
    await addStageHistory(app.db, { dealId: deal.id, stage, enteredAt: new Date(1_690_000_000_000), logEntryId: null });
    return deal;
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'America/Los_Angeles' },
      ],
    });
    app = await startTestApp({ fake, now: () => new Date(1_700_010_000_000) });
    await slashLog('U0REP1', 'help');
    await slashLog('U0REP2', 'help');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('two Acmes: the buttons name both; a click puts the calls on the chosen one and re-renders the confirmation', async () => {
    const dana = await repId('U0REP1');
    const rockets = await addDeal(dana, 'Acme Rockets', 'discovery');
    await addDeal(dana, 'Acme Labs', 'proposal');
    const reply = await slashLog('U0REP1', '3 calls with Acme');
    expect(reply.text).toMatch(/3 calls/);
    const buttons = buttonsIn(reply.blocks);
    expect(buttons.slice(0, 2).map((b) => b.text?.text).sort()).toEqual(['Acme Labs · Proposal', 'Acme Rockets · Discovery']);
    // The new deal offered beside them is a third Acme, for when neither is meant.
    expect(buttons.slice(2).map((b) => b.text?.text)).toEqual(['New deal Acme', 'None of these']);
    const pick = buttons.find((b) => b.text?.text?.startsWith('Acme Rockets'))!;
    const other = buttons.find((b) => b.text?.text?.startsWith('Acme Labs'))!;
    const row = async () => (await app.db.select().from(s.activities).where(eq(s.activities.repId, dana)))[0]!;
    expect(await row()).toMatchObject({ dealId: null, count: 3 });

    const answered = await click('U0REP1', reply, pick);
    expect(answered.replace_original).toBe(true);
    expect(answered.text).toMatch(/3 calls \(Acme Rockets\)/);
    expect(buttonsIn(answered.blocks)).toEqual([]);
    expect(await row()).toMatchObject({ dealId: rockets.id, stage: 'discovery' });

    // The same button again (an old message): a polite note to the clicker, nothing changed.
    const again = await click('U0REP1', reply, other);
    expect(again.text).toMatch(/earlier version|already answered/);
    expect((await row()).dealId).toBe(rockets.id);
  });

  it('another rep clicking the question changes nothing', async () => {
    const dana = await repId('U0REP1');
    await addDeal(dana, 'Globex East', 'demo');
    await addDeal(dana, 'Globex West', 'demo');
    const reply = await slashLog('U0REP1', 'email to Globex');
    const [first] = buttonsIn(reply.blocks);
    const refused = await click('U0REP2', reply, first!);
    expect(refused.text).toMatch(/Only the rep/);
    expect((await app.db.select().from(s.activities).where(eq(s.activities.type, 'email')))[0]?.dealId).toBeNull();
  });

  it('a new deal is said with an Undo; Undo removes the deal and keeps the demo', async () => {
    const reply = await slashLog('U0REP2', 'demo with Initech');
    expect(JSON.stringify(reply.blocks)).toMatch(/New deal \*Initech\*/);
    const undo = buttonsIn(reply.blocks).find((b) => b.action_id === 'undo_new_deal')!;
    const done = await click('U0REP2', reply, undo);
    expect(JSON.stringify(done.blocks)).toMatch(/Undone: no new deal \*Initech\*/);
    expect(await app.db.select().from(s.deals).where(eq(s.deals.name, 'Initech'))).toHaveLength(0);
    expect((await app.db.select().from(s.activities).where(eq(s.activities.type, 'demo')))[0]).toMatchObject({ dealId: null, stage: 'demo' });
  });

  it('"won" on a deal it does not know asks first; Create makes and wins it', async () => {
    const reply = await slashLog('U0REP2', 'won Umbrella $12,500');
    expect(await app.db.select().from(s.deals).where(eq(s.deals.name, 'Umbrella'))).toHaveLength(0);
    const create = buttonsIn(reply.blocks).find((b) => b.text?.text === 'Create Umbrella')!;
    const done = await click('U0REP2', reply, create);
    expect(done.text).toMatch(/[Ww]on \*Umbrella\*/);
    expect((await app.db.select().from(s.deals).where(eq(s.deals.name, 'Umbrella')))[0]).toMatchObject({ outcome: 'won', amountCents: 1_250_000 });
  });

  it('a mangled button value gets a clear refusal, never an error', async () => {
    const reply = await slashLog('U0REP2', '2 calls');
    const forged: TButton = { action_id: 'deal_answer_0', value: '{"questionId":"x"}', block_id: 'deal_question_1' };
    const refused = await click('U0REP2', reply, forged);
    expect(refused.text).toMatch(/doesn't carry anything I recognise/);
  });
});
