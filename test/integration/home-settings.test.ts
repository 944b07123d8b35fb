import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureMeeting, insertActionItems } from '../../db/repositories/one-on-ones';
import { findPersonBySlackId } from '../../db/repositories/people';
import { s } from '../support/tables';
import { readPreferences } from '../../src/domain/preferences';
import { addAgendaItem } from '../../src/services/one-on-ones/add-agenda-item';
import { scheduleOneOnOne } from '../../src/services/one-on-ones/schedule-one-on-one';
import { FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { newTriggerId, postCommand, postEvent, postInteraction, type TSlackResponse } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { oneOnOnes, people } = s;

const NOW = new Date('2026-11-24T18:00:00Z'); // a Tuesday: 13:00 in New York, 10:00 in Los Angeles
const clock = () => NOW;

type TView = { callback_id?: string; private_metadata?: string; blocks: TBlock[]; title?: unknown; submit?: unknown; close?: unknown; type?: string };
type TElement = { type: string; action_id?: string; value?: string; text?: { text: string }; options?: { text: { type: string; text: string }; value: string }[] };
type TBlock = { type: string; block_id?: string; elements?: TElement[]; accessory?: TElement };
type TValues = Record<string, Record<string, Record<string, unknown>>>;

const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: FAKE_TEAM.teamId });
const option = (value: string) => ({ text: { type: 'plain_text', text: value, emoji: true }, value });

describe('Home tab, schedule and settings modals (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const person = async (slackUserId: string) => (await findPersonBySlackId(app.db, FAKE_TEAM.teamId, slackUserId))!;
  const command = async (userId: string, text: string) => {
    const id = `c${++n}`;
    const triggerId = newTriggerId();
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: userId, response_url: fake.responseUrl(id), trigger_id: triggerId });
    expect(res.status).toBe(200);
    return { id, triggerId };
  };
  const openHome = async (userId: string, tab = 'home') => {
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0HOME${++n}`, event: { user: userId, tab } }));
    expect(res.status).toBe(200);
  };
  /** The Home tab published for a user after the `since`-th recorded call (default: any). */
  const publishedFor = async (userId: string, since = 0): Promise<TView> =>
    (await fake.waitFor('views.publish', (c) => c.args.user_id === userId && fake.calls.indexOf(c) >= since)).args.view as TView;
  const homeOf = async (userId: string) => {
    await openHome(userId);
    return publishedFor(userId);
  };
  const elementsOf = (view: TView) =>
    view.blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])].map((element) => ({ element, blockId: b.block_id ?? `b${view.blocks.indexOf(b)}` })));
  const find = (view: TView, actionId: string) => elementsOf(view).filter((e) => e.element.action_id === actionId);

  /** A click on the Home tab, as Slack sends it: a view container, no channel, no response_url. */
  const clickHome = async (userId: string, home: TView, found: { element: TElement; blockId: string }, selected?: string) => {
    const triggerId = newTriggerId();
    const base = { action_id: found.element.action_id, block_id: found.blockId, action_ts: `${Math.floor(Date.now() / 1000)}.00${++n}` };
    const action =
      selected === undefined
        ? { ...base, type: 'button', text: { type: 'plain_text', text: found.element.text?.text ?? '', emoji: true }, ...(found.element.value ? { value: found.element.value } : {}) }
        : { ...base, type: 'overflow', selected_option: found.element.options!.find((o) => o.text.text === selected)! };
    const payload = {
      type: 'block_actions',
      user: user(userId),
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      container: { type: 'view', view_id: 'V0HOME01' },
      trigger_id: triggerId,
      team: { id: FAKE_TEAM.teamId, domain: FAKE_TEAM.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      view: {
        id: 'V0HOME01', team_id: FAKE_TEAM.teamId, type: 'home', blocks: home.blocks, private_metadata: '', callback_id: '', state: { values: {} },
        hash: '1700000000.home', title: { type: 'plain_text', text: 'View Title' }, clear_on_close: false, notify_on_close: false, close: null, submit: null,
        previous_view_id: null, root_view_id: 'V0HOME01', app_id: FAKE_TEAM.appId, external_id: '', app_installed_team_id: FAKE_TEAM.teamId, bot_id: FAKE_TEAM.botId,
      },
      actions: [action],
    };
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, payload);
    expect(res.status).toBe(200);
    return triggerId;
  };
  const openedWith = async (triggerId: string): Promise<TView> => (await fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId)).args.view as TView;

  /** A submission of a modal as opened by `views.open`, with the given state values. */
  const submit = (userId: string, opened: TView, values: TValues): Promise<TSlackResponse> =>
    postInteraction(app.baseUrl, SIGNING_SECRET, {
      type: 'view_submission',
      team: { id: FAKE_TEAM.teamId, domain: FAKE_TEAM.teamDomain },
      user: user(userId),
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      trigger_id: newTriggerId(),
      view: {
        id: 'V0MODAL1', team_id: FAKE_TEAM.teamId, type: 'modal', app_id: FAKE_TEAM.appId, bot_id: FAKE_TEAM.botId,
        callback_id: opened.callback_id, private_metadata: opened.private_metadata ?? '', blocks: opened.blocks,
        title: opened.title, submit: opened.submit, close: opened.close, state: { values },
        hash: '1700000000.abc', root_view_id: 'V0MODAL1', previous_view_id: null, clear_on_close: false, notify_on_close: false, external_id: '',
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
  const scheduleValues = (f: { rep?: string | null; cadence?: string | null; weekday?: string | null; time?: string | null }): TValues => ({
    schedule_rep: { rep: { type: 'users_select', selected_user: f.rep ?? null } },
    schedule_cadence: { cadence: { type: 'static_select', selected_option: f.cadence ? option(f.cadence) : null } },
    schedule_weekday: { weekday: { type: 'static_select', selected_option: f.weekday ? option(f.weekday) : null } },
    schedule_time: { time: { type: 'timepicker', selected_time: f.time ?? null } },
  });
  const settingsValues = (f: { days: string[]; start: string | null; end: string | null; lead?: string | null }): TValues => ({
    settings_days: { days: { type: 'checkboxes', selected_options: f.days.map(option) } },
    settings_start: { start: { type: 'timepicker', selected_time: f.start } },
    settings_end: { end: { type: 'timepicker', selected_time: f.end } },
    ...(f.lead !== undefined ? { settings_lead: { lead: { type: 'static_select', selected_option: f.lead ? option(f.lead) : null } } } : {}),
  });
  const errorsOf = (res: TSlackResponse) => {
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    return body.errors;
  };
  const text = (call: TFakeCall | TView) => JSON.stringify('args' in call ? call.args : call);
  const oneOnOneOf = async (managerSlackId: string, repSlackId: string) =>
    (await app.db.select().from(oneOnOnes).where(and(eq(oneOnOnes.managerId, (await person(managerSlackId)).id), eq(oneOnOnes.repId, (await person(repSlackId)).id))))[0];

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli <!channel> Rep', tz: 'Europe/London' },
        { id: 'U0STR1', name: 'sam', real_name: 'Sam Stranger', tz: 'UTC' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    // People come from Slack on first sight; roles and managers as a people import would set them.
    // The answer comes after the person is stored (the ack may come first, before the database is written).
    for (const id of ['U0MGR1', 'U0REP1', 'U0REP2', 'U0STR1']) {
      const { id: target } = await command(id, 'help');
      await fake.waitFor('response_url', (c) => c.target === target);
    }
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, 'U0MGR1'));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(people).set({ managerId: (await person('U0MGR1')).id }).where(eq(people.slackUserId, rep));
    // Dana has a weekly 1:1 with an agenda item and an open action item from last week's meeting.
    const { summary } = await scheduleOneOnOne(app.db, await person('U0MGR1'), await person('U0REP1'), { cadence: 'weekly', weekday: 2, localTime: '10:00' }, NOW);
    await addAgendaItem(app.db, await person('U0REP1'), { text: 'Pricing for <!channel> Acme & co' }, NOW);
    const lastWeek = await ensureMeeting(app.db, summary.id, new Date('2026-11-17T15:00:00Z'));
    await insertActionItems(app.db, lastWeek.id, [{ ownerId: (await person('U0REP1')).id, text: 'Send the Acme deck', dueDate: '2026-11-27' }], NOW);
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it("app_home_opened: a rep's Home tab has their next 1:1 in their zone, its agenda, their action items, /stats and Settings", async () => {
    const home = await homeOf('U0REP1');
    expect(home.type).toBe('home');
    const json = text(home);
    expect(json).toContain('Your next 1:1');
    expect(json).toContain('With <@U0MGR1> on *Tue 1 Dec, 07:00* (your time)');
    expect(json).toContain('Pricing for &lt;!channel&gt; Acme &amp; co _(you)_');
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('Send the Acme deck');
    expect(json).toContain('`/stats`');
    expect(find(home, 'agenda_add_open')).toHaveLength(1);
    expect(find(home, 'action_item_done')).toHaveLength(1);
    expect(find(home, 'home_settings_open')).toHaveLength(1);
    expect(find(home, 'home_schedule_open')).toHaveLength(0);
    expect(json).not.toContain('Upcoming 1:1s');
  });

  it("the Messages tab publishes nothing; a rep without a 1:1 is told who sets one up", async () => {
    await openHome('U0REP2', 'messages');
    await openHome('U0STR1');
    const home = await publishedFor('U0STR1');
    expect(fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['U0STR1']);
    expect(text(home)).toContain('No 1:1 scheduled yet');
  });

  it("a manager's Home tab lists their 1:1s with a menu, in the manager's zone, and a Schedule button", async () => {
    const home = await homeOf('U0MGR1');
    const json = text(home);
    expect(json).toContain('Upcoming 1:1s');
    expect(json).toContain('<@U0REP1> · next *Tue 1 Dec, 10:00* · every Tuesday at 10:00 (America/New_York) · 1 agenda item');
    expect(find(home, 'home_one_on_one_menu')).toHaveLength(1);
    expect(find(home, 'home_schedule_open')).toHaveLength(1);
  });

  it('Schedule a 1:1 opens the modal; bad submissions are field errors; a good one stores it, DMs the rep and republishes Home', async () => {
    const home = await homeOf('U0MGR1');
    const trigger = await clickHome('U0MGR1', home, find(home, 'home_schedule_open')[0]!);
    const modal = await openedWith(trigger);
    expect(modal.callback_id).toBe('home_schedule');
    expect(text(modal)).toContain('Times are in your Slack time zone, *America/New_York*');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['schedule_rep', 'schedule_cadence', 'schedule_weekday', 'schedule_time']);

    const invalid: [Parameters<typeof scheduleValues>[0], Record<string, RegExp>][] = [
      [{ cadence: 'weekly', weekday: '4', time: '14:30' }, { schedule_rep: /Pick a rep/ }],
      [{ rep: 'U0REP2', cadence: 'weekly' }, { schedule_weekday: /Pick a day/, schedule_time: /Pick a time/ }],
      [{ rep: 'U0REP2', cadence: 'yearly', weekday: '9', time: '25:00' }, { schedule_cadence: /Pick how often/, schedule_weekday: /Pick a day/, schedule_time: /Pick a time/ }],
      [{ rep: 'U0STR1', cadence: 'weekly', weekday: '4', time: '14:30' }, { schedule_rep: /You can schedule 1:1s with the reps on your team/ }],
      [{ rep: 'U0MGR1', cadence: 'weekly', weekday: '4', time: '14:30' }, { schedule_rep: /A 1:1 takes two people/ }],
    ];
    for (const [fields, want] of invalid) {
      const errors = errorsOf(await submit('U0MGR1', modal, scheduleValues(fields)));
      expect(Object.keys(errors).sort()).toEqual(Object.keys(want).sort());
      for (const [block, message] of Object.entries(want)) expect(errors[block]).toMatch(message);
    }
    expect(await oneOnOneOf('U0MGR1', 'U0STR1')).toBeUndefined();
    expect(await oneOnOneOf('U0MGR1', 'U0REP2')).toBeUndefined();

    const mark = fake.calls.length;
    const ok = await submit('U0MGR1', modal, scheduleValues({ rep: 'U0REP2', cadence: 'biweekly', weekday: '4', time: '14:30' }));
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    expect(await oneOnOneOf('U0MGR1', 'U0REP2')).toMatchObject({ cadence: 'biweekly', weekday: 4, localTime: '14:30', tz: 'America/New_York', cancelledAt: null });
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP2');
    // Thursday 14:30 in New York is 19:30 in London.
    expect(String(dm.args.text)).toMatch(/set up a 1:1 with you, every other Thursday at 14:30 \(America\/New_York\)\. Your next one: Thu 26 Nov, 19:30/);
    const republished = await publishedFor('U0MGR1', mark);
    expect(text(republished)).toContain('<@U0REP2> · next *Thu 26 Nov, 14:30*');
    expect(find(republished, 'home_one_on_one_menu')).toHaveLength(2);
  });

  it('a rep cannot schedule: the error is on the rep field and nothing is stored', async () => {
    const home = await homeOf('U0REP1');
    // The button is not on a rep's Home tab; a crafted or stale click still only gets the modal.
    const trigger = await clickHome('U0REP1', home, { element: { type: 'button', action_id: 'home_schedule_open', text: { text: 'Schedule a 1:1' } }, blockId: 'x' });
    const modal = await openedWith(trigger);
    const errors = errorsOf(await submit('U0REP1', modal, scheduleValues({ rep: 'U0REP2', cadence: 'weekly', weekday: '1', time: '09:00' })));
    expect(errors.schedule_rep).toMatch(/You can schedule 1:1s with the reps on your team/);
    expect(errors.schedule_rep).not.toContain('`');
    expect(await oneOnOneOf('U0REP1', 'U0REP2')).toBeUndefined();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('Change time opens the modal prefilled; saving moves the 1:1 and tells the rep it changed', async () => {
    const home = await homeOf('U0MGR1');
    const pairId = (await oneOnOneOf('U0MGR1', 'U0REP1'))!.id;
    const menu = find(home, 'home_one_on_one_menu').find((m) => m.element.options![0]!.value.includes(String(pairId)))!;
    const trigger = await clickHome('U0MGR1', home, menu, 'Change time');
    const modal = await openedWith(trigger);
    const json = text(modal);
    expect(json).toContain('"initial_user":"U0REP1"');
    expect(json).toContain('"initial_time":"10:00"');
    expect(json).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"Tuesday"\},"value":"2"\}/);
    const ok = await submit('U0MGR1', modal, scheduleValues({ rep: 'U0REP1', cadence: 'weekly', weekday: '3', time: '11:00' }));
    expect(ok.text).toBe('');
    expect(await oneOnOneOf('U0MGR1', 'U0REP1')).toMatchObject({ weekday: 3, localTime: '11:00' });
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(dm.args.text)).toMatch(/moved your 1:1 to every Wednesday at 11:00/);
  });

  it('Cancel 1:1 asks first; confirming cancels it, tells the rep and republishes; a second confirmation explains', async () => {
    const home = await homeOf('U0MGR1');
    const id = (await oneOnOneOf('U0MGR1', 'U0REP2'))!.id;
    const menu = find(home, 'home_one_on_one_menu').find((m) => m.element.options![0]!.value.includes(`"oneOnOneId":${id}`))!;
    const trigger = await clickHome('U0MGR1', home, menu, 'Cancel 1:1');
    const confirm = await openedWith(trigger);
    expect(confirm.callback_id).toBe('home_cancel_one_on_one');
    expect(JSON.parse(confirm.private_metadata!)).toEqual({ oneOnOneId: id });
    expect(text(confirm)).toContain('Eli &lt;!channel&gt; Rep');
    expect((await oneOnOneOf('U0MGR1', 'U0REP2'))!.cancelledAt).toBeNull();

    const mark = fake.calls.length;
    const ok = await submit('U0MGR1', confirm, {});
    expect(ok.text).toBe('');
    expect((await oneOnOneOf('U0MGR1', 'U0REP2'))!.cancelledAt).toBeInstanceOf(Date);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP2');
    expect(String(dm.args.text)).toMatch(/Morgan Manager cancelled your recurring 1:1/);
    const republished = await publishedFor('U0MGR1', mark);
    expect(find(republished, 'home_one_on_one_menu')).toHaveLength(1);
    await publishedFor('U0REP2', mark);

    const again = await submit('U0MGR1', confirm, {});
    expect(again.json).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(text(again.json as TView)).toMatch(/isn't scheduled any more/);
  });

  it("a menu clicked by someone else, or left from a cancelled 1:1, is answered in a modal", async () => {
    const home = await homeOf('U0MGR1');
    const menu = find(home, 'home_one_on_one_menu')[0]!;
    const trigger = await clickHome('U0STR1', home, menu, 'Cancel 1:1');
    const modal = await openedWith(trigger);
    expect(text(modal)).toMatch(/Only the manager who holds this 1:1 can change it/);
    expect(modal.callback_id ?? '').toBe('');

    // A menu left on the tab from before the 1:1 was cancelled: explained, and the tab redrawn.
    const gone = (await oneOnOneOf('U0MGR1', 'U0REP2'))!.id;
    const options = [{ text: { type: 'plain_text', text: 'Change time' }, value: JSON.stringify({ op: 'change', oneOnOneId: gone }) }];
    const mark = fake.calls.length;
    const stale = await openedWith(await clickHome('U0MGR1', home, { element: { type: 'overflow', action_id: 'home_one_on_one_menu', options }, blockId: 'old' }, 'Change time'));
    expect(text(stale)).toMatch(/isn't scheduled any more/);
    await publishedFor('U0MGR1', mark);
  });

  it('Settings from the Home tab: a manager sees the brief lead; bad values are field errors; saving stores them and republishes', async () => {
    const home = await homeOf('U0MGR1');
    const trigger = await clickHome('U0MGR1', home, find(home, 'home_settings_open')[0]!);
    const modal = await openedWith(trigger);
    expect(modal.callback_id).toBe('home_settings');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['settings_days', 'settings_start', 'settings_end', 'settings_digest_day', 'settings_digest_time', 'settings_holiday_country', 'settings_holiday_region', 'settings_lead']);
    expect(text(modal)).toContain('Your time zone: *America/New_York*, from Slack — change it in your Slack profile.');

    const invalid: [Parameters<typeof settingsValues>[0], Record<string, RegExp>][] = [
      [{ days: [], start: '09:00', end: '17:00', lead: '60' }, { settings_days: /at least one working day/ }],
      [{ days: ['1'], start: '17:00', end: '09:00', lead: '60' }, { settings_end: /end after it starts/ }],
      [{ days: ['1'], start: null, end: '09:00', lead: '45' }, { settings_start: /Pick a time/, settings_lead: /listed times/ }],
      [{ days: ['1'], start: '08:00', end: '09:00', lead: null }, { settings_lead: /how long before/ }],
    ];
    for (const [fields, want] of invalid) {
      const errors = errorsOf(await submit('U0MGR1', modal, settingsValues(fields)));
      expect(Object.keys(errors).sort()).toEqual(Object.keys(want).sort());
      for (const [block, message] of Object.entries(want)) expect(errors[block]).toMatch(message);
    }
    expect((await person('U0MGR1')).preferences).toEqual({});

    const mark = fake.calls.length;
    const ok = await submit('U0MGR1', modal, settingsValues({ days: ['2', '1', '3', '4'], start: '08:30', end: '16:45', lead: '1440' }));
    expect(ok.text).toBe('');
    expect(readPreferences((await person('U0MGR1')).preferences)).toMatchObject({ workingDays: [1, 2, 3, 4], workStart: '08:30', workEnd: '16:45', briefLeadMinutes: 1440 });
    await publishedFor('U0MGR1', mark);

    // Opened again, the modal shows what was saved.
    const again = await openedWith(await clickHome('U0MGR1', home, find(home, 'home_settings_open')[0]!));
    const json = text(again);
    expect(json).toContain('"initial_time":"08:30"');
    expect(json).toContain('"initial_time":"16:45"');
    expect(json).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"1 day before"\},"value":"1440"\}/);
  });

  it('/coach settings opens the modal with the command trigger; a rep has no brief lead, and one sent anyway is ignored', async () => {
    const { triggerId } = await command('U0REP1', 'settings');
    const modal = await openedWith(triggerId);
    expect(modal.callback_id).toBe('home_settings');
    expect(modal.blocks.map((b) => b.block_id)).not.toContain('settings_lead');
    expect(text(modal)).toContain('*America/Los_Angeles*');
    const ok = await submit('U0REP1', modal, settingsValues({ days: ['1', '2', '3', '4', '5', '6'], start: '07:00', end: '15:00', lead: '15' }));
    expect(ok.text).toBe('');
    expect(readPreferences((await person('U0REP1')).preferences)).toMatchObject({ workingDays: [1, 2, 3, 4, 5, 6], workStart: '07:00', workEnd: '15:00', briefLeadMinutes: 60 });
    await publishedFor('U0REP1');
  });
});
