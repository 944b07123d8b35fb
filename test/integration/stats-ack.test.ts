import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { postCommand } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const NOW = new Date('2026-11-24T18:00:00Z'); // a Tuesday
const USERS = [
  { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
  { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
];

/**
 * `/stats` answers in the ack when ready within its budget (one round trip, nothing posted to the response_url),
 * and otherwise acks empty and posts the same answer to the response_url once ready (a budget of 0 forces that path).
 */
describe('/stats answered in the ack, or on the response_url when late (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let inAck: TTestApp;
  let late: TTestApp;
  let n = 0;

  const send = async (app: TTestApp, user: string, name: string, text: string) => {
    const id = `s${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: name, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    return { id, res, posted: () => fake.callsTo('response_url').filter((c) => c.target === id) };
  };
  const logThreeCalls = async (app: TTestApp) => {
    const { id } = await send(app, 'U0REP1', '/log', '3 calls with Acme');
    await fake.waitFor('response_url', (c) => c.target === id);
  };

  beforeAll(async () => {
    fake = await startFakeSlack({ users: USERS });
    inAck = await startTestApp({ fake, now: () => NOW });
    late = await startTestApp({ fake, now: () => NOW, statsAckBudgetMs: 0 });
    await logThreeCalls(inAck);
    await logThreeCalls(late);
  });
  afterAll(async () => {
    await inAck?.close();
    await late?.close();
    await fake?.close();
  });

  it.each([
    { text: '', want: /Your activity — This week[\s\S]*3\*? calls/ },
    { text: 'quarter', want: /Your activity — This quarter[\s\S]*3\*? calls/ },
    { text: 'deals', want: /Your open deals/ },
  ])('/stats $text: the blocks come back in the ack, and nothing goes to the response_url', async ({ text, want }) => {
    const { res, posted } = await send(inAck, 'U0REP1', '/stats', text);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = res.json as { response_type: string; blocks: unknown[]; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).toMatch(want);
    // The listener has finished by the time the ack is written: a response_url post would already be recorded.
    expect(posted()).toEqual([]);
  });

  it('a refusal and a bad period are answered in the ack too', async () => {
    const refused = await send(inAck, 'U0REP2', '/stats', '<@U0REP1|dana>');
    expect(refused.res.json).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/only show a rep's numbers/) });
    const bad = await send(inAck, 'U0REP1', '/stats', 'fortnight!!');
    expect((bad.res.json as { text: string }).text).toMatch(/fortnight/);
    expect([...refused.posted(), ...bad.posted()]).toEqual([]);
  });

  it('past the budget the ack is empty and the same answer is posted to the response_url', async () => {
    const fast = await send(inAck, 'U0REP1', '/stats', '');
    const slow = await send(late, 'U0REP1', '/stats', '');
    expect(slow.res.text).toBe('');
    const reply = await fake.waitFor('response_url', (c) => c.target === slow.id);
    expect(reply.args).toEqual(fast.res.json);

    const refused = await send(late, 'U0REP2', '/stats', '<@U0REP1|dana>');
    expect(refused.res.text).toBe('');
    expect((await fake.waitFor('response_url', (c) => c.target === refused.id)).args.text).toMatch(/only show a rep's numbers/);

    const deals = await send(late, 'U0REP1', '/stats', 'deals');
    expect(deals.res.text).toBe('');
    expect(JSON.stringify((await fake.waitFor('response_url', (c) => c.target === deals.id)).args)).toMatch(/Your open deals/);
  });
});
