import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { homeUrl } from '../../src/services/digests/digest-parts';
import { FAKE_TEAM, startFakeSlack, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick, viewSubmission } from '../support/interactions';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

// A Tuesday: 13:00 in New York (the manager), 10:00 in Los Angeles, 23:30 in Kolkata.
const NOW = new Date('2026-11-24T18:00:00Z');
let tick = 0;
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

describe('1:1s in Slack: schedule, agenda, /brief, notes and action items (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const slash = async (command: '/coach' | '/brief', user: string, text: string) => {
    const id = `c${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    return { ...reply.args, json: JSON.stringify(reply.args) } as Record<string, unknown> & { text: string; json: string; blocks?: unknown };
  };
  const coach = (user: string, text: string) => slash('/coach', user, text);
  const personId = async (slackUserId: string) => (await app.db.select().from(s.people).where(eq(s.people.slackUserId, slackUserId)))[0]!.id;
  const dmsTo = (user: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === user);

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0ADM1', name: 'alex', real_name: 'Alex Admin', tz: 'UTC', is_admin: true },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli <!channel> Rep', tz: 'Asia/Kolkata' },
        { id: 'U0STR1', name: 'sam', real_name: 'Sam Stranger', tz: 'UTC' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    for (const user of ['U0MGR1', 'U0ADM1', 'U0REP1', 'U0REP2', 'U0STR1']) await coach(user, 'help');
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0MGR1'));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(s.people).set({ managerId: (await personId('U0MGR1')) }).where(eq(s.people.slackUserId, rep));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('a manager schedules a weekly 1:1 in their zone; the rep is told the same meeting in theirs', async () => {
    const reply = await coach('U0MGR1', '1on1 <@U0REP1|dana> weekly wed 10:00');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^Scheduled: 1:1 with Dana Rep, every Wednesday at 10:00 \(America\/New_York\)\. Next: Wed 25 Nov, 10:00\./);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(dm.args.text)).toMatch(/Your next one: Wed 25 Nov, 07:00 \(your time\)/);
    expect(buttonsIn(dm.args.blocks).map((b) => b.action_id)).toEqual(['agenda_add_open']);
    const row = (await app.db.select().from(s.oneOnOnes).where(eq(s.oneOnOnes.repId, await personId('U0REP1'))))[0]!;
    expect(row).toMatchObject({ cadence: 'weekly', weekday: 3, localTime: '10:00', tz: 'America/New_York', anchorDate: '2026-11-25', cancelledAt: null });
  });

  it('the same command with another time changes it (one row); a rep in Kolkata sees the next day', async () => {
    const changed = await coach('U0MGR1', '1on1 <@U0REP1> biweekly thu 2:30pm');
    expect(changed.text).toMatch(/^Changed: 1:1 with Dana Rep, every other Thursday at 14:30/);
    expect(await app.db.select().from(s.oneOnOnes).where(eq(s.oneOnOnes.repId, await personId('U0REP1')))).toHaveLength(1);
    await coach('U0MGR1', '1on1 <@U0REP2> weekly mon 8pm');
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP2');
    expect(String(dm.args.text)).toMatch(/Your next one: Tue 1 Dec, 06:30 \(your time\)/);
    const list = await coach('U0REP2', '1on1');
    expect(list.json).toMatch(/With your manager <@U0MGR1>.*next \*Tue 1 Dec, 06:30\*/);
    await coach('U0MGR1', '1on1 <@U0REP1> weekly wed 10:00');
    await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1' && /Wed 25 Nov, 07:00/.test(String(c.args.text)));
  });

  it('bad schedules and people who may not schedule get a clear answer and nothing is stored', async () => {
    const before = await app.db.select().from(s.oneOnOnes);
    for (const [user, text, want] of [
      ['U0MGR1', '1on1 <@U0REP1> weekly someday 10:00', /Example: `\/coach 1on1 @rep weekly tue 10:00`/],
      ['U0MGR1', '1on1 <@U0REP1> weekly tue 25:00', /25:00/],
      ['U0MGR1', `1on1 <@U0REP1> ${'x'.repeat(5000)}`, /Example/],
      ['U0MGR1', '1on1 <@U0MGR1> weekly tue 10:00', /takes two people/],
      ['U0STR1', '1on1 <@U0REP1> weekly tue 10:00', /reps on your team/],
      ['U0REP1', '1on1 <@U0REP2> weekly tue 10:00', /reps on your team/],
      ['U0MGR1', '1on1 weekly tue 10:00', /Mention the rep/],
    ] as const) {
      const reply = await coach(user, text);
      expect(reply.text).toMatch(want);
      expect(reply.text.length).toBeLessThan(400);
    }
    expect(await app.db.select().from(s.oneOnOnes)).toEqual(before);
    expect(dmsTo('U0REP1')).toHaveLength(0);
  });

  it('both sides add agenda items; text is shown escaped, never pinging', async () => {
    const added = await coach('U0REP1', 'agenda Pricing for the Acme renewal <!channel> & more');
    expect(added.json).toMatch(/Added\. Agenda for your 1:1 with <@U0MGR1> on \*Wed 25 Nov, 07:00\*/);
    expect(added.json).toContain('Pricing for the Acme renewal &lt;!channel&gt; &amp; more');
    expect(added.json).not.toContain('<!channel>');
    await coach('U0MGR1', 'agenda <@U0REP1> Q1 territory plan');
    const shown = await coach('U0REP1', 'agenda');
    expect(shown.json).toMatch(/Pricing for the Acme renewal.*_\(you\)_.*Q1 territory plan _\(Morgan Manager\)_/);
    const long = await coach('U0REP1', `agenda ${'y'.repeat(5000)}`);
    expect(long.text).toMatch(/5,000 characters — keep an agenda item under 2,000/);
    const lonely = await coach('U0STR1', 'agenda anything');
    expect(lonely.text).toMatch(/don't have a 1:1 scheduled yet/);
    expect(await app.db.select().from(s.agendaItems)).toHaveLength(2);
  });

  it('/brief is for the rep’s manager and admins only; unknown users read the same as refusals', async () => {
    const brief = await slash('/brief', 'U0MGR1', '<@U0REP1|dana>');
    expect(brief.response_type).toBe('ephemeral');
    expect(brief.json).toContain('Pricing for the Acme renewal');
    expect(brief.json).toContain('brief_log_notes');
    const admin = await slash('/brief', 'U0ADM1', '<@U0REP1>');
    expect(admin.json).toContain('Pricing for the Acme renewal');
    const refusals = await Promise.all([
      slash('/brief', 'U0REP1', '<@U0REP1>'),
      slash('/brief', 'U0REP2', '<@U0REP1>'),
      slash('/brief', 'U0STR1', '<@U0REP1>'),
      slash('/brief', 'U0MGR1', '<@U0NOBODY1>'),
    ]);
    for (const reply of refusals) {
      expect(reply.json).not.toContain('Pricing');
      expect(reply.text).toMatch(/manager and admins|manager or an admin/);
    }
    expect((await slash('/brief', 'U0MGR1', '')).text).toMatch(/Which rep\?/);
  });

  it('Log notes opens the notes modal; a submission saves notes and action items and DMs the rep; Done ticks one off', async () => {
    const brief = await slash('/brief', 'U0MGR1', '<@U0REP1>');
    const logNotes = buttonsIn(brief.blocks).find((b) => b.action_id === 'brief_log_notes')!;
    const message = { ts: '1700000000.000100', blocks: brief.blocks, text: brief.text };
    await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick('U0MGR1', logNotes, message, fake.responseUrl('x1')));
    const open = await fake.waitFor('views.open');
    const view = open.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe('meeting_notes');
    const { meetingId } = JSON.parse(String(view.private_metadata)) as { meetingId: number };

    const values = (rows: { text?: string; owner?: string; due?: string | null }[], notes = 'Talked pricing; Dana is confident.') => {
      const state: Record<string, Record<string, unknown>> = { notes: { notes: { type: 'plain_text_input', value: notes } } };
      rows.forEach((row, i) => {
        state[`item_${i + 1}_text`] = { value: { type: 'plain_text_input', value: row.text ?? null } };
        state[`item_${i + 1}_owner`] = { value: { type: 'static_select', selected_option: row.owner ? { value: row.owner, text: { type: 'plain_text', text: row.owner } } : null } };
        state[`item_${i + 1}_due`] = { value: { type: 'datepicker', selected_date: row.due ?? null } };
      });
      return state;
    };
    const stranger = await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission('U0STR1', view, values([{ text: 'x', owner: 'rep' }])));
    expect((stranger.json as { errors: Record<string, string> }).errors.notes).toMatch(/Only the manager/);
    const past = await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission('U0MGR1', view, values([{ text: 'Send proposal', owner: 'rep', due: '2026-01-01' }, { due: '2026-12-01' }])));
    expect(past.json).toEqual({ response_action: 'errors', errors: { item_1_due: 'Pick today or a later date.', item_2_text: 'What is the action item? (Or clear its due date.)' } });
    expect(await app.db.select().from(s.actionItems)).toHaveLength(0);

    const ok = await postInteraction(
      app.baseUrl,
      SIGNING_SECRET,
      viewSubmission('U0MGR1', view, values([{ text: 'Send the Acme proposal', owner: 'rep', due: '2026-11-27' }, { text: 'Intro Dana to the CFO', owner: 'manager' }, {}])),
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1');
    expect(String(dm.args.text)).toMatch(/Action items from your 1:1 with Morgan Manager: Send the Acme proposal; Intro Dana to the CFO/);
    expect(JSON.stringify(dm.args.blocks)).toContain('due 2026-11-27');
    expect((await app.db.select().from(s.meetings).where(eq(s.meetings.id, meetingId)))[0]).toMatchObject({ notes: 'Talked pricing; Dana is confident.' });
    const items = await app.db.select().from(s.actionItems).orderBy(asc(s.actionItems.id));
    expect(items.map((i) => [i.text, i.ownerId, i.dueDate])).toEqual([
      ['Send the Acme proposal', await personId('U0REP1'), '2026-11-27'],
      ['Intro Dana to the CFO', await personId('U0MGR1'), null],
    ]);
    // Submitting the same form again adds nothing twice.
    await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission('U0MGR1', view, values([{ text: 'Send the Acme proposal', owner: 'rep', due: '2026-11-27' }])));
    expect(await app.db.select().from(s.actionItems)).toHaveLength(2);

    const done = buttonsIn(dm.args.blocks).find((b) => b.action_id === 'action_item_done')!;
    const dmMessage = { ts: '1700000000.000200', blocks: dm.args.blocks, text: String(dm.args.text) };
    await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick('U0STR1', done, dmMessage, fake.responseUrl('d0')));
    expect(String((await fake.waitFor('response_url', (c) => c.target === 'd0')).args.text)).toMatch(/Only the two people/);
    await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick('U0REP1', done, dmMessage, fake.responseUrl('d1')));
    const redrawn = await fake.waitFor('response_url', (c) => c.target === 'd1');
    expect(redrawn.args.replace_original).toBe(true);
    expect(JSON.stringify(redrawn.args.blocks)).toMatch(/~Send the Acme proposal~/);
    expect((await app.db.select().from(s.actionItems).where(eq(s.actionItems.text, 'Send the Acme proposal')))[0]!.doneAt).toBeInstanceOf(Date);

    // The agenda that was up for this meeting is filed under it: the next agenda starts empty.
    const agenda = await coach('U0REP1', 'agenda');
    expect(agenda.json).toContain('Nothing yet');
  });

  it("remembers the app's id from Slack's requests, so digests can link to the Home tab", async () => {
    const row = (await app.db.select({ appId: s.workspaces.slackAppId }).from(s.workspaces))[0]!;
    expect(row.appId).toBe(FAKE_TEAM.appId);
    expect(homeUrl(FAKE_TEAM.teamId, row.appId)).toBe(`slack://app?team=${FAKE_TEAM.teamId}&id=${FAKE_TEAM.appId}&tab=home`);
  });

  it('cancelling stops the 1:1 and tells the rep', async () => {
    const reply = await coach('U0MGR1', '1on1 cancel <@U0REP2>');
    expect(reply.text).toMatch(/Cancelled your 1:1 with Eli &lt;!channel&gt; Rep/);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP2');
    expect(String(dm.args.text)).toMatch(/Morgan Manager cancelled your recurring 1:1/);
    expect((await app.db.select().from(s.oneOnOnes).where(eq(s.oneOnOnes.repId, await personId('U0REP2'))))[0]!.cancelledAt).toBeInstanceOf(Date);
    expect((await coach('U0MGR1', '1on1 cancel <@U0REP2>')).text).toMatch(/no 1:1 scheduled with/);
  });
});
