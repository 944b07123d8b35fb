import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { commandReply } from '../support/command-reply';
import { postCommand, postEvent } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

const NOW = new Date('2026-11-24T18:00:00Z'); // a Tuesday
let tick = 0;
/** A clock that moves on a second per reading, as a real one would between a /log and a /stats. */
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

type TReply = Record<string, unknown> & { text: string; json: string; blocks?: unknown[] };
type TView = { blocks: unknown[] };

describe('/stats deals, /stats @rep deals and Home\'s "Your deals" (real HTTP through the stats thread, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const command = async (user: string, name: string, text: string): Promise<TReply> => {
    const id = `d${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: name, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const reply = { args: await commandReply(res, fake, id) };
    return { ...reply.args, json: JSON.stringify(reply.args) } as TReply;
  };
  const home = async (user: string): Promise<TView> => {
    const since = fake.calls.length;
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0DEALS${++n}`, event: { user, tab: 'home' } }));
    expect(res.status).toBe(200);
    return (await fake.waitFor('views.publish', (c) => c.args.user_id === user && fake.calls.indexOf(c) >= since)).args.view as TView;
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0ADM1', name: 'alex', real_name: 'Alex Admin', tz: 'UTC', is_admin: true },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    // Dana logs her deals as reps do; Eli logs nothing.
    await command('U0REP1', '/log', 'demo with Acme');
    await command('U0REP1', '/log', 'sent proposal to Globex $24k');
    await command('U0REP1', '/log', '2 calls with Initech');
    await command('U0REP2', '/coach', 'help');
    await command('U0MGR1', '/coach', 'help');
    // Morgan manages Dana, as a people import sets it (teams by consent are tested in team-consent.test.ts).
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0MGR1'));
    const morgan = (await app.db.select().from(s.people).where(eq(s.people.slackUserId, 'U0MGR1')))[0]!;
    await app.db.update(s.people).set({ managerId: morgan.id }).where(eq(s.people.slackUserId, 'U0REP1'));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('/stats deals shows the rep their open deals by stage with what was logged on each', async () => {
    const reply = await command('U0REP1', '/stats', 'deals');
    expect(reply.response_type).toBe('ephemeral');
    expect(findLimitViolations(reply.blocks as never)).toEqual([]);
    expect(reply.text).toMatch(/^Your open deals: 3 open deals · \$24k/);
    for (const want of ['Acme', 'Globex', 'Initech', 'Demo', 'Proposal', '$24k', 'Today: demo', 'Today: proposal', 'last activity just now']) expect(reply.json).toContain(want);
    // Stages in selling-system order.
    expect(reply.json.indexOf('*Demo*')).toBeLessThan(reply.json.indexOf('*Proposal*'));
  });

  it('/stats last month deals and /stats deals yesterday take a period for what was logged', async () => {
    const lastMonth = await command('U0REP1', '/stats', 'last month deals');
    expect(lastMonth.text).toMatch(/^Your open deals — logged last month: 3 open deals/);
    expect(lastMonth.json).toContain('0 with something logged last month');
    const yesterday = await command('U0REP1', '/stats', 'deals yday');
    expect(yesterday.text).toMatch(/logged yesterday/);
  });

  it('a rep with no deals is told kindly how they appear; bad words get a clear message', async () => {
    const none = await command('U0REP2', '/stats', 'deals');
    expect(none.json).toContain('No open deals right now');
    const bad = await command('U0REP1', '/stats', 'deals acme');
    expect(bad.text).toMatch(/don't know the period `acme`.*`\/stats deals`/);
  });

  it("the rep's manager and an admin see /stats @rep deals; a peer and a manager of others are refused", async () => {
    const manager = await command('U0MGR1', '/stats', '<@U0REP1|dana> deals');
    expect(manager.text).toMatch(/^Dana Rep's open deals: 3 open deals/);
    expect(manager.json).toContain('Globex');
    const admin = await command('U0ADM1', '/stats', 'deals <@U0REP1|dana>');
    expect(admin.json).toContain('Acme');
    const peer = await command('U0REP2', '/stats', '<@U0REP1|dana> deals');
    expect(peer.text).toMatch(/only show a rep's numbers/);
    expect(peer.json).not.toContain('Globex');
    const notTheirs = await command('U0MGR1', '/stats', '<@U0REP2|eli> deals');
    expect(notTheirs.text).toMatch(/only show a rep's numbers/);
  });

  it('/stats yesterday and /stats ytd answer with their periods, and the week by stage', async () => {
    const week = await command('U0REP1', '/stats', '');
    // Every activity of the week is counted in some stage (which one is the logging's: the deal's stage then).
    const line = /By stage:\* ([^"\\]*)/.exec(week.json)?.[1] ?? '';
    const counted = [...line.matchAll(/ (\d+)(?: ·|$)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(counted).toBe(4);
    expect(line).not.toContain('not tied to a stage');
    const yesterday = await command('U0REP1', '/stats', 'yesterday');
    expect(yesterday.json).toContain('Your activity — Yesterday');
    expect(yesterday.json).toContain('Nothing logged yesterday');
    const ytd = await command('U0REP1', '/stats', 'ytd');
    expect(ytd.json).toContain('Your activity — This year');
  });

  it('Home: "Your deals" for a rep with deals; a kind line for one without', async () => {
    const dana = JSON.stringify(await home('U0REP1'));
    expect(dana).toContain('*Your deals* — *3* open deals');
    expect(dana).toContain('Globex');
    const eli = JSON.stringify(await home('U0REP2'));
    expect(eli).toContain('*Your deals*\\nNo open deals right now');
  });
});
