import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPersonBySlackId } from '../../db/repositories/people';
import type { TPersonalExport } from '../../src/domain/personal-export';
import { forgottenSubject } from '../../src/services/privacy/forgotten-subject';
import { dmChannelId, FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { viewSubmission } from '../support/interactions';
import { newTriggerId, postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';

/*
 * `/coach export` and `/coach forget-me` as people use them: the real Bolt app over real HTTP with signed requests,
 * the fake Slack Web API recording the external upload (files.getUploadURLExternal → the upload URL →
 * files.completeUploadExternal), the modal, and the DMs.
 */

const WS = FAKE_TEAM.teamId;
type TView = { callback_id?: string; private_metadata?: string; blocks: unknown[]; title?: unknown; submit?: unknown; close?: unknown };

describe('/coach export and /coach forget-me (real HTTP, fake Slack, real SQLite)', () => {
  let fake: TFakeSlack;
  let app: TTestApp;
  let n = 0;

  const command = async (name: '/coach' | '/log', userId: string, text: string) => {
    const id = `r${++n}`;
    const triggerId = newTriggerId();
    const res = await postCommand(app.baseUrl, SIGNING_SECRET, { command: name, text, user_id: userId, response_url: fake.responseUrl(id), trigger_id: triggerId });
    expect(res.status).toBe(200);
    // Slack's 3 seconds: the export is prepared after the ack.
    expect(res.ms).toBeLessThan(3000);
    const replies = () => fake.callsTo('response_url').filter((c) => c.target === id).map((c) => String(c.args.text));
    return { triggerId, replies, reply: async (nth = 0) => { await fake.waitFor('response_url', (c) => c.target === id && replies().length > nth, 8000); return replies()[nth]!; } };
  };
  const since = (mark: number) => (c: TFakeCall) => fake.calls.indexOf(c) >= mark;

  beforeAll(async () => {
    fake = await startFakeSlack({
      users: [
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles', profile: { email: 'dana@example.com' } },
        { id: 'U0REP2', name: 'eli', real_name: 'Eli Rep', tz: 'Europe/London', profile: { email: 'eli@example.com' } },
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: 'America/New_York' },
      ],
    });
    app = await startTestApp({ fake });
    for (const id of ['U0MGR1', 'U0REP1', 'U0REP2']) await (await command('/coach', id, 'help')).reply();
    const morgan = (await findPersonBySlackId(app.db, WS, 'U0MGR1'))!;
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.id, morgan.id));
    for (const rep of ['U0REP1', 'U0REP2']) await app.db.update(s.people).set({ managerId: morgan.id }).where(eq(s.people.slackUserId, rep));
    await (await command('/log', 'U0REP1', '4 calls zebra-dana')).reply();
    await (await command('/log', 'U0REP1', 'demo with Acme, sent "pricing" zebra-dana-2')).reply();
    await (await command('/log', 'U0REP2', '3 emails walrus-eli')).reply();
    await (await command('/coach', 'U0MGR1', '1on1 <@U0REP1|dana> weekly tue 10:00')).reply();
    // Morgan's private notes about Dana: Morgan's data, never in Dana's export.
    const pair = (await app.db.select().from(s.oneOnOnes))[0]!;
    await app.db.insert(s.meetings).values({ oneOnOneId: pair.id, startsAt: new Date('2026-11-17T15:00:00Z'), notes: 'PRIVATE-morgan-on-dana', notesLoggedAt: new Date() });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('/coach export: "preparing" at once, then a JSON and a CSV in the DM through the external upload, with her raw texts and nobody else’s', async () => {
    const { reply } = await command('/coach', 'U0REP1', 'export');
    expect(await reply(0)).toContain('Preparing your export');
    const complete = await fake.waitFor('files.completeUploadExternal', undefined, 8000);
    expect(await reply(1)).toContain('Your export is in our DM');

    // The documented sequence: a URL per file (filename, length), the bytes to each URL, one completion in the DM.
    const order = fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'file_upload' || m === 'conversations.open');
    expect(order).toEqual(['conversations.open', 'files.getUploadURLExternal', 'files.getUploadURLExternal', 'file_upload', 'file_upload', 'files.completeUploadExternal']);
    const urls = fake.callsTo('files.getUploadURLExternal');
    const uploads = fake.callsTo('file_upload');
    for (const url of urls) {
      const upload = uploads.find((u) => u.args.filename === url.args.filename)!;
      expect(Number(url.args.length)).toBe(upload.args.bytes);
    }
    expect(complete.args).toMatchObject({ channel_id: dmChannelId('U0REP1') });
    const shared = complete.args.files as { id: string; title: string }[];
    expect(shared.map((f) => f.title)).toEqual([expect.stringMatching(/^Your Canopy data/), expect.stringMatching(/^Your activities/)]);
    expect(String(complete.args.initial_comment)).toContain("Not included: the private notes your manager keeps");
    expect(fake.messagesIn('U0REP1').at(-1)).toMatchObject({ upload: true, files: [{ id: shared[0]!.id }, { id: shared[1]!.id }] });

    const json = JSON.parse(fake.fileContent(shared[0]!.id)!.toString('utf8')) as TPersonalExport;
    expect(json.profile).toMatchObject({ slackUserId: 'U0REP1', name: 'Dana Rep', email: 'dana@example.com', manager: { slackUserId: 'U0MGR1', name: 'Morgan Manager' } });
    expect(json.logEntries.map((e) => e.rawText)).toEqual(['4 calls zebra-dana', 'demo with Acme, sent "pricing" zebra-dana-2']);
    expect(json.activities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'call', count: 4, rawText: '4 calls zebra-dana' })]));
    expect(json.deals.map((d) => d.name)).toEqual(['Acme']);
    expect(json.oneOnOnes).toEqual([expect.objectContaining({ role: 'rep', with: { slackUserId: 'U0MGR1', name: 'Morgan Manager' }, meetings: [{ startsAt: '2026-11-17T15:00:00.000Z' }] })]);
    const text = JSON.stringify(json);
    expect(text).not.toContain('walrus-eli');
    expect(text).not.toContain('Eli Rep');
    expect(text).not.toContain('PRIVATE-morgan-on-dana');

    const csv = fake.fileContent(shared[1]!.id)!.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('occurred_at,rep,type,count,deal_id,stage,deal_name,source,raw_text');
    expect(csv.filter((line) => line.includes('zebra-dana')).length).toBeGreaterThanOrEqual(2);
    expect(csv.join('\n')).toContain('"demo with Acme, sent ""pricing"" zebra-dana-2"');
  });

  it("a manager's export holds the private notes they wrote", async () => {
    await command('/coach', 'U0MGR1', 'export');
    const complete = await fake.waitFor('files.completeUploadExternal', undefined, 8000);
    const json = JSON.parse(fake.fileContent((complete.args.files as { id: string }[])[0]!.id)!.toString('utf8')) as TPersonalExport;
    expect(json.oneOnOnes).toEqual([expect.objectContaining({ role: 'manager', meetings: [{ startsAt: '2026-11-17T15:00:00.000Z', privateNotes: 'PRIVATE-morgan-on-dana' }] })]);
    expect(json.logEntries).toEqual([]);
  });

  it("waits out Slack's 429 Retry-After on the upload calls, and says so plainly when the upload fails", async () => {
    fake.failNext('files.getUploadURLExternal', { status: 429, retryAfter: 1 });
    const slow = await command('/coach', 'U0REP2', 'export');
    await fake.waitFor('files.completeUploadExternal', undefined, 10_000);
    expect(fake.rejected429).toBe(1);
    expect(await slow.reply(1)).toContain('Your export is in our DM');

    fake.failNext('files.completeUploadExternal', { error: 'fatal_error' });
    const failed = await command('/coach', 'U0REP2', 'export');
    expect(await failed.reply(1)).toContain("I couldn't send your export just now");
  }, 20_000);

  it('/coach forget-me: a modal says what goes; without FORGET nothing happens; with it, everything goes and Morgan is told', async () => {
    const { triggerId } = await command('/coach', 'U0REP1', 'forget-me');
    const opened = (await fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId)).args.view as TView;
    expect(opened.callback_id).toBe('forget_me');
    const shown = JSON.stringify(opened.blocks);
    expect(shown).toContain('cannot be undone');
    expect(shown).toContain('2 messages you logged');
    expect(shown).toContain('Your 1:1s with *Morgan Manager* are cancelled.');
    const dana = (await findPersonBySlackId(app.db, WS, 'U0REP1'))!;

    const submit = (userId: string, typed: string | null) =>
      postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission(userId, opened as unknown as Record<string, unknown>, { forget_confirm: { forget_confirm_input: { type: 'plain_text_input', value: typed } } }));
    const wrong = await submit('U0REP1', 'delete');
    expect(wrong.json).toEqual({ response_action: 'errors', errors: { forget_confirm: expect.stringContaining('Type FORGET') } });
    // Someone else submitting Dana's confirmation (a forged payload) deletes nothing.
    const forged = await submit('U0REP2', 'FORGET');
    expect(JSON.stringify(forged.json)).toContain('expired');
    expect(await findPersonBySlackId(app.db, WS, 'U0REP1')).toBeDefined();

    const mark = fake.calls.length;
    const res = await submit('U0REP1', ' forget ');
    expect(JSON.stringify(res.json)).toContain('Deleting your data');
    const done = await fake.waitFor('views.update', since(mark), 8000);
    expect(JSON.stringify(done.args.view)).toContain('Everything Canopy stored about you is deleted. *Morgan Manager* was told.');
    const told = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0MGR1' && fake.calls.indexOf(c) >= mark);
    expect(told.args.text).toBe('*Dana Rep* asked to be forgotten: their data in Canopy is deleted, and your 1:1s with them are cancelled and they are no longer on your team.');
    const wiped = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0REP1' && fake.calls.indexOf(c) >= mark);
    expect(JSON.stringify(wiped.args.view)).toContain('Your data was deleted');

    expect(await findPersonBySlackId(app.db, WS, 'U0REP1')).toBeUndefined();
    expect(await app.db.select().from(s.logEntries).where(eq(s.logEntries.personId, dana.id))).toEqual([]);
    expect(await app.db.select().from(s.oneOnOnes)).toEqual([]);
    expect(await app.db.select().from(s.meetings)).toEqual([]);
    expect((await app.db.select().from(s.logEntries)).map((e) => e.rawText)).toEqual(['3 emails walrus-eli']);
    expect(await app.db.select().from(s.auditEvents)).toEqual([expect.objectContaining({ action: 'person.forgotten', subject: forgottenSubject(WS, 'U0REP1'), actorId: null, via: 'slack' })]);

    // Submitting the same confirmation again finds nothing to delete.
    const again = await submit('U0REP1', 'FORGET');
    expect(JSON.stringify(again.json)).toContain('Deleting your data');
    const nothing = await fake.waitFor('views.update', (c) => fake.calls.indexOf(c) > fake.calls.indexOf(done), 8000);
    expect(JSON.stringify(nothing.args.view)).toContain('Canopy stores nothing about you');
  });
});
