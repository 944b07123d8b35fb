import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { s } from '../support/tables';
import { dmChannelId, FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { newTriggerId, postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { goals, people } = s;

const NOW = new Date('2026-11-24T18:00:00Z'); // Q4 2026 everywhere
let tick = 0;
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

type TButton = { action_id: string; value: string; block_id?: string };

describe('/coach goals: propose, agree, adjust, set (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const command = async (user: string, text: string) => {
    const id = `c${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    return { ...reply.args, json: JSON.stringify(reply.args) } as Record<string, unknown> & { text: string; json: string };
  };

  /** A click on a button of a message the bot posted in `user`'s DM, as Slack sends it. */
  const click = async (user: string, button: TButton, message: { ts: string; blocks: unknown; text: string }) => {
    const id = `a${++n}`;
    const channel = dmChannelId(user);
    const payload = {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM.teamId },
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
      trigger_id: newTriggerId(),
      team: { id: FAKE_TEAM.teamId, domain: FAKE_TEAM.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: 'directmessage' },
      message: { type: 'message', user: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, ts: message.ts, text: message.text, blocks: message.blocks },
      state: { values: {} },
      response_url: fake.responseUrl(id),
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: button.block_id ?? 'goal_decision',
          text: { type: 'plain_text', text: button.action_id === 'goal_agree' ? 'Agree' : 'Adjust', emoji: true },
          value: button.value,
          action_ts: `${Math.floor(Date.now() / 1000)}.000${n}`,
        },
      ],
    };
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    expect(res.status).toBe(200);
    return { id, triggerId: payload.trigger_id, channel };
  };

  /** A submission of the adjust modal as opened by `views.open`, with the typed values. */
  const submit = async (user: string, opened: Record<string, unknown>, target: string, note?: string) => {
    const values: Record<string, Record<string, unknown>> = {
      goal_target: { target: { type: 'plain_text_input', value: target } },
      goal_note: { note: { type: 'plain_text_input', value: note ?? null } },
    };
    const payload = {
      type: 'view_submission',
      team: { id: FAKE_TEAM.teamId, domain: FAKE_TEAM.teamDomain },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM.teamId },
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      trigger_id: newTriggerId(),
      view: {
        id: 'V0ADJUST1', team_id: FAKE_TEAM.teamId, type: 'modal', app_id: FAKE_TEAM.appId, bot_id: FAKE_TEAM.botId,
        callback_id: opened.callback_id, private_metadata: opened.private_metadata, blocks: opened.blocks,
        title: opened.title, submit: opened.submit, close: opened.close, state: { values },
        hash: '1700000000.abc', root_view_id: 'V0ADJUST1', previous_view_id: null, clear_on_close: false, notify_on_close: false, external_id: '',
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return postInteraction(app.baseUrl, SIGNING_SECRET, payload);
  };

  const personId = async (slackUserId: string) => (await app.db.select().from(people).where(eq(people.slackUserId, slackUserId)))[0]!.id;
  const goalsOf = async (slackUserId: string) =>
    (await app.db.select().from(goals).where(eq(goals.personId, await personId(slackUserId)))).sort((a, b) => a.id - b.id);
  const dmsTo = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
  const buttonsOf = (call: TFakeCall): TButton[] => {
    const blocks = call.args.blocks as { type: string; block_id?: string; elements?: TButton[] }[];
    return blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id! })));
  };
  /** The rep proposes; returns the manager's DM (with its buttons). */
  const propose = async (rep: string, text: string, manager = 'U0MGR1') => {
    const reply = await command(rep, `goals ${text}`);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === manager);
    return { reply, dm, buttons: buttonsOf(dm), message: { ts: '1700000000.000900', blocks: dm.args.blocks, text: String(dm.args.text) } };
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0ADM1', name: 'alex', real_name: 'Alex Admin', tz: 'UTC', is_admin: true },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
        { id: 'U0STR1', name: 'sam', real_name: 'Sam Stranger', tz: 'UTC' },
        { id: 'U0LONE1', name: 'lou', real_name: 'Lou Loner', tz: 'Asia/Kolkata' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    // People come from Slack on first sight; roles and managers as a people import would set them.
    for (const user of ['U0MGR1', 'U0ADM1', 'U0REP1', 'U0REP2', 'U0STR1', 'U0LONE1']) await command(user, 'help');
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR1'));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(people).set({ managerId: await personId('U0MGR1') }).where(eq(people.slackUserId, rep));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('a rep proposes: stored as proposed for the quarter, the manager gets Agree / Adjust, the rep a confirmation', async () => {
    const { reply, dm, buttons } = await propose('U0REP1', '8 deals');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/Sent \*8 deals won\* for Q4 2026 to Morgan Manager for agreement/);
    expect(JSON.stringify(dm.args.blocks)).toMatch(/Dana Rep\* proposes a goal for \*Q4 2026\*: \*8 deals won/);
    expect(buttons.map((b) => b.action_id)).toEqual(['goal_agree', 'goal_adjust']);
    const [row] = await goalsOf('U0REP1');
    expect(row).toMatchObject({ metric: 'deals_won', target: 8, status: 'proposed', periodStart: '2026-10-01', periodEnd: '2026-12-31', proposedById: await personId('U0REP1') });
    for (const b of buttons) expect(JSON.parse(b.value)).toEqual({ goalId: row!.id });
  });

  it('a stranger clicking Agree is refused, and nothing changes', async () => {
    const { buttons, message } = await propose('U0REP1', '9 deals');
    const { id } = await click('U0STR1', buttons[0]!, message);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply.args.text)).toMatch(/Only this rep's manager or an admin/);
    expect((await goalsOf('U0REP1')).at(-1)).toMatchObject({ target: 9, status: 'proposed', agreedById: null });
    expect(dmsTo('U0REP1')).toHaveLength(0);
  });

  it('a newer proposal replaces the older one; Agree on the old message is refused', async () => {
    const first = await propose('U0REP1', '10 deals');
    fake.reset();
    await propose('U0REP1', '8 deals');
    const rows = await goalsOf('U0REP1');
    expect(rows.filter((r) => r.status === 'proposed').map((r) => r.target)).toEqual([8]);
    const { id } = await click('U0MGR1', first.buttons[0]!, first.message);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    expect(String(reply.args.text)).toMatch(/replaced by a newer goal/);
    expect(reply.args.replace_original).toBe(false);
  });

  it('the manager agrees: goal agreed, the message replaced, the rep DM’d; a second click is harmless', async () => {
    const { buttons, message } = await propose('U0REP1', '8 deals');
    const goalId = (JSON.parse(buttons[0]!.value) as { goalId: number }).goalId;
    const { id } = await click('U0MGR1', buttons[0]!, message);
    const replaced = await fake.waitFor('response_url', (c) => c.target === id);
    expect(replaced.args.replace_original).toBe(true);
    expect(String(replaced.args.text)).toMatch(/^Agreed ✓ by Morgan Manager — Dana Rep's goal for Q4 2026: 8 deals won/);
    expect(JSON.stringify(replaced.args.blocks)).not.toContain('goal_agree');
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(dm.args.text)).toMatch(/Morgan Manager agreed your goal for Q4 2026: 8 deals won/);
    const row = (await app.db.select().from(goals).where(eq(goals.id, goalId)))[0]!;
    expect(row).toMatchObject({ status: 'agreed', agreedById: await personId('U0MGR1') });
    expect(row.agreedAt).toBeInstanceOf(Date);

    const again = await click('U0MGR1', buttons[0]!, message);
    const second = await fake.waitFor('response_url', (c) => c.target === again.id);
    expect(second.args.replace_original).toBe(true);
    expect(dmsTo('U0REP1')).toHaveLength(1);
    expect((await goalsOf('U0REP1')).filter((r) => r.status === 'agreed')).toHaveLength(1);
  });

  it("the rep's /coach goals shows the agreed goal and how to propose", async () => {
    const reply = await command('U0REP1', 'goals');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.json).toMatch(/Your goals · Q4 2026/);
    expect(reply.json).toMatch(/8 deals won\* — agreed by Morgan Manager/);
    expect(reply.json).toContain('/coach goals 8 deals');
    expect(reply.json).toMatch(/Oct 1 – Dec 31/);
  });

  it('Adjust opens a modal; a bad value is a field error; a good one agrees the new target, updates the message and tells the rep', async () => {
    const { buttons, message } = await propose('U0REP1', '10 deals');
    const goalId = (JSON.parse(buttons[1]!.value) as { goalId: number }).goalId;
    const { triggerId, channel } = await click('U0MGR1', buttons[1]!, message);
    const open = await fake.waitFor('views.open');
    expect(open.args.trigger_id).toBe(triggerId);
    const view = open.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe('goal_adjust');
    expect(JSON.parse(String(view.private_metadata))).toEqual({ goalId, channel, messageTs: message.ts });
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"10"');

    for (const [bad, want] of [['banana', /didn't understand banana/], ['0', /between 1 and 1,000/], ['$50k', /counts deals won/], ['', /Enter a target/]] as const) {
      const res = await submit('U0MGR1', view, bad);
      expect(res.status).toBe(200);
      const body = res.json as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors.goal_target).toMatch(want);
    }
    expect((await app.db.select().from(goals).where(eq(goals.id, goalId)))[0]).toMatchObject({ status: 'proposed', target: 10 });
    const longNote = await submit('U0MGR1', view, '12', 'x'.repeat(600));
    expect((longNote.json as { errors: Record<string, string> }).errors.goal_note).toMatch(/under 500/);

    const ok = await submit('U0MGR1', view, '12', 'Stretch, but <!channel> Acme is close & real');
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const update = await fake.waitFor('chat.update');
    expect(update.args).toMatchObject({ channel, ts: message.ts });
    expect(String(update.args.text)).toMatch(/^Adjusted ✓ by Morgan Manager — Dana Rep's goal for Q4 2026: 12 deals won \(proposed: 10 deals won\)/);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(dm.args.text)).toMatch(/Morgan Manager adjusted your goal for Q4 2026 to 12 deals won \(you proposed 10 deals won\)/);
    const dmJson = JSON.stringify(dm.args.blocks);
    expect(dmJson).toContain('&lt;!channel&gt; Acme is close &amp; real');
    expect(dmJson).not.toContain('<!channel>');

    expect((await app.db.select().from(goals).where(eq(goals.id, goalId)))[0]).toMatchObject({ status: 'agreed', target: 12, agreedById: await personId('U0MGR1') });
    // The earlier agreed goal (8 deals) gave way: one agreed goal per metric and quarter.
    const agreed = (await goalsOf('U0REP1')).filter((r) => r.status === 'agreed');
    expect(agreed.map((r) => r.target)).toEqual([12]);
  });

  it('a manager sets a goal for a rep: agreed at once, the rep gets a DM', async () => {
    const reply = await command('U0MGR1', 'goals <@U0REP2|eli> $150k');
    expect(reply.text).toMatch(/Set Eli Rep's goal for Q4 2026: \*\$150k revenue\* — they got a DM/);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP2');
    expect(String(dm.args.text)).toMatch(/Morgan Manager set your goal for Q4 2026: \$150k revenue/);
    expect(await goalsOf('U0REP2')).toEqual([
      expect.objectContaining({ metric: 'revenue', target: 15_000_000, status: 'agreed', agreedById: await personId('U0MGR1'), proposedById: await personId('U0MGR1') }),
    ]);
    const team = await command('U0MGR1', 'goals');
    expect(team.json).toMatch(/Your team's goals · Q4 2026/);
    expect(team.json).toMatch(/<@U0REP1> — :white_check_mark: 12 deals won/);
    expect(team.json).toMatch(/<@U0REP2> — :white_check_mark: \$150k revenue/);
  });

  it("a rep cannot set a peer's goal, nor look at it", async () => {
    const before = (await goalsOf('U0REP2')).length;
    const reply = await command('U0REP1', 'goals <@U0REP2|eli> 8 deals');
    expect(reply.text).toMatch(/Only a rep's manager or an admin can set their goal/);
    const look = await command('U0REP1', 'goals <@U0REP2|eli>');
    expect(look.text).toMatch(/only show a rep's goals/);
    expect(await goalsOf('U0REP2')).toHaveLength(before);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it.each([
    ['0 deals', /between 1 and 1,000/],
    ['banana', /didn't understand `banana`/],
    ['x'.repeat(5000), /too long/],
    ['<!channel>', /didn't understand `!channel`/],
    ['$0', /between \$1 and \$100M/],
    ['8.5 deals', /whole numbers/],
  ])('bad target %#: a clear message, nothing stored, nobody pinged', async (text, want) => {
    const before = (await app.db.select().from(goals)).length;
    const reply = await command('U0REP1', `goals ${text}`);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(want);
    expect(reply.json).not.toMatch(/<!channel>|<!here>|<!everyone>/);
    expect(await app.db.select().from(goals)).toHaveLength(before);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a rep with no manager: saved as proposed and told; an admin can then set it', async () => {
    const reply = await command('U0LONE1', 'goals 6 deals');
    expect(reply.text).toMatch(/no manager set/);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(await goalsOf('U0LONE1')).toEqual([expect.objectContaining({ status: 'proposed', target: 6, periodStart: '2026-10-01', periodEnd: '2026-12-31' })]);
    const own = await command('U0LONE1', 'goals');
    expect(own.json).toMatch(/6 deals won\* — proposed; no manager is set/);

    await command('U0ADM1', 'goals <@U0LONE1|lou> 6 deals');
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0LONE1');
    const rows = (await app.db.select().from(goals).where(and(eq(goals.personId, await personId('U0LONE1')), eq(goals.status, 'agreed'))));
    expect(rows).toEqual([expect.objectContaining({ target: 6, agreedById: await personId('U0ADM1') })]);
    expect((await goalsOf('U0LONE1')).filter((r) => r.status === 'proposed')).toHaveLength(0);
  });

  it('the manager may look at a rep’s goals', async () => {
    const reply = await command('U0MGR1', 'goals <@U0REP1|dana>');
    expect(reply.json).toMatch(/Dana Rep's goals · Q4 2026/);
    expect(reply.json).toMatch(/12 deals won/);
  });
});
