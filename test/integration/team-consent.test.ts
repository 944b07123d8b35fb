import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oneOnOneSource } from '../../src/services/deliveries/sources/one-on-one-source';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { buttonsIn, messageButtonClick, type TButton } from '../support/interactions';
import { commandReply } from '../support/command-reply';
import { postCommand, postEvent, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

const NOW = new Date('2026-11-24T18:00:00Z'); // a Tuesday
let tick = 0;
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

describe('teams by consent, admin adds, who can see my numbers, monthly 1:1s (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;
  /** The request DMs of the first test, clicked in later ones (calls are cleared between tests). */
  const requestDms = new Map<string, TFakeCall>();

  const command = async (user: string, text: string, name = '/coach') => {
    const id = `c${++n}`;
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: name, text, user_id: user, response_url: fake.responseUrl(id) });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const reply = { args: await commandReply(res, fake, id) };
    return { ...reply.args, json: JSON.stringify(reply.args) } as Record<string, unknown> & { text: string; json: string };
  };
  /** The latest DM the bot posted to `user` (after the `since`-th recorded call). */
  const dmTo = (user: string, since = 0) => fake.waitFor('chat.postMessage', (c) => c.args.channel === user && fake.calls.indexOf(c) >= since);
  const dmsTo = (user: string, since: number) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === user && fake.calls.indexOf(c) >= since);
  /** Clicks a button of a DM as `user`; returns what the app answered on the response_url. */
  const click = async (user: string, dm: TFakeCall, label: 'Accept' | 'Decline') => {
    const id = `a${++n}`;
    const button = buttonsIn(dm.args.blocks).find((b) => (b as TButton & { text: { text: string } }).text.text === label)!;
    expect(button).toBeDefined();
    const message = { ts: '1700000000.000900', blocks: dm.args.blocks, text: String(dm.args.text) };
    const res = await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick(user, button, message, fake.responseUrl(id)));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const reply = await fake.waitFor('response_url', (c) => c.target === id);
    return { ...reply.args, json: JSON.stringify(reply.args) } as Record<string, unknown> & { text: string; json: string };
  };
  const person = async (slackUserId: string) => (await app.db.select().from(s.people).where(eq(s.people.slackUserId, slackUserId)))[0]!;
  const requestsFor = async (rep: string) => (await app.db.select().from(s.teamRequests).where(eq(s.teamRequests.repId, (await person(rep)).id)));
  const auditFor = async (subject: string) => (await app.db.select().from(s.auditEvents).where(eq(s.auditEvents.subject, subject))).map((e) => e.action);
  const homeOf = async (user: string) => {
    const mark = fake.calls.length;
    const res = await postEvent(app.baseUrl, SIGNING_SECRET, loadFixture('event-app-home-opened', { event_id: `Ev0TEAM${++n}`, event: { user, tab: 'home' } }));
    expect(res.status).toBe(200);
    const call = await fake.waitFor('views.publish', (c) => c.args.user_id === user && fake.calls.indexOf(c) >= mark);
    return JSON.stringify(call.args.view);
  };

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
        { id: 'U0ADM1', name: 'alex', real_name: 'Alex Admin', tz: 'UTC', is_admin: true },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London' },
        { id: 'U0REP3', name: 'fay', real_name: 'Fay Rep', tz: 'Asia/Kolkata' },
        { id: 'U0OLG1', name: 'olga', real_name: 'Olga Otherteam', tz: 'Europe/Berlin' },
        { id: 'U0SAM1', name: 'sam', real_name: 'Sam Soonleaving', tz: 'UTC' },
        { id: 'U0GUS1', name: 'gus', real_name: 'Gus Rep', tz: 'UTC' },
      ],
    });
    app = await startTestApp({ fake, now: clock });
    // Everyone is met once; Olga manages Fay as a people import would have set it. Nobody else was imported.
    for (const user of ['U0MGR1', 'U0ADM1', 'U0REP1', 'U0REP2', 'U0REP3', 'U0OLG1', 'U0SAM1', 'U0GUS1']) await command(user, 'help');
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0OLG1'));
    await app.db.update(s.people).set({ managerId: (await person('U0OLG1')).id }).where(eq(s.people.slackUserId, 'U0REP3'));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('anyone may ask: each rep gets a DM naming who asks and exactly what they would see, with Accept / Decline', async () => {
    expect((await person('U0MGR1')).role).toBe('rep');
    const reply = await command('U0MGR1', 'team add <@U0REP1|dana> <@U0REP2|eli>');
    expect(reply.text).toMatch(/Asked <@U0REP1>, <@U0REP2> to join your team/);
    for (const rep of ['U0REP1', 'U0REP2']) {
      const dm = await dmTo(rep);
      requestDms.set(rep, dm);
      const text = JSON.stringify(dm.args.blocks);
      expect(text).toContain('<@U0MGR1> asks to add you to their team');
      for (const seen of ['your logged activity', 'your targets and goals', 'your pipeline', 'your coaching']) expect(text).toContain(seen);
      expect(text).toContain('Private 1:1 notes stay with whoever writes them');
      expect(buttonsIn(dm.args.blocks).map((b) => (b as TButton & { text: { text: string } }).text.text)).toEqual(['Accept', 'Decline']);
      expect(String(dm.args.text)).toMatch(/asks to add you to their team/);
      // Nothing changes before they answer.
      expect((await person(rep)).managerId).toBeNull();
      expect(await requestsFor(rep)).toMatchObject([{ status: 'pending', managerId: (await person('U0MGR1')).id, requestedById: (await person('U0MGR1')).id, answeredAt: null }]);
      expect(await auditFor(rep)).toEqual(['team.requested']);
    }
    expect((await person('U0MGR1')).role).toBe('rep');
  });

  it('asking again says so plainly: no second request, no second DM', async () => {
    const mark = fake.calls.length;
    const reply = await command('U0MGR1', 'team add <@U0REP1|dana>');
    expect(reply.text).toMatch(/Already asked, waiting for an answer: <@U0REP1>/);
    expect(await requestsFor('U0REP1')).toHaveLength(1);
    expect(dmsTo('U0REP1', mark)).toHaveLength(0);
  });

  it('Accept: the rep joins, the asker becomes a manager and is told; a second click gets a polite note', async () => {
    const dm = requestDms.get('U0REP1')!;
    const answered = await click('U0REP1', dm, 'Accept');
    expect(answered.replace_original).toBe(true);
    expect(answered.text).toMatch(/You joined <@U0MGR1>'s team/);
    expect(answered.json).not.toContain('team_request_accept');
    expect((await person('U0REP1')).managerId).toBe((await person('U0MGR1')).id);
    expect((await person('U0MGR1')).role).toBe('manager');
    expect((await requestsFor('U0REP1'))[0]).toMatchObject({ status: 'accepted' });
    expect((await requestsFor('U0REP1'))[0]!.answeredAt).toBeInstanceOf(Date);
    expect(await auditFor('U0REP1')).toEqual(['team.requested', 'team.request.accepted']);
    const told = await dmTo('U0MGR1');
    expect(String(told.args.text)).toMatch(/<@U0REP1> accepted — they're on your team now/);

    // The new manager sees their rep's numbers now.
    const stats = await command('U0MGR1', '<@U0REP1|dana>', '/stats');
    expect(stats.json).toContain('Dana Rep');
    expect(stats.json).not.toMatch(/only show a rep's numbers/);

    const mark = fake.calls.length;
    const again = await click('U0REP1', dm, 'Accept');
    expect(again.text).toMatch(/You already accepted this request/);
    expect(dmsTo('U0MGR1', mark)).toHaveLength(0);
  });

  it('only the named rep may answer; Decline tells the asker politely and changes nothing else', async () => {
    const dm = requestDms.get('U0REP2')!;
    const stranger = await click('U0GUS1', dm, 'Accept');
    expect(stranger.text).toMatch(/sent to someone else — only they can answer it/);
    expect(stranger.replace_original).toBe(false);
    expect((await person('U0REP2')).managerId).toBeNull();
    expect((await person('U0GUS1')).managerId).toBeNull();
    expect((await requestsFor('U0REP2'))[0]).toMatchObject({ status: 'pending' });

    const declined = await click('U0REP2', dm, 'Decline');
    expect(declined.text).toMatch(/You declined — <@U0MGR1> doesn't see your numbers/);
    expect((await person('U0REP2')).managerId).toBeNull();
    expect((await requestsFor('U0REP2'))[0]).toMatchObject({ status: 'declined' });
    expect(await auditFor('U0REP2')).toEqual(['team.requested', 'team.request.declined']);
    const told = await dmTo('U0MGR1');
    expect(String(told.args.text)).toMatch(/<@U0REP2> declined your request to join your team, so nothing changed/);
    const peek = await command('U0MGR1', '<@U0REP2|eli>', '/stats');
    expect(peek.text).toMatch(/only show a rep's numbers/);

    const late = await click('U0REP2', dm, 'Accept');
    expect(late.text).toMatch(/You already declined this request/);
    expect((await person('U0REP2')).managerId).toBeNull();
  });

  it('a rep on another team is told before accepting that it moves them; accepting moves them, tells the old manager, and she is a rep again', async () => {
    const reply = await command('U0MGR1', 'team add <@U0REP3|fay>');
    expect(reply.text).toMatch(/Asked <@U0REP3>/);
    const dm = await dmTo('U0REP3');
    expect(JSON.stringify(dm.args.blocks)).toMatch(/You're on <@U0OLG1>'s team now\. Accepting moves you: <@U0OLG1> would no longer see your numbers/);
    const answered = await click('U0REP3', dm, 'Accept');
    expect(answered.text).toMatch(/<@U0OLG1> no longer sees your numbers/);
    expect((await person('U0REP3')).managerId).toBe((await person('U0MGR1')).id);
    // Role manager follows from having reps: Olga had only Fay.
    expect((await person('U0OLG1')).role).toBe('rep');
    const olga = await dmTo('U0OLG1');
    expect(String(olga.args.text)).toMatch(/<@U0REP3> moved to <@U0MGR1>'s team/);
    const log = (await app.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.subject, 'U0REP3'), eq(s.auditEvents.action, 'team.request.accepted'))))[0]!;
    expect(log.details).toMatchObject({ manager: 'U0MGR1', from: 'U0OLG1' });
  });

  it('old buttons get a polite note: a withdrawn request, an asker who left', async () => {
    await command('U0SAM1', 'team add <@U0GUS1|gus>');
    const samsRequest = await dmTo('U0GUS1');
    await app.db.update(s.people).set({ isDeleted: true }).where(eq(s.people.slackUserId, 'U0SAM1'));
    const gone = await click('U0GUS1', samsRequest, 'Accept');
    expect(gone.text).toMatch(/no longer in the workspace, so there is nothing to answer/);
    expect((await person('U0GUS1')).managerId).toBeNull();

    const mark = fake.calls.length;
    await command('U0MGR1', 'team add <@U0GUS1|gus>');
    const morgansRequest = await dmTo('U0GUS1', mark);
    const withdrawn = await command('U0MGR1', 'team remove <@U0GUS1|gus>');
    expect(withdrawn.text).toMatch(/Withdrew your unanswered request to <@U0GUS1>/);
    const stale = await click('U0GUS1', morgansRequest, 'Accept');
    expect(stale.text).toMatch(/This request was withdrawn/);
    expect(stale.replace_original).toBe(true);
    expect((await person('U0GUS1')).managerId).toBeNull();
    expect((await requestsFor('U0GUS1')).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a button that carries nothing known is refused without an error', async () => {
    const tampered = JSON.parse(JSON.stringify(requestDms.get('U0REP2')!.args.blocks).replace(/\{\\"requestId\\":\d+\}/g, 'nope')) as unknown;
    expect(JSON.stringify(tampered)).toContain('"value":"nope"');
    const bad = { args: { blocks: tampered, text: 'x' } } as unknown as TFakeCall;
    const reply = await click('U0REP2', bad, 'Accept');
    expect(reply.text).toMatch(/doesn't carry a team request I recognise — nothing was changed/);
  });

  it("an admin's add takes effect at once and the rep is told who added them and what they see", async () => {
    const reply = await command('U0ADM1', 'team add <@U0REP2|eli>');
    expect(reply.text).toMatch(/Added to your team: <@U0REP2>/);
    expect((await person('U0REP2')).managerId).toBe((await person('U0ADM1')).id);
    const adminId = (await person('U0ADM1')).id;
    expect((await requestsFor('U0REP2')).filter((r) => r.managerId === adminId)).toHaveLength(0);
    const dm = await dmTo('U0REP2');
    expect(String(dm.args.text)).toMatch(/<@U0ADM1> \(a workspace admin\) added you to their team in Canopy\. They can now see your logged activity/);
    expect(buttonsIn(dm.args.blocks)).toHaveLength(0);
    expect(await auditFor('U0REP2')).toContain('team.added');
    // A manager can't take in an admin or another manager.
    const refused = await command('U0MGR1', 'team add <@U0ADM1|alex>');
    expect(refused.text).toMatch(/Not added <@U0ADM1> — they manage a team or are an admin/);
  });

  it("a rep's Home tab names who can see their numbers", async () => {
    const dana = await homeOf('U0REP1');
    expect(dana).toContain('*Who can see your numbers*');
    expect(dana).toContain('You, *Morgan Manager* (your manager) and workspace admins — nobody else');
    const gus = await homeOf('U0GUS1');
    expect(gus).toContain('You and workspace admins — nobody else');
    expect(gus).toContain("If someone asks to add you to their team, you get a DM saying what they'd see");
  });

  it('/coach help: reps learn how to ask for a team; admins get a section of what only they can do', async () => {
    const rep = await command('U0GUS1', 'help');
    expect(rep.json).toContain('*Your team*');
    expect(rep.json).not.toContain('*For admins*');
    const manager = await command('U0MGR1', 'help');
    expect(manager.json).toContain('ask reps to join your team');
    expect(manager.json).toContain('`monthly`');
    expect(manager.json).not.toContain('*For admins*');
    const admin = await command('U0ADM1', 'help');
    expect(admin.json).toContain('*For admins*');
    expect(admin.json).toContain('takes effect at once');
    expect(admin.json).toContain('npm run cli -- import people people.csv --workspace T…');
  });

  it('/coach 1on1 @rep monthly: the first Tuesday by default, or the last Friday; briefs and agenda reminders follow it', async () => {
    const first = await command('U0MGR1', '1on1 <@U0REP1|dana> monthly tue 10:00');
    expect(first.json).toContain('the first Tuesday of each month at 10:00');
    const row = async () => (await app.db.select().from(s.oneOnOnes).where(eq(s.oneOnOnes.repId, (await person('U0REP1')).id)))[0]!;
    expect(await row()).toMatchObject({ cadence: 'monthly', weekday: 2, localTime: '10:00', tz: 'America/New_York', anchorDate: '2026-12-01' });
    const told = await dmTo('U0REP1');
    expect(String(told.args.text) + JSON.stringify(told.args.blocks)).toMatch(/first Tuesday of each month/);

    // 1 Dec 2026, 10:00 New York = 15:00Z: the brief an hour before, Dana's reminder the working day before.
    const plan = await planDeliveries(app.db, { now: new Date('2026-12-01T14:05:00Z'), workspaceId: FAKE_TEAM.teamId, sources: [oneOnOneSource] });
    const kinds = plan.items.map((i) => `${i.kind} ${i.recipientSlackId} ${i.dueAt.toISOString()}`);
    expect(kinds).toContain('brief U0MGR1 2026-12-01T14:00:00.000Z');
    expect(kinds.some((k) => k.startsWith('agenda_reminder U0REP1 2026-11-30T23:00:00.000Z'))).toBe(true);
    // Nothing on the second Tuesday.
    const second = await planDeliveries(app.db, { now: new Date('2026-12-08T14:05:00Z'), workspaceId: FAKE_TEAM.teamId, sources: [oneOnOneSource] });
    expect(second.items.filter((i) => i.recipientSlackId === 'U0MGR1' || i.recipientSlackId === 'U0REP1')).toEqual([]);

    const last = await command('U0MGR1', '1on1 <@U0REP1|dana> monthly last fri 15:00');
    expect(last.json).toContain('the last Friday of each month at 15:00');
    expect(await row()).toMatchObject({ cadence: 'monthly', weekday: 5, localTime: '15:00' });
    const bad = await command('U0MGR1', '1on1 <@U0REP1|dana> monthly 5th fri 15:00');
    expect(bad.text).toMatch(/Not every month has a fifth one/);
    expect(await row()).toMatchObject({ weekday: 5, localTime: '15:00' });
  });
});
