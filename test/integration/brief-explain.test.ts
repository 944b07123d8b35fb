import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { s } from '../support/tables';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick } from '../support/interactions';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { people } = s;

// A Tuesday, 13:00 in New York (the manager).
const NOW = new Date('2026-11-24T18:00:00Z');
let tick = 0;
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

describe('the brief’s "How is this computed?" button (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const slash = async (command: '/coach' | '/brief', user: string, text: string) => {
    const id = `c${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    return reply.args as Record<string, unknown> & { text: string; blocks?: unknown };
  };
  const personId = async (slackUserId: string) => (await app.db.select().from(people).where(eq(people.slackUserId, slackUserId)))[0]!.id;
  const click = async (user: string, brief: { text: string; blocks?: unknown }, value?: string) => {
    const button = buttonsIn(brief.blocks).find((b) => b.action_id === 'brief_explain')!;
    const message = { ts: '1700000000.000100', blocks: brief.blocks, text: brief.text };
    const target = `x${++n}`;
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick(user, { ...button, value: value ?? button.value }, message, fake.responseUrl(target)));
    expect(res.status).toBe(200);
    return target;
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0STR1', name: 'sam', real_name: 'Sam Stranger', tz: 'UTC' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    for (const user of ['U0MGR1', 'U0REP1', 'U0STR1']) await slash('/coach', user, 'help');
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR1'));
    await app.db.update(people).set({ managerId: await personId('U0MGR1') }).where(eq(people.slackUserId, 'U0REP1'));
    await slash('/coach', 'U0MGR1', '1on1 <@U0REP1> weekly wed 10:00');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('the brief says it in two sentences and offers the button; the manager’s click opens the full explanation in a modal', async () => {
    const brief = await slash('/brief', 'U0MGR1', '<@U0REP1>');
    const json = JSON.stringify(brief.blocks);
    expect(json).toContain('How is this computed?');
    expect(buttonsIn(brief.blocks).map((b) => b.action_id)).toEqual(['brief_log_notes', 'brief_explain']);
    await click('U0MGR1', brief);
    const open = await fake.waitFor('views.open');
    const view = open.args.view as { callback_id: string; title: { text: string }; blocks: unknown };
    expect(view.callback_id).toBe('brief_detail');
    expect(view.title.text).toBe('How is this computed?');
    const detail = JSON.stringify(view.blocks);
    expect(detail).toContain('Dana Rep');
    expect(detail).toContain('Over the last 90 days');
    expect(detail).toContain('dormant');
  });

  it('someone who may not see the brief gets a private refusal and no modal', async () => {
    const brief = await slash('/brief', 'U0MGR1', '<@U0REP1>');
    fake.reset();
    for (const user of ['U0STR1', 'U0REP1']) {
      const target = await click(user, brief);
      const reply = await fake.waitFor('response_url', (c) => c.target === target);
      expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(reply.args.text)).toMatch(/manager and admins/);
    }
    expect(fake.callsTo('views.open')).toHaveLength(0);
  });

  it.each([
    { what: 'not JSON', value: 'nope' },
    { what: 'a wrong shape', value: JSON.stringify({ rep: 'U0REP1' }) },
    { what: 'an unknown rep', value: JSON.stringify({ rep: 'U0NOBODY', asOf: NOW.getTime() }) },
  ])('a button carrying $what gets a polite note, never an error', async ({ value }) => {
    const brief = await slash('/brief', 'U0MGR1', '<@U0REP1>');
    fake.reset();
    const target = await click('U0MGR1', brief, value);
    const reply = await fake.waitFor('response_url', (c) => c.target === target);
    expect(String(reply.args.text)).toMatch(/doesn't carry anything I recognise|manager and admins/);
    expect(fake.callsTo('views.open')).toHaveLength(0);
  });
});
