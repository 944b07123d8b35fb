// @vitest-environment node
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPreferences } from '../../db/repositories/people';
import { PLAN_JOB } from '../../jobs/definitions';
import { startDeliveryWorkers, type TRunningDeliveryWorkers } from '../../jobs/delivery-workers';
import { QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import { weekdayName } from '../../src/domain/schedule';
import { createDeliverySlack, createDeliveryWebClient } from '../../src/slack/deliver';
import { FAKE_TEAM, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { buttonsIn, messageButtonClick, viewSubmission } from '../support/interactions';
import { postCommand, postInteraction } from '../support/slack-requests';
import { SIGNING_SECRET, startTestApp, type TTestApp } from '../support/start-app';
import { s } from '../support/tables';
import { ALWAYS_AT_WORK } from './support/deliveries';
import { REDIS_URL, silentLogger, uniquePrefix, waitUntil } from './support/helpers';

/*
 * The whole 1:1 path as people live it, on the real clock: a manager schedules over real HTTP, the rep
 * adds a topic, `plan` runs (as if at the brief's due time) on the real Redis, `deliver` DMs exactly one
 * brief to the fake Slack, the manager logs notes from it, and the rep gets the action items.
 */
describe.sequential('1:1 prep end to end: command → plan → one brief DM → notes → the rep’s action items', () => {
  const prefix = uniquePrefix('one-on-one-path');
  const MANAGER_TZ = 'America/New_York';
  // Two days ahead: far enough that the meeting is in the future whatever the hour the test runs at.
  const meetingDay = DateTime.now().setZone(MANAGER_TZ).plus({ days: 2 });
  const meetingStart = meetingDay.set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const briefDue = meetingStart.minus({ minutes: 60 });
  let fake: TFakeSlack;
  let app: TTestApp;
  let workers: TRunningDeliveryWorkers;
  let planQueue: Queue;
  let n = 0;

  const coach = async (user: string, text: string) => {
    const id = `c${++n}`;
    await postCommand(app.baseUrl, SIGNING_SECRET, { command: '/coach', text, user_id: user, response_url: fake.responseUrl(id) });
    return (await fake.waitFor('response_url', (c) => c.target === id)).args as { text: string };
  };
  const personId = async (slackUserId: string) => (await app.db.select().from(s.people).where(eq(s.people.slackUserId, slackUserId)))[0]!.id;
  const kindOf = (call: TFakeCall) => (call.args.metadata as { event_payload?: { kind?: string } } | undefined)?.event_payload?.kind;
  const briefPosts = () => fake.callsTo('chat.postMessage').filter((c) => c.ok && c.args.channel === 'U0MGR1' && kindOf(c) === 'brief');
  const plan = () => planQueue.add(PLAN_JOB, { workspaceId: FAKE_TEAM.teamId, now: briefDue.toUTC().toISO()! });

  beforeAll(async () => {
    fake = await startFakeSlack({
      tsEpoch: Math.floor(Date.now() / 1000),
      users: [
        { id: 'U0MGR1', name: 'morgan', real_name: 'Morgan Manager', tz: MANAGER_TZ },
        { id: 'U0REP1', name: 'dana', real_name: 'Dana Rep', tz: 'America/Los_Angeles' },
      ],
    });
    app = await startTestApp({ fake });
    for (const user of ['U0MGR1', 'U0REP1']) await coach(user, 'help');
    await app.db.update(s.people).set({ role: 'manager' }).where(eq(s.people.slackUserId, 'U0MGR1'));
    await app.db.update(s.people).set({ managerId: await personId('U0MGR1') }).where(eq(s.people.slackUserId, 'U0REP1'));
    // Whatever weekday the test runs on, the brief's due time must be within the manager's hours.
    await setPreferences(app.db, await personId('U0MGR1'), { ...ALWAYS_AT_WORK, briefLeadMinutes: 60 });
    workers = await startDeliveryWorkers({
      db: app.db,
      connection: redisConnection(REDIS_URL, 'worker'),
      prefix,
      logger: silentLogger,
      slack: createDeliverySlack(createDeliveryWebClient('xoxb-test', { apiUrl: fake.url })),
      planEveryMs: null,
      limiter: { max: 50, duration: 1_000 },
    });
    planQueue = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  });
  afterAll(async () => {
    await workers?.close();
    await planQueue?.obliterate({ force: true });
    const deliverQueue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(REDIS_URL, 'worker'), prefix });
    await deliverQueue.obliterate({ force: true });
    await deliverQueue.close();
    await planQueue?.close();
    await app?.close();
    await fake?.close();
  });

  it('schedules over Slack, plans twice, and DMs the manager exactly one brief with its sections in order', async () => {
    const weekday = weekdayName(meetingDay.weekday).slice(0, 3).toLowerCase();
    const scheduled = await coach('U0MGR1', `1on1 <@U0REP1|dana> weekly ${weekday} 10:00`);
    expect(scheduled.text).toMatch(new RegExp(`^Scheduled: 1:1 with Dana Rep, every ${weekdayName(meetingDay.weekday)} at 10:00`));
    await coach('U0REP1', 'agenda Pricing for the Acme renewal');

    await plan();
    await waitUntil(() => briefPosts().length === 1, 15_000, 'the brief DM');
    await plan();
    await waitUntil(async () => (await planQueue.getCompletedCount()) === 2, 10_000, 'the second plan run');
    // Give a wrongly duplicated delivery every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(briefPosts()).toHaveLength(1);

    const brief = briefPosts()[0]!;
    const blocks = brief.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.filter((b) => b.type === 'header').map((b) => b.text!.text)).toEqual(['Brief: your 1:1 with Dana Rep']);
    // One header; the sections open with a bold lead, in the order of SPEC §1.
    const leads = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text.split('\n')[0]!);
    const order = ['*Conversion vs. the team*', '*Deals to talk about*', '*Agenda*', '*From the last 1:1*', '*Ask'];
    const positions = order.map((o) => leads.findIndex((l) => l.startsWith(o)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const json = JSON.stringify(brief.args.blocks);
    expect(json).toContain('Pricing for the Acme renewal');
    expect(json).toContain('brief_explain');
    expect(String(brief.args.text)).toContain(meetingStart.toFormat('d LLL, HH:mm'));
    const row = (await app.db.select().from(s.deliveries).where(eq(s.deliveries.kind, 'brief')))[0]!;
    expect(row).toMatchObject({ status: 'sent', recipientId: await personId('U0MGR1'), slackTs: expect.any(String) });
    expect(row.periodKey.startsWith(meetingStart.toUTC().toISO()!)).toBe(true);
  });

  it('Log notes on the delivered brief → the notes modal → the rep gets a DM with their action items', async () => {
    const brief = briefPosts()[0]!;
    const logNotes = buttonsIn(brief.args.blocks).find((b) => b.action_id === 'brief_log_notes')!;
    expect(logNotes).toBeDefined();
    await postInteraction(app.baseUrl, SIGNING_SECRET, messageButtonClick('U0MGR1', logNotes, { ts: '1700000000.000100', blocks: brief.args.blocks, text: String(brief.args.text) }, fake.responseUrl('n1')));
    const view = (await fake.waitFor('views.open')).args.view as Record<string, unknown>;
    const due = meetingDay.plus({ days: 7 }).toISODate()!;
    const values = {
      notes: { notes: { type: 'plain_text_input', value: 'Pricing: hold the line at 10%.' } },
      item_1_text: { value: { type: 'plain_text_input', value: 'Send Acme the revised quote' } },
      item_1_owner: { value: { type: 'static_select', selected_option: { value: 'rep', text: { type: 'plain_text', text: 'Dana Rep' } } } },
      item_1_due: { value: { type: 'datepicker', selected_date: due } },
    };
    const submitted = await postInteraction(app.baseUrl, SIGNING_SECRET, viewSubmission('U0MGR1', view, values));
    expect(submitted.text).toBe('');
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0REP1' && /Action items/.test(String(c.args.text)));
    expect(String(dm.args.text)).toContain('Send Acme the revised quote');
    expect(JSON.stringify(dm.args.blocks)).toContain(`due ${due}`);
    expect(buttonsIn(dm.args.blocks).map((b) => b.action_id)).toEqual(['action_item_done']);
    expect(await app.db.select().from(s.actionItems)).toEqual([expect.objectContaining({ text: 'Send Acme the revised quote', ownerId: await personId('U0REP1'), dueDate: due, doneAt: null })]);
  });
});
