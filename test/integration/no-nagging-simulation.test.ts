import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { listDeliverable } from '../../db/repositories/deliveries';
import { TIER_BUDGETS } from '../../src/domain/nudge-policy';
import { holidayOn } from '../../src/services/settings/holidays';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { sendDelivery } from '../../src/services/deliveries/send-delivery';
import type { TDeliveryPort } from '../../src/services/deliveries/port';
import { buildSimulatedTeam, SIM_ZONES, type TInterval, type TSimRep } from '../support/simulated-team';

/*
 * Four weeks of a team's life (test/support/simulated-team.ts), run through the real planner and sender, then
 * checked against the no-nagging contract (SPEC §2) from the outside: what was posted, to whom, when in their zone.
 * 2026-10-19 → 2026-11-16 spans the end of summer time in Europe (25 Oct) and the US (1 Nov) and US Veterans Day.
 *
 * Every source the planner has takes part (1:1 briefs and agenda reminders, digests, check-ins, nudges). Nobody
 * logs activity during the four weeks, so reps fall behind pace and nudges compete for the budget; each rep also
 * has three weekly 1:1s (manager, director, coach), so agenda reminders alone would overrun every tier's budget.
 */

const WS = 'T0SIM';
const START = DateTime.fromISO('2026-10-19T00:00:00Z', { zone: 'utc' });
const END = DateTime.fromISO('2026-11-16T00:00:00Z', { zone: 'utc' });
const STEP = { minutes: 15 };
// A plan run costs ~30 ms here (mostly the 1:1 source's zone maths and person lookups for 36 1:1s), so it runs
// every 4 hours with a 4-hour look-ahead instead of every few minutes with 15. Each delivery is still decided at
// its own due instant; only a pause or status set in the 4 hours before a due time would be seen later, and
// the events below keep clear of that. Sending runs every 15 minutes, so everything goes out when due.
const PLAN_EVERY_HOURS = 4;
// Neither planner nor sender runs for 10 hours (Wed 4 Nov, 06:00–16:00Z): what was due meanwhile goes out late
// while the recipient is still at work that day, or is skipped; never in their evening.
const OUTAGE = { from: DateTime.fromISO('2026-11-04T06:00:00Z'), to: DateTime.fromISO('2026-11-04T16:00:00Z') };
const BUDGETED = new Set(['agenda_reminder', 'nudge']);
const REP_UNSOLICITED = new Set(['agenda_reminder', 'nudge', 'checkin', 'digest']);
type TRow = { id: number; kind: string; recipientId: number; status: string; reason: string; dueAt: number | null; sentAt: number | null };

let reps: TSimRep[];
let rows: TRow[];
let posts: { deliveryId: number; userId: string; kind: string; at: DateTime }[];

beforeAll(async () => {
  const db = openDb(':memory:');
  const built = buildSimulatedTeam(db, WS, START);
  reps = built.reps;
  posts = [];
  let clock = START;
  const slack: TDeliveryPort = {
    post: async ({ userId, deliveryId, kind }) => {
      posts.push({ deliveryId, userId, kind, at: clock });
      return { channel: `D${userId}`, ts: `${clock.toSeconds()}.${String(posts.length).padStart(6, '0')}` };
    },
    findDelivered: async () => null,
  };
  const events = [...built.events];
  let lastPlan = START;
  for (let now = START; now < END; now = now.plus(STEP)) {
    clock = now;
    while (events[0] && events[0].at <= now) events.shift()!.apply();
    if (now >= OUTAGE.from && now < OUTAGE.to) continue;
    if (now.minute === 0 && now.hour % PLAN_EVERY_HOURS === 0) {
      // Each run looks back to the previous one (after the outage: the catch-up), the first one nowhere.
      const lookbackHours = now.diff(lastPlan, 'hours').hours;
      planDeliveries(db, { now: now.toJSDate(), workspaceId: WS, lookaheadMinutes: PLAN_EVERY_HOURS * 60, lookbackHours });
      lastPlan = now;
    }
    for (const due of listDeliverable(db, { dueBy: now.toJSDate(), workspaceId: WS })) await sendDelivery(db, slack, due.id, now.toJSDate());
  }
  rows = db.$client
    .prepare('select id, kind, recipient_id as recipientId, status, reason, due_at as dueAt, sent_at as sentAt from deliveries order by id')
    .all() as TRow[];
  db.$client.close();
}, 90_000);

const within = (at: DateTime, intervals: TInterval[]) => intervals.some((i) => at >= i.from && at < i.to);
const sentTo = (rep: TSimRep) =>
  rows.filter((r) => r.recipientId === rep.row.id && r.status === 'sent').map((r) => ({ ...r, at: DateTime.fromMillis(r.sentAt!, { zone: rep.tz }) }));
const countBy = <T,>(items: T[], key: (item: T) => string) => items.reduce((m, i) => m.set(key(i), (m.get(key(i)) ?? 0) + 1), new Map<string, number>());

describe('the no-nagging contract over four simulated weeks', () => {
  it('covers what it claims to: every tier and source, messages sent and held back for each reason', () => {
    expect(new Set(reps.map((r) => r.tier))).toEqual(new Set(['autonomous', 'guided', 'focused', 'ramping']));
    expect(new Set(reps.map((r) => r.tz))).toEqual(new Set(SIM_ZONES));
    const sent = countBy(rows.filter((r) => r.status === 'sent'), (r) => r.kind);
    for (const kind of ['brief', 'agenda_reminder', 'nudge', 'checkin', 'digest', 'team_digest']) expect(sent.get(kind) ?? 0, kind).toBeGreaterThan(0);
    const held = rows.filter((r) => r.status === 'suppressed').map((r) => r.reason);
    for (const phrase of ['paused', 'Slack status says they are away', 'public holiday', 'is autonomous', 'nudges and reminders this week', 'nudges and reminders today']) {
      expect(held.some((reason) => reason.includes(phrase)), phrase).toBe(true);
    }
    // The outage: some deliveries went out hours late (still that working day), others were too late.
    const late = rows.filter((r) => r.status === 'sent' && r.sentAt! - r.dueAt! >= 3_600_000);
    expect(late.length).toBeGreaterThan(0);
    expect(new Set(rows.filter((r) => r.status === 'skipped' && r.reason.startsWith('too late')).map((r) => r.kind)).size).toBeGreaterThan(1);
  });

  it('posts each delivery at most once, and only the ones recorded as sent', () => {
    expect(new Set(posts.map((p) => p.deliveryId)).size).toBe(posts.length);
    expect(posts.map((p) => p.deliveryId).sort((a, b) => a - b)).toEqual(rows.filter((r) => r.status === 'sent').map((r) => r.id));
  });

  it('gives every decision a reason', () => {
    expect(rows.filter((r) => r.reason.trim().length < 10)).toEqual([]);
  });

  it('keeps nudges and agenda reminders within the tier budget, per local day and ISO week', () => {
    for (const rep of reps) {
      const budgeted = sentTo(rep).filter((r) => BUDGETED.has(r.kind));
      const budget = TIER_BUDGETS[rep.tier];
      const perWeek = Math.max(0, ...countBy(budgeted, (r) => r.at.toFormat("kkkk-'W'WW")).values());
      const perDay = Math.max(0, ...countBy(budgeted, (r) => r.at.toISODate()!).values());
      expect({ rep: rep.row.name, tier: rep.tier, perWeek: Math.min(perWeek, budget.perWeek), perDay: Math.min(perDay, budget.perDay) }).toEqual({ rep: rep.row.name, tier: rep.tier, perWeek, perDay });
    }
  });

  it('sends nothing unsolicited outside working hours and days in the rep’s own zone (DST included), digests at the chosen time', () => {
    for (const rep of reps) {
      for (const sent of sentTo(rep).filter((r) => REP_UNSOLICITED.has(r.kind))) {
        const clock = sent.at.toFormat('HH:mm');
        const where = `${rep.row.name} ${sent.kind} at ${sent.at.toISO()}`;
        if (sent.kind === 'digest') {
          expect(`${sent.at.weekday} ${clock}`, where).toBe(`${rep.prefs.digestDay} ${rep.prefs.digestTime}`);
          continue;
        }
        expect(rep.prefs.workingDays.includes(sent.at.weekday) && clock >= rep.prefs.workStart && clock < rep.prefs.workEnd, where).toBe(true);
      }
    }
  });

  it('sends nothing on a public holiday, while paused, while away or after deactivation', () => {
    const usVeteransDay = reps.filter((r) => r.prefs.holidayCountry === 'US');
    expect(usVeteransDay.map((r) => holidayOn('US', r.prefs.holidayRegion, '2026-11-11'))).toEqual(usVeteransDay.map(() => 'Veterans Day'));
    for (const rep of reps) {
      for (const sent of sentTo(rep).filter((r) => REP_UNSOLICITED.has(r.kind))) {
        const where = `${rep.row.name} ${sent.kind} at ${sent.at.toISO()}`;
        expect(holidayOn(rep.prefs.holidayCountry, rep.prefs.holidayRegion, sent.at.toISODate()!), where).toBeNull();
        expect(within(sent.at, rep.paused), `${where} while paused`).toBe(false);
        expect(within(sent.at, rep.away), `${where} while away`).toBe(false);
        if (rep.goneAt) expect(sent.at < rep.goneAt, `${where} after deactivation`).toBe(true);
      }
    }
  });

  it('sends each rep one digest a week at their chosen time, unless paused, away, gone or on a holiday then', () => {
    for (const rep of reps) {
      const digests = sentTo(rep).filter((r) => r.kind === 'digest');
      const expected: string[] = [];
      for (let week = START.setZone(rep.tz).startOf('week'); week < END; week = week.plus({ weeks: 1 })) {
        const [hour, minute] = rep.prefs.digestTime.split(':').map(Number);
        const due = week.plus({ days: rep.prefs.digestDay - 1 }).set({ hour, minute });
        if (due < START || due >= END) continue;
        const holiday = holidayOn(rep.prefs.holidayCountry, rep.prefs.holidayRegion, due.toISODate()!);
        const held = within(due, rep.paused) || within(due, rep.away) || (rep.goneAt !== null && due >= rep.goneAt) || holiday !== null;
        if (!held) expected.push(due.toISO()!);
      }
      expect({ rep: rep.row.name, digests: digests.map((d) => d.at.toISO()) }).toEqual({ rep: rep.row.name, digests: expected });
    }
  });

  it('sends check-ins at the cadence of the tier: daily for focused, weekly for guided and ramping, none for autonomous', () => {
    for (const rep of reps) {
      const checkins = sentTo(rep).filter((r) => r.kind === 'checkin');
      const perDay = Math.max(0, ...countBy(checkins, (r) => r.at.toISODate()!).values());
      const perWeek = Math.max(0, ...countBy(checkins, (r) => r.at.toFormat("kkkk-'W'WW")).values());
      const want = { autonomous: [0, 0], focused: [1, 5], guided: [1, 1], ramping: [1, 1] }[rep.tier];
      expect({ rep: rep.row.name, perDay: Math.min(perDay, want[0]!), perWeek: Math.min(perWeek, want[1]!) }).toEqual({ rep: rep.row.name, perDay, perWeek });
      if (rep.tier !== 'autonomous') expect(checkins.length, rep.row.name).toBeGreaterThan(0);
    }
  });
});
