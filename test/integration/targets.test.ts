import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dmChannelId, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { messageButtonClick, viewSubmission } from '../support/interactions';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

const NOW = new Date('2026-11-24T18:00:00Z'); // Q4 2026 everywhere
let tick = 0;
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

type TButton = { action_id: string; value: string; block_id?: string };

describe('/coach targets: propose, agree, adjust, set (real HTTP, fake Slack, real SQLite)', () => {
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
    const label = button.action_id === 'targets_agree' ? 'Agree' : 'Adjust';
    const payload = messageButtonClick(user, { block_id: 'targets_decision', ...button, text: { text: label } }, message, fake.responseUrl(id));
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    expect(res.status).toBe(200);
    return { id, triggerId: payload.trigger_id, channel: dmChannelId(user) };
  };

  /** A submission of the adjust modal as opened by `views.open`, with the typed values. */
  const submit = (user: string, opened: Record<string, unknown>, targets: string, note?: string) =>
    postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(user, opened, {
      targets_targets: { targets: { type: 'plain_text_input', value: targets } },
      targets_note: { note: { type: 'plain_text_input', value: note ?? null } },
    }));

  const personId = async (slackUserId: string) => (await app.db.select().from(s.people).where(eq(s.people.slackUserId, slackUserId)))[0]!.id;
  const setsOf = async (slackUserId: string) =>
    (await app.db.select().from(s.activityTargets).where(eq(s.activityTargets.personId, await personId(slackUserId)))).sort((a, b) => a.id - b.id);
  const dmsTo = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
  const buttonsOf = (call: TFakeCall): TButton[] => {
    const blocks = call.args.blocks as { type: string; block_id?: string; elements?: TButton[] }[];
    return blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id! })));
  };
  /** The rep proposes; returns the manager's DM (with its buttons). */
  const propose = async (rep: string, text: string, manager = 'U0MGR1') => {
    const reply = await command(rep, `targets ${text}`);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === manager);
    return { reply, dm, buttons: buttonsOf(dm), message: { ts: '1700000000.000900', blocks: dm.args.blocks, text: String(dm.args.text) } };
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    // People come from Slack on first sight; roles and managers as a people import would set them.
    for (const user of ['U0MGR1', 'U0REP1', 'U0REP2']) await command(user, 'help');
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0MGR1'));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(s.people).set({ managerId: await personId('U0MGR1') }).where(eq(s.people.slackUserId, rep));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('a rep proposes; the manager gets Agree / Adjust; a peer clicking Agree is refused; the manager agrees and the rep is told', async () => {
    const { reply, dm, buttons, message } = await propose('U0REP1', '25 calls, 10 emails and 2 proposals a month');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/Sent \*25 calls a week, 10 emails a week and 2 proposals a month\* to Morgan Manager for agreement/);
    expect(JSON.stringify(dm.args.blocks)).toMatch(/Dana Rep\* proposes their own activity targets/);
    expect(buttons.map((b) => b.action_id)).toEqual(['targets_agree', 'targets_adjust']);
    const [row] = await setsOf('U0REP1');
    expect(row).toMatchObject({ status: 'proposed', proposedById: await personId('U0REP1'), targets: [{ type: 'call', per: 'week', amount: 25 }, { type: 'email', per: 'week', amount: 10 }, { type: 'proposal', per: 'month', amount: 2 }] });
    for (const b of buttons) expect(JSON.parse(b.value)).toEqual({ targetsId: row!.id });

    const peer = await click('U0REP2', buttons[0]!, message);
    const refused = await fake.waitFor('response_url', (c) => c.target === peer.id);
    expect(String(refused.args.text)).toMatch(/Only this rep's manager or an admin/);
    expect((await setsOf('U0REP1'))[0]).toMatchObject({ status: 'proposed', agreedById: null });

    const { id } = await click('U0MGR1', buttons[0]!, message);
    const replaced = await fake.waitFor('response_url', (c) => c.target === id);
    expect(replaced.args.replace_original).toBe(true);
    expect(String(replaced.args.text)).toMatch(/^Agreed by Morgan Manager — Dana Rep's targets: 25 calls a week, 10 emails a week and 2 proposals a month/);
    expect(JSON.stringify(replaced.args.blocks)).not.toContain('targets_agree');
    const told = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(told.args.text)).toMatch(/Morgan Manager agreed your activity targets/);
    expect((await setsOf('U0REP1'))[0]).toMatchObject({ status: 'agreed', agreedById: await personId('U0MGR1') });

    // `/coach targets` shows them at once, with where they came from.
    const shown = await command('U0REP1', 'targets');
    expect(shown.json).toMatch(/Your activity targets/);
    expect(shown.json).toMatch(/\*25 calls a week\* — Agreed with Morgan Manager on Nov 24, proposed by you\./);
    expect(shown.json).toMatch(/\*2 proposals a month\*/);
    expect(dmsTo('U0REP1')).toHaveLength(1);
  });

  it('Adjust opens a modal; bad targets are a field error; good ones are agreed, the message updated and the rep told', async () => {
    const { buttons, message } = await propose('U0REP1', '40 calls');
    const { channel } = await click('U0MGR1', buttons[1]!, message);
    const open = await fake.waitFor('views.open');
    const view = open.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe('targets_adjust');
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"40 calls"');
    const bad = await submit('U0MGR1', view, '0 calls');
    expect((bad.json as { errors: Record<string, string> }).errors.targets_targets).toMatch(/between 1 and 500/);
    const ok = await submit('U0MGR1', view, '30 calls', 'Start here & step up');
    expect(ok.status).toBe(200);
    const update = await fake.waitFor('chat.update');
    expect(update.args).toMatchObject({ channel, ts: message.ts });
    expect(String(update.args.text)).toMatch(/^Adjusted by Morgan Manager — Dana Rep's targets: 30 calls a week \(proposed: 40 calls a week\)/);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(dm.args.text)).toMatch(/adjusted your activity targets to 30 calls a week \(you proposed 40 calls a week\)/);
    expect((await setsOf('U0REP1')).filter((s) => s.status === 'agreed').map((s) => s.targets)).toEqual([[{ type: 'call', per: 'week', amount: 30 }]]);
  });

  it("a manager sets a rep's targets directly; a rep cannot set or see a peer's", async () => {
    const reply = await command('U0MGR1', 'targets <@U0REP2|eli> 20 calls');
    expect(reply.text).toMatch(/Set Eli Rep's activity targets: \*20 calls a week\* — they got a DM/);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP2');
    expect(String(dm.args.text)).toMatch(/Morgan Manager set your activity targets: 20 calls a week/);
    expect(await setsOf('U0REP2')).toEqual([expect.objectContaining({ status: 'agreed', agreedById: await personId('U0MGR1'), proposedById: await personId('U0MGR1') })]);
    const theirs = await command('U0MGR1', 'targets <@U0REP2|eli>');
    expect(theirs.json).toMatch(/Eli Rep's activity targets/);
    expect(theirs.json).toMatch(/20 calls a week\* — Set by Morgan Manager on Nov 24\./);

    fake.reset();
    const peer = await command('U0REP1', 'targets <@U0REP2|eli> 5 calls');
    expect(peer.text).toMatch(/Only a rep's manager or an admin can set their targets/);
    const look = await command('U0REP1', 'targets <@U0REP2|eli>');
    expect(look.text).toMatch(/only show a rep's targets/);
    expect(await setsOf('U0REP2')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it.each([
    ['25 calls 10 emails 2 demos 1 proposal', /At most 3 targets/],
    ['0.5 proposals', /said per month/],
    ['<!channel> 5', /didn't understand `!channel`/],
  ])('bad targets %#: a clear message, nothing stored, nobody pinged', async (text, want) => {
    const before = (await app.db.select().from(s.activityTargets)).length;
    const reply = await command('U0REP1', `targets ${text}`);
    expect(reply.text).toMatch(want);
    expect(reply.json).not.toMatch(/<!channel>/);
    expect(await app.db.select().from(s.activityTargets)).toHaveLength(before);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
