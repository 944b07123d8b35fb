import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPersonBySlackId } from '../../db/repositories/people';
import { readPreferences } from '../../src/domain/preferences';
import { activePause } from '../../src/services/settings/pause-state';
import { pauseMessages } from '../../src/services/settings/pause-messages';
import { resumeMessages } from '../../src/services/settings/resume-messages';
import { addPerson, memoryDb } from '../support/db';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { viewSubmission } from '../support/interactions';
import { newTriggerId, postCommand, postEvent, postInteraction, type TSlackResponse } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

const NOW = new Date('2026-11-24T18:00:00Z'); // a Tuesday: 10:00 in Los Angeles, 13:00 in New York

type TView = { callback_id?: string; private_metadata?: string; blocks: { type: string; block_id?: string }[]; title?: unknown; submit?: unknown; close?: unknown };
type TValues = Record<string, Record<string, Record<string, unknown>>>;
type TForm = {
  days?: string[];
  start?: string | null;
  end?: string | null;
  digestDay?: string | null;
  digestTime?: string | null;
  checkins?: string | null;
  checkinTime?: string | null;
  country?: string | null;
  region?: string | null;
  lead?: string | null;
};

const option = (value: string) => ({ text: { type: 'plain_text', text: value, emoji: true }, value });
const select = (value: string | null | undefined) => ({ type: 'static_select', selected_option: value ? option(value) : null });
const timepicker = (value: string | null | undefined) => ({ type: 'timepicker', selected_time: value ?? null });
const textInput = (value: string | null | undefined) => ({ type: 'plain_text_input', value: value ?? null });

/** State values as Slack sends them: every input block of the opened modal, null for what was left empty. */
function valuesFor(opened: TView, form: TForm): TValues {
  const f = { days: ['1', '2', '3', '4', '5'], start: '09:00', end: '18:00', digestDay: '1', digestTime: '09:00', checkins: 'auto', checkinTime: '16:30', lead: '60', ...form };
  const all: TValues = {
    settings_days: { days: { type: 'checkboxes', selected_options: f.days.map(option) } },
    settings_start: { start: timepicker(f.start) },
    settings_end: { end: timepicker(f.end) },
    settings_digest_day: { digest_day: select(f.digestDay) },
    settings_digest_time: { digest_time: timepicker(f.digestTime) },
    settings_checkins: { checkins: select(f.checkins) },
    settings_checkin_time: { checkin_time: timepicker(f.checkinTime) },
    settings_holiday_country: { holiday_country: textInput(f.country) },
    settings_holiday_region: { holiday_region: textInput(f.region) },
    settings_lead: { lead: select(f.lead) },
  };
  const present = new Set(opened.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  return Object.fromEntries(Object.entries(all).filter(([blockId]) => present.has(blockId)));
}

describe('/coach settings, pause and resume, Slack status (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const person = (slackUserId: string) => findPersonBySlackId(app.db, FAKE_TEAM.teamId, slackUserId);
  const prefs = async (slackUserId: string) => readPreferences((await person(slackUserId))!.preferences);
  /** `/coach <text>`; its reply (when `reply`) is what was POSTed to its response_url. */
  const coach = async (userId: string, text: string) => {
    const id = `r${++n}`;
    const triggerId = newTriggerId();
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: userId, response_url: fake.responseUrl(id), trigger_id: triggerId });
    expect(res.status).toBe(200);
    return { triggerId, reply: async () => String((await fake.waitFor('response_url', (c) => c.target === id)).args.text) };
  };
  const openSettings = async (userId: string): Promise<TView> => {
    const { triggerId } = await coach(userId, 'settings');
    return (await fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId)).args.view as TView;
  };
  const submit = (userId: string, opened: TView, form: TForm): Promise<TSlackResponse> =>
    postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(userId, opened as unknown as Record<string, unknown>, valuesFor(opened, form)));
  const errorsOf = (res: TSlackResponse) => {
    expect(res.json).toMatchObject({ response_action: 'errors' });
    return (res.json as { errors: Record<string, string> }).errors;
  };
  const inputIds = (view: TView) => view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
  const published = (userId: string, since: number) => fake.waitFor('views.publish', (c) => c.args.user_id === userId && fake.calls.indexOf(c) >= since);
  const userChange = (userId: string, profile: Record<string, unknown>) =>
    postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-user-change', { event_id: `Ev0UC${++n}`, event: { user: { id: userId, profile } } }));

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0AWAY', name: 'ari', real_name: 'Ari Away', tz: 'Europe/Berlin', profile: { status_emoji: ':face_with_thermometer:', status_text: 'Out sick', status_expiration: Date.parse('2026-11-26T17:00:00Z') / 1000 } },
        { id: 'U0STR1', name: 'sam', real_name: 'Sam Stranger', tz: 'UTC' },
      ],
    });
    app = await startTestApp({ fake, now: () => NOW });
    for (const id of ['U0REP1', 'U0REP2', 'U0MGR1']) await (await coach(id, 'help')).reply();
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0MGR1'));
    // Eli has been through a recompute: a focused rep, so "as my coaching suggests" means daily.
    const eli = (await person('U0REP2'))!;
    await app.db.insert(s.tierSnapshots).values({ workspaceId: FAKE_TEAM.teamId, personId: eli.id, tier: 'focused', reasonCode: 'placed', reasonText: 'placed', computedAt: new Date('2026-11-23T02:00:00Z') });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('/coach settings opens the modal with digest, check-ins and holidays for a rep, explaining what "auto" means for them', async () => {
    const dana = await openSettings('U0REP1');
    expect(dana.callback_id).toBe('home_settings');
    expect(inputIds(dana)).toEqual([
      'settings_days', 'settings_start', 'settings_end', 'settings_digest_day', 'settings_digest_time',
      'settings_checkins', 'settings_checkin_time', 'settings_holiday_country', 'settings_holiday_region',
    ]);
    const json = JSON.stringify(dana);
    expect(json).toContain('one check-in a week until your first coaching numbers are in');
    expect(json).toContain('`/coach pause 1w`');
    expect(JSON.stringify(await openSettings('U0REP2'))).toContain('a short check-in every working day for now');

    const morgan = await openSettings('U0MGR1');
    expect(inputIds(morgan)).toEqual(['settings_days', 'settings_start', 'settings_end', 'settings_digest_day', 'settings_digest_time', 'settings_holiday_country', 'settings_holiday_region', 'settings_lead']);
  });

  it('a bad country or region, or an unanswered field, is an error on its field, and nothing is stored', async () => {
    const modal = await openSettings('U0REP1');
    const scenarios: [TForm, Record<string, RegExp>][] = [
      [{ country: 'XX' }, { settings_holiday_country: /^Unknown country code 'XX' — use a two-letter code like US, GB, DE\.$/ }],
      [{ country: 'US', region: 'ZZ' }, { settings_holiday_region: /Unknown region 'ZZ' for United States of America — use a code like/ }],
      [{ region: 'CA' }, { settings_holiday_region: /Enter your country first/ }],
      [{ digestDay: null, digestTime: null, checkins: null, checkinTime: null }, { settings_digest_day: /Pick a day/, settings_digest_time: /Pick a time/, settings_checkins: /how often/, settings_checkin_time: /Pick a time/ }],
      // Every problem at once: a bad working day and a bad country.
      [{ days: [], country: 'Narnia' }, { settings_days: /at least one working day/, settings_holiday_country: /Unknown country code 'Narnia'/ }],
    ];
    for (const [form, want] of scenarios) {
      const errors = errorsOf(await submit('U0REP1', modal, form));
      expect(Object.keys(errors).sort()).toEqual(Object.keys(want).sort());
      for (const [block, message] of Object.entries(want)) expect(errors[block]).toMatch(message);
    }
    expect((await person('U0REP1'))!.preferences).toEqual({});
  });

  it('a good submission stores every field (country and region by code or name) and republishes Home; the modal reopens with them', async () => {
    const modal = await openSettings('U0REP1');
    const mark = fake.calls.length;
    const ok = await submit('U0REP1', modal, {
      days: ['2', '1', '3', '4'], start: '08:30', end: '16:45', digestDay: '5', digestTime: '16:00', checkins: 'weekly', checkinTime: '17:15', country: ' gb ', region: 'Scotland',
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    expect(await prefs('U0REP1')).toMatchObject({
      workingDays: [1, 2, 3, 4], workStart: '08:30', workEnd: '16:45', digestDay: 5, digestTime: '16:00', checkins: 'weekly', checkinTime: '17:15',
      holidayCountry: 'GB', holidayRegion: 'SCT', briefLeadMinutes: 60, pausedUntil: null,
    });
    await published('U0REP1', mark);

    const again = JSON.stringify(await openSettings('U0REP1'));
    expect(again).toContain('"initial_value":"GB"');
    expect(again).toContain('"initial_value":"SCT"');
    expect(again).toContain('Now: United Kingdom.');
    expect(again).toContain('Now: Scotland.');
    expect(again).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"Friday"\},"value":"5"\}/);
    expect(again).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"Once a week"\},"value":"weekly"\}/);

    // Emptying the country turns public holidays off; "UK" is understood as GB.
    expect((await submit('U0REP1', modal, { country: null, region: null })).text).toBe('');
    expect(await prefs('U0REP1')).toMatchObject({ holidayCountry: null, holidayRegion: null, workingDays: [1, 2, 3, 4, 5] });
    expect((await submit('U0REP1', modal, { country: 'uk' })).text).toBe('');
    expect(await prefs('U0REP1')).toMatchObject({ holidayCountry: 'GB', holidayRegion: null });
  });

  it("a manager's submission keeps the check-in settings their modal does not show, and the digest day they see", async () => {
    const morgan = (await person('U0MGR1'))!;
    await app.db.update(s.people).set({ preferences: { digestDay: 3, checkins: 'off', someFutureKey: true } }).where(eq(s.people.id, morgan.id));
    const modal = await openSettings('U0MGR1');
    expect((await submit('U0MGR1', modal, { digestDay: '3', lead: '1440', country: 'US', region: 'ny' })).text).toBe('');
    expect(await prefs('U0MGR1')).toMatchObject({ digestDay: 3, checkins: 'off', briefLeadMinutes: 1440, holidayCountry: 'US', holidayRegion: 'NY' });
    expect((await person('U0MGR1'))!.preferences).toMatchObject({ someFutureKey: true });
  });

  it('/coach pause 1w holds messages until then, said in the person’s zone; the modal and Home show it; /coach resume ends it', async () => {
    const mark = fake.calls.length;
    const paused = await coach('U0REP1', 'pause 1w');
    const reply = await paused.reply();
    expect(reply).toContain('Paused until *Tue 1 Dec, 10:00* (your time, America/Los_Angeles)');
    expect(reply).toMatch(/hold your weekly digest, check-ins, nudges and 1:1 agenda reminders/);
    expect(reply).toContain('/coach resume');
    expect(reply).not.toMatch(/brief/i);
    expect((await prefs('U0REP1')).pausedUntil).toBe('2026-12-01T18:00:00.000Z');
    await published('U0REP1', mark);
    expect(JSON.stringify(await openSettings('U0REP1'))).toContain('Paused until Tue 1 Dec, 10:00*');

    // A new pause replaces the old one, and says so.
    expect(await (await coach('U0REP1', 'pause 3 days')).reply()).toContain('Paused until *Fri 27 Nov, 10:00* (your time, America/Los_Angeles), instead of Tue 1 Dec, 10:00.');
    expect((await prefs('U0REP1')).pausedUntil).toBe('2026-11-27T18:00:00.000Z');

    const resumeMark = fake.calls.length;
    expect(await (await coach('U0REP1', 'resume')).reply()).toMatch(/Welcome back — your pause \(until Fri 27 Nov, 10:00\) is over/);
    expect((await prefs('U0REP1')).pausedUntil).toBeNull();
    await published('U0REP1', resumeMark);
    expect(await (await coach('U0REP1', 'resume')).reply()).toMatch(/You weren't paused, so nothing changed/);
  });

  it("a manager's pause reply says their 1:1 briefs still arrive", async () => {
    const reply = await (await coach('U0MGR1', 'pause')).reply();
    expect(reply).toContain('Paused until *Tue 1 Dec, 13:00* (your time, America/New_York)');
    expect(reply).toMatch(/Briefs for the 1:1s you hold still arrive/);
    await (await coach('U0MGR1', 'resume')).reply();
  });

  it.each([
    ['pause 500d', /at most 90 days/],
    ['pause someday', /couldn't read `someday` as a length of time/],
  ])('/coach %s is refused and changes nothing', async (text, want) => {
    await (await coach('U0REP2', 'pause 2w')).reply();
    const before = (await prefs('U0REP2')).pausedUntil;
    expect(before).toBe('2026-12-08T18:00:00.000Z');
    expect(await (await coach('U0REP2', text)).reply()).toMatch(want);
    expect((await prefs('U0REP2')).pausedUntil).toBe(before);
  });

  it("user_change keeps a known person's time zone and deactivation current; a zone luxon doesn't know changes nothing", async () => {
    const send = (user: Record<string, unknown>) => postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-user-change', { event_id: `Ev0UC${++n}`, event: { user: { id: 'U0REP2', profile: {}, ...user } } }));
    expect((await send({ tz: 'Asia/Kolkata', deleted: false })).status).toBe(200);
    await expect.poll(async () => (await person('U0REP2'))!.tz).toBe('Asia/Kolkata');
    await send({ tz: 'Mars/Olympus_Mons' });
    await send({ tz: 'Asia/Kolkata', deleted: true });
    await expect.poll(async () => (await person('U0REP2'))!.isDeleted).toBe(true);
    expect((await person('U0REP2'))!.tz).toBe('Asia/Kolkata');
    await send({ tz: 'Europe/London', deleted: false });
    await expect.poll(async () => (await person('U0REP2'))!.isDeleted).toBe(false);
  });

  it('user_change stores the status of a known person (the modal then says it holds messages), and creates nobody', async () => {
    const res = await userChange('U0REP1', { status_emoji: ':palm_tree:', status_text: 'Vacationing', status_expiration: 0 });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await person('U0REP1'))!.statusEmoji).toBe(':palm_tree:');
    expect(await person('U0REP1')).toMatchObject({ statusText: 'Vacationing', statusExpiresAt: null });
    expect(JSON.stringify(await openSettings('U0REP1'))).toContain('Your Slack status says :palm_tree: Vacationing — nothing unsolicited is sent until it changes.');

    // Cleared in Slack: cleared here, and the modal no longer mentions it.
    await userChange('U0REP1', { status_emoji: '', status_text: '', status_expiration: 0 });
    await expect.poll(async () => (await person('U0REP1'))!.statusEmoji).toBe('');
    expect(JSON.stringify(await openSettings('U0REP1'))).not.toContain('Your Slack status says');

    // A stranger changing their status creates nobody and calls nothing.
    expect((await userChange('U0STR1', { status_emoji: ':palm_tree:', status_text: 'Beach', status_expiration: 1_800_000_000 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await person('U0STR1')).toBeUndefined();
    expect(fake.callsTo('users.info').filter((c) => c.args.user === 'U0STR1')).toHaveLength(0);
  });

  it('the users.info refresh stores the status too, with its expiry', async () => {
    await (await coach('U0AWAY', 'help')).reply();
    expect(await person('U0AWAY')).toMatchObject({ statusEmoji: ':face_with_thermometer:', statusText: 'Out sick', statusExpiresAt: new Date('2026-11-26T17:00:00Z') });
    expect(JSON.stringify(await openSettings('U0AWAY'))).toContain(
      'Your Slack status says :face_with_thermometer: Out sick — nothing unsolicited is sent until it changes (Slack clears it Thu 26 Nov, 18:00).',
    );
  });
});

describe('pause service', () => {
  it('a week is a week of wall-clock time across a DST change, and a pause ends on its own', async () => {
    const db = await memoryDb();
    const dana = await addPerson(db, 'T0PAUSE', 'U0REP1', { tz: 'America/Los_Angeles' });
    const before = new Date('2026-10-28T17:00:00Z'); // Wed 10:00 PDT; US clocks go back on Sun 1 Nov
    const paused = await pauseMessages(db, dana, 7, before);
    expect(paused).toMatchObject({ days: 7, untilLabel: 'Wed 4 Nov, 10:00', tz: 'America/Los_Angeles', replaced: null });
    expect(paused.until.toISOString()).toBe('2026-11-04T18:00:00.000Z');
    const stored = (await findPersonBySlackId(db, 'T0PAUSE', 'U0REP1'))!;
    expect(activePause(stored, new Date('2026-11-04T17:59:59Z'))?.untilLabel).toBe('Wed 4 Nov, 10:00');
    expect(activePause(stored, new Date('2026-11-04T18:00:00Z'))).toBeNull();
    // Resuming after it ended: nothing was in force, and the stale value is cleared.
    expect(await resumeMessages(db, stored, new Date('2026-11-05T00:00:00Z'))).toEqual({ wasPaused: null });
    expect(readPreferences((await findPersonBySlackId(db, 'T0PAUSE', 'U0REP1'))!.preferences).pausedUntil).toBeNull();
  });

  it('refuses a pause outside 1–90 days', async () => {
    const db = await memoryDb();
    const dana = await addPerson(db, 'T0PAUSE', 'U0REP1');
    for (const days of [0, 91, 1.5]) await expect(pauseMessages(db, dana, days, new Date())).rejects.toThrow(/1 to 90 days/);
  });
});
