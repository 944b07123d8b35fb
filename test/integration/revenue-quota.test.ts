import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { findPersonBySlackId, setManager } from '../../db/repositories/people';
import { getBriefOnDemand } from '../../src/services/briefs/get-brief-on-demand';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { saveSetup } from '../../src/services/setup/save-setup';
import { getRepStats } from '../../src/services/stats/get-rep-stats';
import { briefToPlainText } from '../../src/slack/blocks/brief';
import { coachingBlocks } from '../../src/slack/blocks/coaching';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * A workspace whose quotas are revenue (`/coach setup`, quota kind revenue): the recompute scores won amounts
 * against each rep's quota (whole currency units a quarter in `people.quota`), and /stats and the brief say
 * "$X of $Y won". The same rows under a deals quota score the count of deals, as before.
 */

const W = 'T0REVENUE';
const NOW = DateTime.fromISO('2026-03-11T12:00:00Z', { zone: 'utc' }).toJSDate();
const DAY = 86_400_000;

let db: TDb;

/** Won deals of `dollars` each, closed at the given days before NOW (each created 20 days before it closed). */
async function addWonDeals(repId: number, dollars: number, closedDaysAgo: readonly number[]) {
  for (const [n, daysAgo] of closedDaysAgo.entries()) {
    const closedAt = NOW.getTime() - daysAgo * DAY;
    const createdAt = closedAt - 20 * DAY;
    const [{ id }] = (await db
      .insert(s.deals)
      .values({
        workspaceId: W, repId, externalId: `d-${repId}-${n}`, name: `Deal ${repId}-${n}`, nameKey: `deal ${repId} ${n}`, amountCents: dollars * 100, stage: 'won', furthestStage: 'negotiation', outcome: 'won',
        createdAt: new Date(createdAt), closedAt: new Date(closedAt), lastActivityAt: new Date(closedAt),
      })
      .returning({ id: s.deals.id })) as [{ id: number }];
    const stages = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation', 'won'];
    await db.insert(s.dealStageHistory).values(stages.map((stage, i) => ({ dealId: id, stage, enteredAt: new Date(createdAt + i * 3 * DAY) })));
  }
}

const setQuota = async (slackUserId: string, quota: number) => {
  await db.update(s.people).set({ quota }).where(and(eq(s.people.workspaceId, W), eq(s.people.slackUserId, slackUserId)));
};
const person = async (slackUserId: string) => (await findPersonBySlackId(db, W, slackUserId))!;
const tierOf = async (slackUserId: string) => {
  const { id } = await person(slackUserId);
  const row = (await db.select().from(s.tierSnapshots)).find((r) => r.personId === id)!;
  return { tier: row.tier, reason: row.reasonText, basis: (row.details as Record<string, unknown>).basis };
};

beforeEach(async () => {
  db = await memoryDb();
  const manager = await addPerson(db, W, 'U0MGR', { name: 'Morgan' });
  // Ana: four $30,000 deals. Ben: ten $6,000 deals. Both have 70 days of data (past ramping), so pace is over those 70 days:
  // $120,000 a quarter expects $91,992 by now.
  const ana = await addPerson(db, W, 'U0ANA', { name: 'Ana' });
  const ben = await addPerson(db, W, 'U0BEN', { name: 'Ben' });
  for (const rep of [ana, ben]) await setManager(db, rep.id, manager.id);
  await addWonDeals(ana.id, 30_000, [5, 20, 35, 50]);
  await addWonDeals(ben.id, 6_000, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
});

describe('a revenue workspace', () => {
  beforeEach(async () => {
    const saved = await saveSetup(db, { workspaceId: W, actor: null, via: 'cli', form: { quotaKind: 'revenue' } }, NOW);
    expect(saved.ok).toBe(true);
    await setQuota('U0ANA', 120_000);
    await setQuota('U0BEN', 120_000);
    await recomputeWorkspace(db, { workspaceId: W, now: NOW });
  });

  it('gives tiers from won amounts against the quota pace, not from the count of deals', async () => {
    expect(await tierOf('U0ANA')).toEqual({ tier: 'autonomous', basis: 'quota', reason: "On track: $120,000 won of $91,992 expected over the last 70 days at your quota's pace." });
    expect(await tierOf('U0BEN')).toEqual({ tier: 'focused', basis: 'quota', reason: "Well behind pace: $60,000 won against $91,992 expected over the last 70 days at your quota's pace." });
  });

  it('/stats shows the quota as amounts won this quarter', async () => {
    const { coaching } = await getRepStats(db, await person('U0BEN'), 'week', NOW);
    expect(coaching!.goal).toEqual({ label: 'Q1 2026', metric: 'revenue', target: 12_000_000, achieved: 6_000_000, source: 'quota' });
    const text = JSON.stringify(coachingBlocks(coaching!, true));
    expect(text).toContain('*Quota for Q1 2026:* $60k of $120k won — $60k to go');
    expect(text).not.toMatch(/deals won/);
  });

  it("the manager's brief reads the quota in amounts", async () => {
    const brief = briefToPlainText(await getBriefOnDemand(db, await person('U0MGR'), await person('U0ANA'), NOW));
    // Ana is autonomous: outcomes only, the quota line first.
    expect(brief).toContain('Quota for Q1 2026: $120k of $120k won');
    const ben = briefToPlainText(await getBriefOnDemand(db, await person('U0MGR'), await person('U0BEN'), NOW));
    expect(ben).toContain('$60,000 won against $91,992 expected');
  });
});

describe('the same rows in a deals workspace', () => {
  it('scores the count of deals won, as before', async () => {
    await setQuota('U0ANA', 8);
    await setQuota('U0BEN', 8);
    await recomputeWorkspace(db, { workspaceId: W, now: NOW });
    expect(await tierOf('U0ANA')).toMatchObject({ tier: 'focused', basis: 'quota' });
    expect(await tierOf('U0BEN')).toMatchObject({ tier: 'autonomous', basis: 'quota' });
    const { coaching } = await getRepStats(db, await person('U0BEN'), 'week', NOW);
    expect(coaching!.goal).toMatchObject({ metric: 'deals_won', target: 8, achieved: 10 });
    expect(JSON.stringify(coachingBlocks(coaching!, true))).toContain('10 of 8 deals won');
  });
});
