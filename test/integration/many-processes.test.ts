// @vitest-environment node
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { setManager, setPreferences, setRole, type TPersonRow } from '../../db/repositories/people';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { PLAN_JOB, PLAN_JOB_OPTIONS } from '../../jobs/definitions';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import { DELIVERY_EVENT_TYPE } from '../../src/slack/deliver';
import { addPerson } from '../support/db';
import { FAKE_TEAM, dmChannelId, startFakeSlack, type TFakeCall, type TFakeSlack } from '../support/fake-slack';
import { loadFixture } from '../support/fixtures';
import { claimRedisDatabase, freePort, sharedDatabase, startProcess, type TProcess, type TRedisDatabase, type TSharedDatabase, waitUntilHealthy } from '../support/processes';
import { newTriggerId, postCommand, postEvent, type TSlackResponse } from '../support/slack-requests';

/*
 * The issue's promise: several app processes and workers on one database and one Redis behave as one. Two real
 * `src/main.ts` processes and two real `jobs/worker.ts` processes share this test's database (PostgreSQL with
 * DATABASE_URL, else a SQLite file) and a Redis database index of its own, and talk to the fake Slack Web API.
 *
 * - Logs: signed `/log` commands and DMs fired all at once, spread over both apps, several from one rep at the same
 *   moment, each DM also redelivered by "Slack" to the other app at the same moment: every request is acked, every
 *   log is stored exactly once, none lost, none doubled.
 * - Deliveries: a brief and check-ins fall due; both workers are given a plan job at the same moment (and two more
 *   once everything went out): each delivery is posted to Slack exactly once and recorded once, as sent.
 */

const SECRET = 'many-processes-signing-secret';
const WS = FAKE_TEAM.teamId;
const MANAGER = 'U0MGR1';
const REPS = Array.from({ length: 8 }, (_, i) => `U0REP${i + 1}`);
/** Not in the database until their first requests, which arrive on both apps at once. */
const NEWCOMER = 'U0NEW1';
const LOGS = 60;
const DMS_PER_REP = 2;

const ALWAYS_AT_WORK = { workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: '00:00', workEnd: '23:59' };

/**
 * A fixed-offset zone where it is around midday now: check-ins and the brief fall due a minute ago, on a working day
 * far from its end, whatever the hour the test runs at.
 */
function middayZone(now: Date): string {
  const ahead = Math.max(-11, Math.min(12, 12 - now.getUTCHours()));
  return ahead === 0 ? 'Etc/GMT' : `Etc/GMT${ahead > 0 ? '-' : '+'}${Math.abs(ahead)}`;
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string | (() => string | Promise<string>)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : await what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const isDeliveryPost = (c: TFakeCall) => c.method === 'chat.postMessage' && c.ok && (c.args.metadata as { event_type?: string } | undefined)?.event_type === DELIVERY_EVENT_TYPE;
const deliveryIdOf = (c: TFakeCall) => Number((c.args.metadata as { event_payload: { delivery_id: number } }).event_payload.delivery_id);
const kindOf = (c: TFakeCall) => String((c.args.metadata as { event_payload: { kind: string } }).event_payload.kind);

/** `name{labels} value` lines of a Prometheus text page whose name and labels match. */
function metricSum(page: string, name: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of page.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Lines a process logged at pino's error level or above, or wrote without being JSON (a crash, a stack trace). */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.trim() === '') return false;
    try {
      return Number((JSON.parse(line) as { level?: number }).level) >= 50;
    } catch {
      return true;
    }
  });
}

describe.sequential('two app processes and two workers on one database and one Redis', { timeout: 120_000 }, () => {
  let fake: TFakeSlack;
  let shared: TSharedDatabase;
  let db: TDb;
  let redis: TRedisDatabase;
  let planQueue: Queue | undefined;
  const apps: { proc: TProcess; baseUrl: string }[] = [];
  const workers: { proc: TProcess; baseUrl: string }[] = [];
  let zone: string;
  let manager: TPersonRow;
  const reps: TPersonRow[] = [];

  beforeAll(async () => {
    const now = new Date();
    zone = middayZone(now);
    fake = await startFakeSlack({
      tsEpoch: Math.floor(now.getTime() / 1000),
      users: [MANAGER, ...REPS, NEWCOMER].map((id) => ({ id, name: id.toLowerCase(), real_name: `Person ${id}`, tz: zone, profile: { email: `${id.toLowerCase()}@example.com` } })),
    });
    [shared, redis] = await Promise.all([sharedDatabase(), claimRedisDatabase('many-processes')]);
    db = shared.db;

    // The workspace, through the repositories: a manager and eight reps, nothing due yet (check-ins off, digests tomorrow).
    const tomorrow = DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).weekday;
    const quiet = { ...ALWAYS_AT_WORK, digestDay: tomorrow, digestTime: '12:00', digestChosen: true, checkins: 'off' };
    await ensureWorkspace(db, WS, FAKE_TEAM.teamName);
    manager = await addPerson(db, WS, MANAGER, { name: 'Morgan Manager', tz: zone });
    await setRole(db, manager.id, 'manager');
    await setPreferences(db, manager.id, { ...quiet, briefLeadMinutes: 60 });
    for (const [i, id] of REPS.entries()) {
      const rep = await addPerson(db, WS, id, { name: `Rep ${i + 1}`, tz: zone });
      await setManager(db, rep.id, manager.id);
      await setPreferences(db, rep.id, quiet);
      reps.push(rep);
    }

    const [p1, p2, w1, w2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const common = { ...shared.env, REDIS_URL: redis.url, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: fake.url, LOG_LEVEL: 'warn' };
    for (const [n, port] of [p1, p2].entries()) {
      const proc = startProcess(`app ${n + 1}`, 'src/main.ts', { ...common, SLACK_SIGNING_SECRET: SECRET, PORT: String(port) });
      apps.push({ proc, baseUrl: `http://127.0.0.1:${port}` });
    }
    for (const [n, port] of [w1, w2].entries()) {
      const proc = startProcess(`worker ${n + 1}`, 'jobs/worker.ts', { ...common, WORKER_PORT: String(port), LOG_LEVEL: 'info' });
      workers.push({ proc, baseUrl: `http://127.0.0.1:${port}` });
    }
    // Generous: four processes compiling TypeScript at once on a loaded 2-core machine.
    await Promise.all([...apps, ...workers].map(({ proc, baseUrl }) => waitUntilHealthy(proc, `${baseUrl}/healthz`, 90_000)));
    // The real worker's queues: Canopy's own prefix, on this test's database index.
    planQueue = new Queue(QUEUE_NAMES.plan, { connection: redisConnection(redis.url, 'worker'), prefix: DEFAULT_QUEUE_PREFIX });
  }, 150_000);

  afterAll(async () => {
    await Promise.all([...apps, ...workers].map(({ proc }) => proc.stop()));
    await planQueue?.close();
    await redis?.release();
    await shared?.close();
    await fake?.close();
  });

  it('stores every log sent concurrently to both apps exactly once: none lost, none doubled', async () => {
    const users = [...REPS, NEWCOMER];
    // /log: 60 at once, alternating between the apps, ~7 per person in flight together; each names its count.
    const commands = Array.from({ length: LOGS }, (_, i) => ({ i, user: users[i % users.length]!, calls: 1 + (i % 5), triggerId: newTriggerId(), app: apps[i % 2]! }));
    // DMs: two per rep, each sent to one app and, at the same moment, redelivered by "Slack" to the other.
    const base = Math.floor(Date.now() / 1000) - 600;
    const dms = REPS.flatMap((user, r) =>
      Array.from({ length: DMS_PER_REP }, (_, k) => {
        const ts = `${base}.${String(100 + r * 10 + k).padStart(6, '0')}`;
        return { user, ts, emails: 1 + k, envelope: loadFixture('event-message-im', { event_id: `Ev${user}${k}`, event_time: base, event: { user, channel: dmChannelId(user), text: `${1 + k} emails`, blocks: undefined, ts, event_ts: ts, client_msg_id: `${user}-${k}` } }) };
      }),
    );

    const requests: Promise<{ what: string; res: TSlackResponse }>[] = [
      ...commands.map(async (c) => ({
        what: `/log #${c.i} from ${c.user}`,
        res: await postCommand(c.app.baseUrl, SECRET, { command: '/log', text: `${c.calls} calls`, user_id: c.user, trigger_id: c.triggerId, response_url: fake.responseUrl(`log-${c.i}`) }, { timeoutMs: 30_000 }),
      })),
      ...dms.flatMap((d, n) => [
        postEvent(apps[n % 2]!.baseUrl, SECRET, d.envelope, { timeoutMs: 30_000 }).then((res) => ({ what: `DM ${d.ts}`, res })),
        postEvent(apps[(n + 1) % 2]!.baseUrl, SECRET, d.envelope, { timeoutMs: 30_000, retryNum: 1, retryReason: 'http_timeout' }).then((res) => ({ what: `DM ${d.ts} (retry)`, res })),
      ]),
    ];
    const answered = await Promise.all(requests);
    expect(answered.filter((a) => a.res.status !== 200).map((a) => `${a.what}: ${a.res.status} ${a.res.text}`)).toEqual([]);

    // Every /log is confirmed (to its response_url) with its own count; every DM in its thread.
    const replies = await Promise.all(commands.map((c) => fake.waitFor('response_url', (call) => call.target === `log-${c.i}`, 45_000)));
    for (const [i, reply] of replies.entries()) expect(String(reply.args.text), `/log #${i}`).toContain(`${commands[i]!.calls} call`);
    await Promise.all(dms.map((d) => fake.waitFor('chat.postMessage', (call) => call.args.thread_ts === d.ts, 45_000)));
    // A doubled write or reply would show up by now.
    await new Promise((r) => setTimeout(r, 1_000));

    const { people, logEntries, activities } = db.$tables;
    const byId = new Map((await db.select().from(people)).map((p) => [p.id, p.slackUserId]));
    expect([...byId.values()].filter((u) => u === NEWCOMER)).toHaveLength(1);
    const entries = await db.select().from(logEntries);
    const refs = entries.map((e) => e.sourceRef).sort();
    const wanted = [...commands.map((c) => `slash:${c.triggerId}`), ...dms.map((d) => `msg:${dmChannelId(d.user)}:${d.ts}`)].sort();
    expect(refs).toEqual(wanted);

    // The counts, per person and type: each entry's activity stored once, on the right person.
    const stored = new Map<string, number>();
    const perEntry = new Map<number, number>();
    for (const a of await db.select().from(activities)) {
      const key = `${byId.get(a.repId)}|${a.type}`;
      stored.set(key, (stored.get(key) ?? 0) + a.count);
      perEntry.set(a.logEntryId!, (perEntry.get(a.logEntryId!) ?? 0) + 1);
    }
    const expected = new Map<string, number>();
    for (const c of commands) expected.set(`${c.user}|call`, (expected.get(`${c.user}|call`) ?? 0) + c.calls);
    for (const d of dms) expected.set(`${d.user}|email`, (expected.get(`${d.user}|email`) ?? 0) + d.emails);
    expect(Object.fromEntries([...stored].sort())).toEqual(Object.fromEntries([...expected].sort()));
    expect(entries.map((e) => perEntry.get(e.id) ?? 0)).toEqual(entries.map(() => 1));
    // One confirmation per DM, though each arrived twice.
    const dmReplies = fake.callsTo('chat.postMessage').filter((c) => dms.some((d) => c.args.thread_ts === d.ts));
    expect(dmReplies).toHaveLength(dms.length);
  });

  it('posts each planned delivery exactly once when both workers plan at the same moment, and again after', async () => {
    // Wait out the plan run each worker's start schedules, so the runs below are the ones that find the work.
    await waitUntil(async () => {
      const counts = await planQueue!.getJobCounts('active', 'wait', 'prioritized');
      return (counts.active ?? 0) + (counts.wait ?? 0) + (counts.prioritized ?? 0) === 0;
    }, 30_000, 'the start-up plan run');

    // Now things fall due: a brief for a 1:1 an hour after T (its lead), and every rep's daily check-in at T.
    const t = DateTime.now().setZone(zone).startOf('minute').minus({ minutes: 2 });
    const meeting = t.plus({ minutes: 60 });
    const created = DateTime.now().minus({ days: 1 });
    await upsertOneOnOne(
      db,
      { workspaceId: WS, managerId: manager.id, repId: reps[0]!.id, cadence: 'weekly', weekday: meeting.weekday, localTime: meeting.toFormat('HH:mm'), tz: zone, anchorDate: created.setZone(zone).toISODate()! },
      created.toJSDate(),
    );
    for (const rep of reps) await setPreferences(db, rep.id, { ...ALWAYS_AT_WORK, digestDay: t.plus({ days: 1 }).weekday, digestTime: '12:00', digestChosen: true, checkins: 'daily', checkinTime: t.toFormat('HH:mm') });

    // Both workers' plan loops are idle: two jobs at once, one each (each takes one plan job at a time).
    const planTwice = async (tag: string) => {
      const ids = [`${tag}-a`, `${tag}-b`];
      await planQueue!.addBulk(ids.map((jobId) => ({ name: PLAN_JOB, data: { workspaceId: WS }, opts: { ...PLAN_JOB_OPTIONS, jobId } })));
      await waitUntil(async () => (await Promise.all(ids.map((id) => planQueue!.getJobState(id)))).every((s) => s === 'completed'), 45_000, async () => {
        const jobs = await Promise.all(ids.map(async (id) => ({ id, state: await planQueue!.getJobState(id), failed: (await planQueue!.getJob(id))?.failedReason })));
        return `plan jobs ${JSON.stringify(jobs)}\n${workers.map((w) => `${w.proc.name}:\n${w.proc.output().slice(-3000)}`).join('\n')}`;
      });
      return Promise.all(ids.map(async (id) => (await planQueue!.getJob(id))!));
    };
    const first = await planTwice('plan-together');
    for (const job of first) expect(job.returnvalue, JSON.stringify(job.returnvalue)).toMatchObject({ problems: [] });

    const { deliveries, people } = db.$tables;
    const slackIdOf = new Map((await db.select().from(people)).map((p) => [p.id, p.slackUserId]));
    const rows = async () => db.select().from(deliveries);
    const wantedKinds = (r: { kind: string }) => r.kind === 'brief' || r.kind === 'checkin';
    const describeState = () => `deliveries to go out; posted so far: ${fake.calls.filter(isDeliveryPost).map((c) => `${String(c.args.channel)}:${kindOf(c)}`).join(', ')}`;
    await waitUntil(
      async () => {
        const due = (await rows()).filter(wantedKinds);
        return due.length === 1 + REPS.length && due.every((r) => r.status === 'sent') && fake.calls.filter(isDeliveryPost).length >= due.length;
      },
      45_000,
      describeState,
    );
    // A second send would show up by now; then both workers plan again at once: nothing new goes out.
    await new Promise((r) => setTimeout(r, 1_000));
    await planTwice('plan-again');
    await new Promise((r) => setTimeout(r, 1_000));

    const all = await rows();
    const posts = fake.calls.filter(isDeliveryPost);
    // One brief for the manager, one check-in for each rep, each recorded once, as sent, with where it went.
    const due = all.filter(wantedKinds);
    expect(due.map((r) => `${r.kind} ${slackIdOf.get(r.recipientId)}`).sort()).toEqual([`brief ${MANAGER}`, ...REPS.map((u) => `checkin ${u}`)].sort());
    for (const r of due) expect(r, `${r.kind} ${slackIdOf.get(r.recipientId)}`).toMatchObject({ status: 'sent', slackTs: expect.any(String), attempts: 1 });
    expect(new Set(all.map((r) => `${r.kind}|${r.recipientId}|${r.periodKey}`)).size).toBe(all.length);
    expect(all.filter((r) => r.status === 'failed' || r.status === 'sending')).toEqual([]);

    // Slack saw each of them exactly once, and nothing that is not recorded as sent.
    const postsPerDelivery = new Map<number, number>();
    for (const p of posts) postsPerDelivery.set(deliveryIdOf(p), (postsPerDelivery.get(deliveryIdOf(p)) ?? 0) + 1);
    const sent = all.filter((r) => r.status === 'sent');
    expect(Object.fromEntries([...postsPerDelivery].sort(([a], [b]) => a - b))).toEqual(Object.fromEntries(sent.map((r) => [r.id, 1]).sort(([a], [b]) => Number(a) - Number(b))));
    const perRecipientKind = new Map<string, number>();
    for (const p of posts) perRecipientKind.set(`${kindOf(p)} ${String(p.args.channel)}`, (perRecipientKind.get(`${kindOf(p)} ${String(p.args.channel)}`) ?? 0) + 1);
    expect(perRecipientKind.get(`brief ${MANAGER}`)).toBe(1);
    for (const rep of REPS) expect(perRecipientKind.get(`checkin ${rep}`), rep).toBe(1);

    // The workers' own counts agree: between them, as many sends as Slack saw (how they shared them varies).
    const pages = await Promise.all(workers.map(async (w) => (await fetch(`${w.baseUrl}/metrics`)).text()));
    const sentBy = pages.map((page) => metricSum(page, 'canopy_deliveries_total', { outcome: 'sent' }));
    const plansBy = pages.map((page) => metricSum(page, 'canopy_job_duration_seconds_count', { queue: 'plan', status: 'completed' }));
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(posts.length);
    const kinds = [...new Set(posts.map(kindOf))].map((k) => `${k} ×${posts.filter((p) => kindOf(p) === k).length}`).join(', ');
    console.info(`many-processes (${shared.engine}): posted ${kinds}; plan runs per worker ${plansBy.join(' / ')}, sends per worker ${sentBy.join(' / ')}`);
  });

  it('every process stops cleanly on SIGTERM, having logged no error', async () => {
    const all = [...apps, ...workers];
    await Promise.all(all.map(({ proc }) => proc.stop(20_000)));
    const outcomes = await Promise.all(all.map(async ({ proc }) => ({ name: proc.name, exit: await proc.exited, errors: errorLines(proc.output()) })));
    expect(outcomes).toEqual(all.map(({ proc }) => ({ name: proc.name, exit: { code: 0, signal: null }, errors: [] })));
  });
});
