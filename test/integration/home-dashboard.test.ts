import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPersonBySlackId } from '../../db/repositories/people';
import { s } from '../support/tables';
import { createSyntheticTeam, type TSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import { getRepCoaching } from '../../src/services/coaching/get-rep-coaching';
import { scheduleOneOnOne } from '../../src/services/one-on-ones/schedule-one-on-one';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { dmChannelId, FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, messageButtonClick, viewSubmission } from '../support/interactions';
import { newTriggerId, postCommand, postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';

const { activities, logEntries, people } = s;

const NOW = DateTime.fromISO('2026-11-24T18:00:00Z', { zone: 'utc' }); // a Tuesday
const W = FAKE_TEAM.teamId;

type TView = { type?: string; callback_id?: string; private_metadata?: string; blocks: { type: string; block_id?: string; elements?: unknown[] }[]; title?: unknown; submit?: unknown; close?: unknown };

describe('Home tab dashboards and the Log activity modal (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let team: TSyntheticTeam;
  let n = 0;
  let rep = '';
  let manager = '';

  const openHome = async (userId: string) => {
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0DASH${++n}`, event: { user: userId, tab: 'home' } }));
    expect(res.status).toBe(200);
  };
  /** The Home tab published for a user after the `since`-th recorded call. */
  const publishedFor = async (userId: string, since = 0): Promise<TView> =>
    (await fake.waitFor('views.publish', (c) => c.args.user_id === userId && fake.calls.indexOf(c) >= since)).args.view as TView;
  const homeOf = async (userId: string) => {
    const mark = fake.calls.length;
    await openHome(userId);
    return publishedFor(userId, mark);
  };
  const json = (value: unknown) => JSON.stringify(value);
  /** The Home tab's text with each `want` found after the previous one. */
  const expectInOrder = (text: string, wants: readonly string[]) => {
    let at = -1;
    for (const want of wants) {
      const next = text.indexOf(want, at + 1);
      expect(next, `'${want}' after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
  };
  const repId = async (slackUserId: string) => (await findPersonBySlackId(app.db, W, slackUserId))!.id;
  const activityCount = async (slackUserId: string) => (await app.db.select().from(activities).where(eq(activities.repId, await repId(slackUserId)))).length;
  const modalEntries = async () => await app.db.select().from(logEntries).where(eq(logEntries.source, 'modal'));

  /** A click on a Home tab button, as Slack sends it (view container, no channel). */
  const clickOnHome = async (userId: string, home: TView, actionId: string) => {
    const button = buttonsIn(home.blocks).find((b) => b.action_id === actionId)!;
    expect(button).toBeDefined();
    const triggerId = newTriggerId();
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, {
      type: 'block_actions',
      user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: W },
      api_app_id: FAKE_TEAM.appId,
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      container: { type: 'view', view_id: 'V0HOME01' },
      trigger_id: triggerId,
      team: { id: W, domain: FAKE_TEAM.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      view: { id: 'V0HOME01', team_id: W, type: 'home', blocks: home.blocks, private_metadata: '', callback_id: '', state: { values: {} }, hash: '1700000000.home' },
      actions: [{ type: 'button', action_id: actionId, block_id: button.block_id, value: button.value, text: { type: 'plain_text', text: 'Log activity' }, action_ts: '1700000000.000100' }],
    });
    expect(res.status).toBe(200);
    return (await fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId)).args.view as TView;
  };
  const submitLog = (userId: string, modal: TView, text: string, viewId = 'V0MODAL1') => {
    const payload = viewSubmission(userId, modal as unknown as Record<string, unknown>, { log_activity_text: { text: { type: 'plain_text_input', value: text } } });
    return postInteraction(app.baseUrl, SIGNING_SECRET, { ...payload, view: { ...payload.view, id: viewId } });
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = await startTestApp({ fake, now: () => NOW.toJSDate() });
    // A realistic team with a year of activity, recomputed the last three nights as the nightly job would.
    team = await createSyntheticTeam(app.db, { workspaceId: W, managers: 1, repsPerManager: 5, now: NOW });
    for (const nightsAgo of [2, 1, 0]) await recomputeWorkspace(app.db, { workspaceId: W, now: NOW.minus({ days: nightsAgo }).toJSDate() });
    manager = team.managerSlackIds[0]!;
    // The first rep coached with daily targets and a focus stage ('weak at demos').
    const coaching = await Promise.all(team.reps.map(async (r) => getRepCoaching(app.db, await repId(r.slackUserId), NOW.toJSDate())));
    rep = team.reps.find((_, i) => coaching[i]?.tier.tier === 'focused')!.slackUserId;
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it("app_home_opened: a rep's dashboard has its sections in order, and the Log activity and Settings buttons", async () => {
    const home = await homeOf(rep);
    expect(home.type).toBe('home');
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const text = json(home);
    expectInOrder(text, ['Your Canopy', 'log_activity_open', 'home_settings_open', '*This week*', '*Daily targets*', '*Targets*', '*Last 8 weeks*', '*Your funnel* — last 90 days (', '*Focus: ', ':bulb: ', '*Goals · Q4 2026*', '*Open action items*', '*Your next 1:1*']);
    expect(text).toMatch(/• \*Prospecting\*[^•]*→ Discovery: \*\d+%\* \(\d+ of \d+\) · before \d+%/);
    expect(text).not.toContain('Your team');
  });

  it('Log activity opens the modal; a submission is logged once however often it is sent, and the Home tab is republished', async () => {
    const home = await homeOf(rep);
    const modal = await clickOnHome(rep, home, 'log_activity_open');
    expect(modal.callback_id).toBe('log_activity');
    const before = await activityCount(rep);

    const mark = fake.calls.length;
    const first = await submitLog(rep, modal, '3 calls, demo with Acme Rockets');
    expect(first.status).toBe(200);
    const body = first.json as { response_action: string; view: TView };
    expect(body.response_action).toBe('update');
    expect(json(body.view)).toContain('Logged 3 calls and 1 demo (Acme Rockets)');
    const republished = await publishedFor(rep, mark);
    expect(json(republished)).toContain('*This week*');

    // A double click sends the same form (same view id and hash) again: it counts once.
    const second = await submitLog(rep, modal, '3 calls, demo with Acme Rockets');
    expect(json((second.json as { view: TView }).view)).toContain('Already logged');
    expect(await activityCount(rep)).toBe(before + 2);
    expect((await modalEntries()).filter((e) => e.rawText === '3 calls, demo with Acme Rockets')).toHaveLength(1);
  });

  it('text with nothing to log is an error on the field and stores nothing; partly understood text logs what it can', async () => {
    const modal = (await clickOnHome(rep, await homeOf(rep), 'log_activity_open'));
    const entries = (await modalEntries()).length;
    const bad = await submitLog(rep, modal, 'had a lovely lunch', 'V0MODAL2');
    expect(bad.json).toMatchObject({ response_action: 'errors', errors: { log_activity_text: expect.stringMatching(/couldn't find anything to log in "had a lovely lunch"/) } });
    const absurd = await submitLog(rep, modal, '5000 calls', 'V0MODAL3');
    expect((absurd.json as { errors: Record<string, string> }).errors.log_activity_text).toMatch(/"5000 calls": .*500/);
    expect(await modalEntries()).toHaveLength(entries);

    const partial = await submitLog(rep, modal, '2 emails, had a lovely lunch', 'V0MODAL4');
    const view = json((partial.json as { view: TView }).view);
    expect(view).toContain('Logged 2 emails');
    expect(view).toContain("I didn't understand");
    expect(await modalEntries()).toHaveLength(entries + 1);
  });

  it('the same button on a message (a nudge) opens the modal too', async () => {
    const message = { ts: '1700000000.000900', text: 'Time for a check-in', blocks: [{ type: 'actions', block_id: 'nudge', elements: [{ type: 'button', action_id: 'log_activity_open', value: '{}', text: { type: 'plain_text', text: 'Log activity' } }] }] };
    const click = messageButtonClick(rep, buttonsIn(message.blocks)[0]!, message, fake.responseUrl('nudge'));
    expect((await postInteraction(app.baseUrl, SIGNING_SECRET, click)).status).toBe(200);
    const opened = await fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id);
    expect((opened.args.view as TView).callback_id).toBe('log_activity');
  });

  it('a DM "3 calls" and a /log both republish the Home tab after the confirmation', async () => {
    let mark = fake.calls.length;
    const event = loadFixture('event-message-im', { event_id: 'Ev0DASHDM1', event: { user: rep, channel: dmChannelId(rep), text: '3 calls', ts: '1764007200.000100', event_ts: '1764007200.000100' } });
    expect((await postEvent(app.baseUrl, SIGNING_SECRET, event)).status).toBe(200);
    const confirmation = await fake.waitFor('chat.postMessage', (c) => fake.calls.indexOf(c) >= mark);
    const published = await fake.waitFor('views.publish', (c) => c.args.user_id === rep && fake.calls.indexOf(c) >= mark);
    expect(fake.calls.indexOf(published)).toBeGreaterThan(fake.calls.indexOf(confirmation));

    mark = fake.calls.length;
    await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/log', text: '2 emails', user_id: rep, response_url: fake.responseUrl('log1') });
    await fake.waitFor('response_url', (c) => c.target === 'log1');
    await publishedFor(rep, mark);
  });

  it("a manager's Home tab shows the team by tier after a recompute, each rep with trend, focus and next 1:1; an admin also the workspace settings", async () => {
    const boss = (await findPersonBySlackId(app.db, W, manager))!;
    await scheduleOneOnOne(app.db, boss, (await findPersonBySlackId(app.db, W, rep))!, { cadence: 'weekly', weekday: 4, localTime: '10:00' }, NOW.toJSDate());
    const home = await homeOf(manager);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const text = json(home);
    expect(text).toContain('*Your team* · 5 reps');
    const tiers = ['*Autonomous*', '*Guided*', '*Focused*', '*Ramping*'].filter((t) => text.includes(t));
    expect(tiers.length).toBeGreaterThanOrEqual(2);
    expectInOrder(text, [...tiers, '*Upcoming 1:1s*']);
    for (const r of team.reps) expect(text).toMatch(new RegExp(`<@${r.slackUserId}> — \\*\\d+\\* this week \`[▁▂▃▄▅▆▇█]{8}\``));
    expect(text).toContain('no 1:1 scheduled');
    expect(text).toContain(`<@${rep}> — `);
    expect(text).toMatch(new RegExp(`<@${rep}> — [^\\\\]* · focus: [A-Z][a-z]+ · 1:1 Thu 26 Nov, 10:00`));
    expect(text).not.toContain('Workspace settings');
    expect(text).not.toContain('log_activity_open');

    await app.db.update(people).set({ role: 'admin' }).where(eq(people.slackUserId, manager));
    const admin = json(await homeOf(manager));
    expect(admin).toContain('*Workspace settings* (admins)\\nTime zone: *UTC*\\nSelling system: Prospecting → Discovery → Demo → Proposal → Negotiation → Won | Lost');
    await app.db.update(people).set({ role: 'manager' }).where(eq(people.slackUserId, manager));
  });
});
