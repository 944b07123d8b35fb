import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, type TDb } from '../../db/client';
import { listWeeklyActivity } from '../../db/repositories/coaching';
import { findPersonBySlackId, setManager } from '../../db/repositories/people';
import { createSyntheticTeam, type TSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import { getRepCoaching } from '../../src/services/coaching/get-rep-coaching';
import { getTeamCoaching } from '../../src/services/coaching/get-team-coaching';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';
import { templateDb } from '../jobs/support/shared-db';

const W = 'T0RECOMP';
const NOW = DateTime.fromISO('2026-03-11T12:00:00Z', { zone: 'utc' });
const at = (days: number) => NOW.plus({ days }).toJSDate();
const DAY = 86_400_000;

/** Every coaching row without its id, in a stable order. */
async function coachingRows(db: TDb) {
  const strip = <T extends { id: number }>({ id: _id, ...rest }: T) => rest;
  const order = (a: { personId: number; computedAt: Date }, b: { personId: number; computedAt: Date }) =>
    a.personId - b.personId || a.computedAt.getTime() - b.computedAt.getTime();
  return {
    tiers: (await db.select().from(s.tierSnapshots)).map(strip).sort(order),
    expectations: (await db.select().from(s.expectations))
      .map(strip)
      .sort((a, b) => order(a, b) || a.activityType.localeCompare(b.activityType)),
    focus: (await db.select().from(s.focusAreas)).map(strip).sort(order),
  };
}

async function tierRows(db: TDb, computedAt: Date) {
  return (await db.select().from(s.tierSnapshots)).filter((r) => r.computedAt.getTime() === computedAt.getTime());
}

const details = (row: { details: Record<string, unknown> }) => row.details as Record<string, unknown>;

/** A won deal for the rep, closed `daysAgo` before NOW, through every stage. */
async function addWonDeal(db: TDb, repId: number, n: number, daysAgo: number) {
  const closedAt = NOW.toMillis() - daysAgo * DAY;
  const createdAt = closedAt - 20 * DAY;
  const [{ id }] = (await db
    .insert(s.deals)
    .values({
      workspaceId: W, repId, externalId: `extra-${repId}-${n}`, name: `Extra ${n}`, nameKey: `extra ${n}`, amountCents: 1_000_000, stage: 'won', furthestStage: 'negotiation', outcome: 'won',
      createdAt: new Date(createdAt), closedAt: new Date(closedAt), lastActivityAt: new Date(closedAt),
    })
    .returning({ id: s.deals.id })) as [{ id: number }];
  const stages = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation', 'won'];
  await db.insert(s.dealStageHistory).values(stages.map((stage, i) => ({ dealId: id, stage, enteredAt: new Date(createdAt + i * 3 * DAY) })));
}

describe('recomputeWorkspace over a synthetic workspace', () => {
  let db: TDb;
  let team: TSyntheticTeam;
  const repId = async (slackUserId: string) => (await findPersonBySlackId(db, W, slackUserId))!.id;
  const repsOf = async (archetype: string) => Promise.all(team.reps.filter((r) => r.archetype === archetype).map((r) => repId(r.slackUserId)));

  // A year of synthetic activity takes a second to generate: once, into a file each test copies.
  let dir: string;
  let copy: () => Promise<TDb>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canopy-recompute-test-'));
    ({ built: team, copy } = await templateDb(dir, (base) => createSyntheticTeam(base, { workspaceId: W, managers: 2, repsPerManager: 6, now: NOW, seed: 3 })));
  });
  beforeEach(async () => {
    db = await copy();
  });
  afterEach(() => closeDb(db));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every rep a snapshot with a reason, across several tiers', async () => {
    const summary = await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    expect(summary).toMatchObject({ workspaceId: W, teams: 2, reps: 12, tierChanges: 0, focusChanges: 0, computedAt: NOW.toJSDate().toISOString() });
    const rows = await tierRows(db, at(0));
    const repIds = await Promise.all(team.reps.map((r) => repId(r.slackUserId)));
    expect(rows.map((r) => r.personId).sort((a, b) => a - b)).toEqual(repIds.sort((a, b) => a - b));
    const kinds = new Set(rows.map((r) => r.tier));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    expect(Object.values(summary.tiers).reduce((a, b) => a + b, 0)).toBe(12);
    for (const row of rows) {
      expect(row.reasonText.length).toBeGreaterThan(20);
      expect(details(row)).toMatchObject({ changed: false, pendingTier: null, pendingCount: 0 });
      expect(details(row)).toHaveProperty('score');
      expect(details(row)).toHaveProperty('percentile');
    }
    // Everyone gets weekly expectations computed; an autonomous rep's are kept for `/stats targets` only.
    const all = await db.select().from(s.expectations);
    const withExpectations = new Set(all.map((e) => e.personId));
    for (const row of rows) expect(withExpectations.has(row.personId)).toBe(true);
    const autonomous = new Set(rows.filter((r) => r.tier === 'autonomous').map((r) => r.personId));
    for (const e of all) expect((e.derivation as { onRequestOnly?: boolean }).onRequestOnly === true).toBe(autonomous.has(e.personId));
  });

  it('keeps the new hires ramping, with no judgement', async () => {
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    const newHires = await repsOf('new hire');
    expect(newHires.length).toBe(2);
    for (const row of (await tierRows(db, at(0))).filter((r) => newHires.includes(r.personId))) {
      expect(row).toMatchObject({ tier: 'ramping', reasonCode: 'ramping' });
      expect(details(row)).toMatchObject({ placement: 'ramping', percentile: null });
      expect(row.reasonText).toMatch(/days of data so far/);
    }
  });

  it('gives the same rows when run twice at the same now, never duplicates', async () => {
    const first = await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    const rows = await coachingRows(db);
    const second = await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    expect(second).toEqual(first);
    expect(await coachingRows(db)).toEqual(rows);
    expect(rows.tiers).toHaveLength(12);
  });

  it('reads the previous run: a changed candidate is held, then confirmed', async () => {
    const config = { largeMargin: 10 };
    await recomputeWorkspace(db, { workspaceId: W, now: at(0), config });
    const focused = (await tierRows(db, at(0))).find((r) => r.tier === 'focused')!;
    expect(focused).toBeDefined();
    // The struggling rep closes a run of deals: their numbers now point to another tier.
    for (let n = 0; n < 3; n++) await addWonDeal(db, focused.personId, n, 1);

    await recomputeWorkspace(db, { workspaceId: W, now: at(1), config });
    const held = (await tierRows(db, at(1))).find((r) => r.personId === focused.personId)!;
    const candidate = details(held).candidate;
    expect(candidate).not.toBe('focused');
    expect(held).toMatchObject({ tier: 'focused', reasonCode: 'held' });
    expect(details(held)).toMatchObject({ pendingTier: candidate, pendingCount: 1, changed: false });
    // Unchanged reps read their previous tier back: steady, not placed again.
    expect((await tierRows(db, at(1))).filter((r) => r.reasonCode === 'placed')).toEqual([]);

    // Re-runs later the same day (on demand, retries) count as the same day: nothing is confirmed.
    const sameDay = new Date(at(1).getTime() + 3 * 3_600_000);
    await recomputeWorkspace(db, { workspaceId: W, now: sameDay, config });
    const stillHeld = (await tierRows(db, sameDay)).find((r) => r.personId === focused.personId)!;
    expect(stillHeld).toMatchObject({ tier: 'focused', reasonCode: 'held' });
    expect(details(stillHeld)).toMatchObject({ pendingTier: candidate, pendingCount: 1 });

    const summary = await recomputeWorkspace(db, { workspaceId: W, now: at(2), config });
    const confirmed = (await tierRows(db, at(2))).find((r) => r.personId === focused.personId)!;
    expect(confirmed).toMatchObject({ tier: candidate, reasonCode: 'confirmed' });
    expect(details(confirmed)).toMatchObject({ changed: true, pendingTier: null });
    expect(summary.tierChanges).toBeGreaterThanOrEqual(1);

    const coaching = (await getRepCoaching(db, focused.personId, at(2)))!;
    expect(coaching.tier).toMatchObject({ tier: candidate, changed: true, previousTier: 'focused' });
    // Looking back from before the change: the focused streak started at the first run.
    expect((await getRepCoaching(db, focused.personId, at(1)))!.tier).toMatchObject({ tier: 'focused', previousTier: 'focused' });
  });

  it('sets a focus only where the evidence is credible, and keeps it on the next run', async () => {
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    const focus = await db.select().from(s.focusAreas);
    expect(focus.length).toBeGreaterThan(0);
    expect(focus.length).toBeLessThan(12);
    for (const row of focus) {
      const evidence = row.evidence as Record<string, number | string>;
      expect(row.reasonCode).toBe('new');
      expect(evidence.credibility).toBeGreaterThanOrEqual(0.8);
      expect(evidence.reached).toBeGreaterThanOrEqual(5);
      expect(evidence.gap).toBeGreaterThanOrEqual(0.05);
      expect(evidence.text).toMatch(/for the rest of the team/);
      expect(row.toStage).toBeTruthy();
    }
    const summary = await recomputeWorkspace(db, { workspaceId: W, now: at(1) });
    expect(summary.focusChanges).toBe(0);
    const next = (await db.select().from(s.focusAreas)).filter((r) => r.computedAt.getTime() === at(1).getTime());
    expect(next.map((r) => [r.personId, r.stage, r.reasonCode])).toEqual(focus.map((r) => [r.personId, r.stage, 'kept']));
  });

  it("scores a rep with an agreed goal against the goal's pace", async () => {
    const steady = await repsOf('steady');
    const rep = steady[0]!;
    const other = steady[1]!;
    await db.insert(s.goals)
      .values([
        { workspaceId: W, personId: rep, metric: 'deals_won', target: 8, periodStart: '2026-01-01', periodEnd: '2026-03-31', status: 'agreed' },
        { workspaceId: W, personId: other, metric: 'deals_won', target: 8, periodStart: '2026-01-01', periodEnd: '2026-03-31', status: 'proposed' },
      ])
      ;
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    const rows = await tierRows(db, at(0));
    expect(details(rows.find((r) => r.personId === rep)!)).toMatchObject({ basis: 'goal' });
    expect(details(rows.find((r) => r.personId === other)!)).toMatchObject({ basis: 'quota' });
    const tier = rows.find((r) => r.personId === rep)!.tier;
    if (tier !== 'autonomous') {
      const derivation = (await db.select().from(s.expectations)).find((e) => e.personId === rep)!.derivation as Record<string, unknown>;
      expect(derivation.basis).toBe('goal');
      expect(derivation.text).toMatch(/your goal needs/);
    }
  });

  it('counts reps without a manager as one workspace-level team', async () => {
    const loner = await addPerson(db, W, 'U0LONER', { name: 'Lone Rep' });
    const summary = await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    expect(summary).toMatchObject({ teams: 3, reps: 13 });
    expect((await tierRows(db, at(0))).find((r) => r.personId === loner.id)).toMatchObject({ tier: 'ramping' });
  });

  it('counts imported deals as history: a rep whose first deal is 120 days old is not ramping', async () => {
    const imported = await addPerson(db, W, 'U0IMPORT', { name: 'Imported Rep' });
    // Created 120 days ago and won 100 days ago, with no activity logged at all.
    await addWonDeal(db, imported.id, 1, 100);
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    expect((await tierRows(db, at(0))).find((r) => r.personId === imported.id)!.tier).not.toBe('ramping');
  });

  it('prunes snapshots older than 90 days', async () => {
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    await recomputeWorkspace(db, { workspaceId: W, now: at(91) });
    const times = new Set((await coachingRows(db)).tiers.map((r) => r.computedAt.getTime()));
    expect([...times]).toEqual([at(91).getTime()]);
  });

  it('serves the UI: a rep before and after the first run, and the team by tier then name', async () => {
    const rep = (await repsOf('steady'))[0]!;
    expect(await getRepCoaching(db, rep, at(0))).toBeNull();
    await recomputeWorkspace(db, { workspaceId: W, now: at(0) });
    expect(await getRepCoaching(db, rep, NOW.minus({ minutes: 1 }).toJSDate())).toBeNull();

    const coaching = (await getRepCoaching(db, rep, at(0.5)))!;
    expect(coaching.computedAt).toEqual(at(0));
    expect(coaching.tier).toMatchObject({ changed: false, previousTier: null });
    expect(coaching.tier.reasonText.length).toBeGreaterThan(20);
    for (const e of coaching.expectations) {
      expect(e.amount).toBeGreaterThan(0);
      expect(e.weeklyAmount).toBeGreaterThanOrEqual(e.amount);
      expect(e.derivationText.length).toBeGreaterThan(20);
      expect(['day', 'week']).toContain(e.per);
    }
    const withFocus = (await db.select().from(s.focusAreas))[0]!;
    const focus = (await getRepCoaching(db, withFocus.personId, at(0)))!.focus!;
    expect(focus).toMatchObject({ stage: withFocus.stage, toStage: withFocus.toStage, reasonCode: 'new' });
    expect(Object.keys(focus.evidence)).toEqual(expect.arrayContaining(['repRate', 'repRaw', 'teamRate', 'reached', 'advanced', 'volumePerQuarter', 'text']));

    const managerId = (await findPersonBySlackId(db, W, team.managerSlackIds[0]!))!.id;
    const newcomer = await addPerson(db, W, 'U0NEWBIE', { name: 'Aaron Newbie' });
    await setManager(db, newcomer.id, managerId);
    const view = await getTeamCoaching(db, managerId, at(0));
    const reports = (await db.select().from(s.people)).filter((p) => p.managerId === managerId);
    expect(view).toHaveLength(reports.length);
    expect(view.at(-1)).toMatchObject({ personId: newcomer.id, slackUserId: 'U0NEWBIE', coaching: null });
    const order = ['autonomous', 'guided', 'focused', 'ramping'];
    const keys = view.filter((r) => r.coaching).map((r) => [order.indexOf(r.coaching!.tier.tier), r.name] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1], 'en')));
  });
});

describe('weekly activity grouping', () => {
  it("buckets by Monday 00:00 in the rep's zone", async () => {
    const db = await memoryDb();
    const rep = await addPerson(db, W, 'U0NYC', { tz: 'America/New_York' });
    const local = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
    const insert = (count: number, at: number) => db.insert(s.activities).values({ workspaceId: W, repId: rep.id, type: 'call', count, occurredAt: new Date(at), createdAt: new Date(0) });
    await insert(2, local('2026-03-08T23:30')); // Sunday night: the week of Mon 2 March
    await insert(3, local('2026-03-09T00:30')); // Monday just after midnight
    await insert(4, local('2026-03-11T07:00'));
    await insert(9, local('2026-03-12T09:00')); // after now: not read
    const rows = await listWeeklyActivity(db, rep, NOW.toMillis() - 30 * DAY, NOW.toMillis());
    expect(rows).toEqual([
      { repId: rep.id, type: 'call', weekStart: '2026-03-02', count: 2 },
      { repId: rep.id, type: 'call', weekStart: '2026-03-09', count: 7 },
    ]);
  });
});
