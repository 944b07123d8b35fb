import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../db/repositories/setup';
import { findPersonBySlackId } from '../../db/repositories/people';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, viewSubmission } from '../support/interactions';
import { newTriggerId, postCommand, postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

/*
 * `/coach setup` through the real Bolt app over HTTP, signed as Slack signs, against the fake Slack Web API and a
 * real SQLite: the modal opens for an admin (a Slack workspace admin), a valid submission is saved, audited and
 * recomputed, an invalid one gets field errors and changes nothing, anyone else is refused; the Home tab's
 * admin section summarises the setup and its Edit setup button opens the same modal.
 */
const NOW = new Date('2026-11-24T18:00:00Z');

type TView = { callback_id?: string; private_metadata?: string; blocks: { type: string; block_id?: string; element?: Record<string, unknown> }[]; title?: unknown; submit?: unknown; close?: unknown };
type TValues = Record<string, Record<string, Record<string, unknown>>>;

describe('/coach setup (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const command = async (userId: string, text: string) => {
    const id = `c${++n}`;
    const triggerId = newTriggerId();
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: userId, response_url: fake.responseUrl(id), trigger_id: triggerId });
    expect(res.status).toBe(200);
    return { id, triggerId };
  };
  const openedWith = async (triggerId: string): Promise<TView> => (await fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId)).args.view as TView;
  const replyTo = async (id: string) => (await fake.waitFor('response_url', (c) => c.target === id)).args as { text: string };
  const submit = (userId: string, opened: TView, values: TValues) =>
    postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(userId, opened as unknown as Record<string, unknown>, values));
  /** The state Slack would send for the modal as opened, with `changes` typed over it (field → text). */
  const valuesOf = (view: TView, changes: Record<string, string | null> = {}): TValues => {
    const values: TValues = {};
    for (const block of view.blocks) {
      if (block.type !== 'input' || !block.block_id) continue;
      const element = block.element!;
      const field = block.block_id.replace(/^setup_/, '');
      const typed = field in changes ? changes[field] : undefined;
      const state: Record<string, unknown> = { type: element.type };
      if (element.type === 'plain_text_input') state.value = typed !== undefined ? typed : (element.initial_value ?? null);
      if (element.type === 'timepicker') state.selected_time = typed !== undefined ? typed : element.initial_time;
      if (element.type === 'radio_buttons') state.selected_option = typed !== undefined ? { text: { type: 'plain_text', text: typed }, value: typed } : element.initial_option;
      if (element.type === 'checkboxes') state.selected_options = element.initial_options ?? [];
      if (element.type === 'multi_users_select') state.selected_users = typed !== undefined ? (typed ? typed.split(',') : []) : (element.initial_users ?? []);
      values[block.block_id] = { [String(element.action_id)]: state };
    }
    return values;
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0ADM1', name: 'ada', real_name: 'Ada Admin', tz: 'Europe/Berlin', is_admin: true },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0NEW1', name: 'nell', real_name: 'Nell New', tz: 'UTC' },
        { id: 'U0BOT01', name: 'deploybot', real_name: 'Deploy Bot', tz: 'UTC', is_bot: true },
      ],
    });
    app = await startTestApp({ fake, now: () => NOW });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('refuses anyone but an admin, with who can, and opens nothing', async () => {
    const { id } = await command('U0REP1', 'setup');
    expect((await replyTo(id)).text).toBe('Only Canopy admins (and Slack workspace admins) can change the setup — ask one of them. `/coach help` lists what you can do.');
    expect(fake.callsTo('views.open')).toEqual([]);
    const help = await command('U0REP1', 'help');
    expect(JSON.stringify(await replyTo(help.id))).not.toContain('/coach setup');
  });

  it("opens the modal for an admin with the workspace's setup; help lists setup for admins", async () => {
    const { triggerId } = await command('U0ADM1', 'setup');
    const view = await openedWith(triggerId);
    expect(view.callback_id).toBe('workspace_setup');
    const initial = (field: string) => view.blocks.find((b) => b.block_id === `setup_${field}`)?.element;
    expect(initial('stages')?.initial_value).toBe('prospecting: Prospecting\ndiscovery: Discovery\ndemo: Demo\nproposal: Proposal\nnegotiation: Negotiation');
    expect(initial('timezone')?.initial_value).toBe('UTC');
    expect(initial('dormantDays')?.initial_value).toBe('90');
    expect(initial('leaderboard')?.initial_option).toMatchObject({ value: 'off' });
    const help = await command('U0ADM1', 'help');
    expect(JSON.stringify(await replyTo(help.id))).toContain('`/coach setup` — the workspace');
  });

  it('an invalid submission gets field errors and changes nothing', async () => {
    const { triggerId } = await command('U0ADM1', 'setup');
    const view = await openedWith(triggerId);
    const res = await submit('U0ADM1', view, valuesOf(view, { timezone: 'Mars/Base', focusedAttainment: '120', stages: 'prospecting: Prospecting\ndiscovery: Discovery' }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        setup_timezone: "'Mars/Base' is not a region time zone (like Europe/Berlin or America/New_York; UTC for none)",
        setup_focusedAttainment: 'focused must start below where autonomous starts',
      },
    });
    expect(await listAuditEvents(app.db, FAKE_TEAM.teamId, 'setup.')).toEqual([]);
  });

  it('a valid submission is saved, audited with who, recomputed, and the Home tab redrawn with the summary', async () => {
    const { triggerId } = await command('U0ADM1', 'setup');
    const view = await openedWith(triggerId);
    const res = await submit(
      'U0ADM1',
      view,
      valuesOf(view, { timezone: 'Europe/Berlin', stages: 'prospecting: Prospecting | Lead\ndiscovery: Discovery | Qualification\ndemo: Demo\nproposal: Proposal\nnegotiation: Negotiation', rampingDays: '45', leaderboard: 'on' }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const admin = (await findPersonBySlackId(app.db, FAKE_TEAM.teamId, 'U0ADM1'))!;
    const audit = (await listAuditEvents(app.db, FAKE_TEAM.teamId, 'setup.')).map((r) => [r.action, r.actorId, r.via]);
    expect(audit).toEqual([
      ['setup.stages', admin.id, 'slack'],
      ['setup.tiers', admin.id, 'slack'],
      ['setup.timezone', admin.id, 'slack'],
      ['setup.leaderboard', admin.id, 'slack'],
    ]);
    const home = (await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0ADM1')).args.view as TView;
    const text = JSON.stringify(home);
    expect(text).toContain('Time zone: *Europe/Berlin*');
    expect(text).toContain('ramping for the first 45 days');
    expect(text).toContain('Leaderboard: on');
  });

  it("the Home tab's Edit setup opens the same modal for an admin", async () => {
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0SETUP${++n}`, event: { user: 'U0ADM1', tab: 'home' } }));
    expect(res.status).toBe(200);
    const home = (await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0ADM1')).args.view as TView;
    const edit = buttonsIn(home.blocks).find((b) => b.action_id === 'home_setup_open')!;
    expect(edit.text?.text).toBe('Edit setup');
    const triggerId = newTriggerId();
    const click = await postInteraction(app.baseUrl, SIGNING_SECRET, {
      type: 'block_actions',
      user: { id: 'U0ADM1', username: 'ada', name: 'ada', team_id: FAKE_TEAM.teamId },
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      container: { type: 'view', view_id: 'V0HOME01' },
      trigger_id: triggerId,
      team: { id: FAKE_TEAM.teamId, domain: FAKE_TEAM.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      view: { id: 'V0HOME01', team_id: FAKE_TEAM.teamId, type: 'home', blocks: home.blocks, private_metadata: '', callback_id: '', state: { values: {} }, hash: '1', app_id: FAKE_TEAM.appId, bot_id: FAKE_TEAM.botId },
      actions: [{ type: 'button', action_id: edit.action_id, block_id: edit.block_id, text: { type: 'plain_text', text: 'Edit setup', emoji: true }, action_ts: '1700000000.000100' }],
    });
    expect(click.status).toBe(200);
    const view = await openedWith(triggerId);
    expect(view.callback_id).toBe('workspace_setup');
    expect(view.blocks.find((b) => b.block_id === 'setup_timezone')?.element?.initial_value).toBe('Europe/Berlin');
  });

  it('Roles: the admins picker starts with the Canopy admins and names Slack admins; picks are saved, audited, and someone Canopy never saw is looked up', async () => {
    const { triggerId } = await command('U0ADM1', 'setup');
    const view = await openedWith(triggerId);
    const roles = view.blocks.find((b) => b.block_id === 'setup_admins') as { element: Record<string, unknown>; hint?: { text: string }; optional?: boolean };
    expect(roles.element).toMatchObject({ type: 'multi_users_select', action_id: 'value' });
    expect(roles.element.initial_users).toBeUndefined();
    expect(roles.optional).toBe(true);
    expect(roles.hint?.text).toContain('Slack workspace admins and owners always are (Ada Admin)');
    expect(await findPersonBySlackId(app.db, FAKE_TEAM.teamId, 'U0NEW1')).toBeUndefined();

    const res = await submit('U0ADM1', view, valuesOf(view, { admins: 'U0NEW1' }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(fake.callsTo('users.info').some((c) => c.args.user === 'U0NEW1')).toBe(true);
    expect((await findPersonBySlackId(app.db, FAKE_TEAM.teamId, 'U0NEW1'))?.role).toBe('admin');
    const admin = (await findPersonBySlackId(app.db, FAKE_TEAM.teamId, 'U0ADM1'))!;
    expect((await listAuditEvents(app.db, FAKE_TEAM.teamId, 'setup.admins')).map((r) => [r.actorId, r.via, r.details])).toEqual([[admin.id, 'slack', { before: [], after: ['U0NEW1'] }]]);

    // Opened again, the picker holds Nell; the same picks are no change.
    const again = await command('U0ADM1', 'setup');
    const reopened = await openedWith(again.triggerId);
    expect((reopened.blocks.find((b) => b.block_id === 'setup_admins') as { element: Record<string, unknown> }).element.initial_users).toEqual(['U0NEW1']);
    expect((await submit('U0ADM1', reopened, valuesOf(reopened))).text).toBe('');
    expect(await listAuditEvents(app.db, FAKE_TEAM.teamId, 'setup.admins')).toHaveLength(1);
  });

  it('Roles: a pick that cannot be an admin gets an error on the field and changes nothing', async () => {
    const { triggerId } = await command('U0ADM1', 'setup');
    const view = await openedWith(triggerId);
    const res = await submit('U0ADM1', view, valuesOf(view, { admins: 'U0NEW1,U0BOT01' }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { setup_admins: 'U0BOT01 is a bot: only people can be admins' } });
    expect((await findPersonBySlackId(app.db, FAKE_TEAM.teamId, 'U0NEW1'))?.role).toBe('admin');
  });
});
