import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import type { TPersonRow } from '../../db/repositories/people';
import type { TActivityType } from '../../src/domain/types';
import { getRepDashboard } from '../../src/services/stats/get-rep-dashboard';
import { getRepDeals } from '../../src/services/stats/get-rep-deals';
import { getRepStats } from '../../src/services/stats/get-rep-stats';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * The deals view (`/stats deals`, Home's "Your deals") and activity by stage, on a migrated SQLite: deals with
 * their stage history, activities on them and off them, deal notes; `now` is Monday 7 Dec 2026, 09:00 in New York.
 */
const W = 'T0DEALS';
const NOW = new Date('2026-12-07T14:00:00Z');
const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * 3_600_000);

let db: TDb;
let rep: TPersonRow;
let other: TPersonRow;
const ids: Record<string, number> = {};

async function deal(repId: number, name: string, history: [string, Date][], extra: { amountCents?: number; closedAt?: Date; lastActivityAt?: Date } = {}): Promise<number> {
  const [last] = history[history.length - 1]!;
  const outcome = last === 'won' || last === 'lost' ? last : 'open';
  const [{ id }] = (await db
    .insert(s.deals)
    .values({
      workspaceId: W, repId, externalId: `${repId}-${name}`, name, nameKey: name.toLowerCase(), amountCents: extra.amountCents ?? null, stage: last, furthestStage: last, outcome,
      createdAt: history[0]![1], closedAt: extra.closedAt ?? null, lastActivityAt: extra.lastActivityAt ?? null,
    })
    .returning({ id: s.deals.id })) as [{ id: number }];
  await db.insert(s.dealStageHistory).values(history.map(([stage, at]) => ({ dealId: id, stage, enteredAt: at })));
  return id;
}

async function activity(repId: number, type: TActivityType, count: number, at: Date, dealId: number | null = null, stage: string | null = null) {
  await insertActivities(db, [{ workspaceId: W, repId, type, count, occurredAt: at, dealId, stage, logEntryId: null }]);
  if (dealId === null) return;
  // The deal's last activity moves forward only, as logging one would.
  const [{ lastActivityAt }] = (await db.select({ lastActivityAt: s.deals.lastActivityAt }).from(s.deals).where(eq(s.deals.id, dealId))) as [{ lastActivityAt: Date | null }];
  if (!lastActivityAt || lastActivityAt < at) await db.update(s.deals).set({ lastActivityAt: at }).where(eq(s.deals.id, dealId));
}

async function note(repId: number, dealId: number, text: string, at: Date) {
  await db.insert(s.dealNotes).values({ workspaceId: W, repId, dealId, text, occurredAt: at, createdAt: at });
}

beforeAll(async () => {
  db = await memoryDb();
  rep = await addPerson(db, W, 'U0DANA', { name: 'Dana Rep', tz: 'America/New_York' });
  other = await addPerson(db, W, 'U0ELI', { name: 'Eli Rep', tz: 'Europe/London' });
  // Acme: into discovery 20 days ago, demo 4 days ago; a demo on Friday, two calls last Monday (in discovery then).
  ids.acme = await deal(rep.id, 'Acme Corp', [['prospecting', ago(30)], ['discovery', ago(20)], ['demo', ago(4)]], { amountCents: 2_400_000 });
  await activity(rep.id, 'call', 2, ago(7, 1), ids.acme); // no stage of its own: the deal was in discovery then
  await activity(rep.id, 'demo', 1, ago(3), ids.acme, 'demo');
  await note(rep.id, ids.acme, 'close date pushed to Q1', ago(0, 2));
  // Globex: in prospecting for 25 days, idle 20 days: stalled (prospecting's threshold is 14).
  ids.globex = await deal(rep.id, 'Globex', [['prospecting', ago(25)]], { amountCents: 900_000 });
  await activity(rep.id, 'email', 1, ago(20), ids.globex, 'prospecting');
  // Hooli: idle 120 days in negotiation: dormant.
  ids.hooli = await deal(rep.id, 'Hooli', [['negotiation', ago(150)]], { lastActivityAt: ago(120) });
  // Initech: won 10 days ago — not open. Umbrella: won tomorrow — open as of now.
  ids.initech = await deal(rep.id, 'Initech', [['proposal', ago(40)], ['won', ago(10)]], { closedAt: ago(10) });
  ids.umbrella = await deal(rep.id, 'Umbrella', [['proposal', ago(5)], ['won', ago(-1)]], { closedAt: ago(-1) });
  // Another rep's deal never shows.
  ids.eli = await deal(other.id, 'Eli Deal', [['demo', ago(2)]]);
  // Off any deal: 5 calls today (feed prospecting) and 1 'other' (feeds none).
  await activity(rep.id, 'call', 5, ago(0, 3));
  await activity(rep.id, 'other', 1, ago(0, 3));
});

describe('getRepDeals', () => {
  it("lists the rep's open deals as of now with days in stage, last activity, idle status and what was logged lately", async () => {
    const view = await getRepDeals(db, rep, NOW, { viewerIsRep: true });
    expect(view.personName).toBe('Dana Rep');
    expect(view.period).toBeNull();
    const byName = new Map(view.deals.map((d) => [d.name, d]));
    expect([...byName.keys()].sort()).toEqual(['Acme Corp', 'Globex', 'Hooli', 'Umbrella']);
    expect(byName.get('Acme Corp')).toMatchObject({
      stage: 'demo',
      amountCents: 2_400_000,
      daysInStage: 4,
      lastActivityText: '3 days ago',
      idle: null,
      recent: [
        { day: 'Today', what: { kind: 'note', text: 'close date pushed to Q1' } },
        { day: 'Fri', what: { kind: 'activity', counts: [{ type: 'demo', count: 1 }] } },
        { day: '30 Nov', what: { kind: 'activity', counts: [{ type: 'call', count: 2 }] } },
      ],
    });
    expect(byName.get('Globex')).toMatchObject({ stage: 'prospecting', daysInStage: 25, idle: { kind: 'stalled', idleDays: 20 } });
    expect(byName.get('Hooli')).toMatchObject({ idle: { kind: 'dormant', idleDays: 120 }, lastActivityText: '3 months ago', recent: [] });
    // Closed tomorrow: still open today, in the stage it had then.
    expect(byName.get('Umbrella')).toMatchObject({ stage: 'proposal', daysInStage: 5 });
  });

  it('with a period, what was logged is limited to it', async () => {
    const view = await getRepDeals(db, rep, NOW, { viewerIsRep: false, period: 'last week' });
    expect(view.period).toEqual({ label: 'Last week', rangeText: 'Mon 30 Nov – Sun 6 Dec' });
    expect(view.isSelf).toBe(false);
    const acme = view.deals.find((d) => d.name === 'Acme Corp')!;
    expect(acme.recent.map((i) => i.day)).toEqual(['Fri', '30 Nov']);
    expect(view.deals.find((d) => d.name === 'Globex')!.recent).toEqual([]);
  });

  it('a rep with no deals gets an empty list, and the Home tab carries the same view', async () => {
    expect((await getRepDeals(db, other, new Date(NOW.getTime() - 3 * DAY), { viewerIsRep: true })).deals).toEqual([]);
    const home = await getRepDashboard(db, rep, NOW);
    expect(home.deals.deals.map((d) => d.name).sort()).toEqual(['Acme Corp', 'Globex', 'Hooli', 'Umbrella']);
  });
});

describe('activity by stage on a migrated database', () => {
  it('a row without a stage counts in its deal\'s stage then (history), else its type\'s; "other" in none', async () => {
    const week = (await getRepStats(db, rep, 'week', NOW)).stats; // Monday: only today's 5 calls and 1 other
    expect(week.byStage).toEqual({ stages: [{ stage: 'prospecting', name: 'Prospecting', count: 5 }], noStage: 1 });
    const lastWeek = (await getRepStats(db, rep, 'last week', NOW)).stats;
    expect(lastWeek.byStage).toEqual({
      stages: [
        { stage: 'discovery', name: 'Discovery', count: 2 },
        { stage: 'demo', name: 'Demo', count: 1 },
      ],
      noStage: 0,
    });
  });
});
