import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { findPersonBySlackId, setManager } from '../../db/repositories/people';
import { tierSnapshots } from '../../db/schema/index';
import { getBriefOnDemand } from '../../src/services/briefs/get-brief-on-demand';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { saveSetup } from '../../src/services/setup/save-setup';
import { getRepStats } from '../../src/services/stats/get-rep-stats';
import { briefToPlainText } from '../../src/slack/blocks/brief';
import { coachingBlocks } from '../../src/slack/blocks/coaching';
import { addPerson, memoryDb } from '../support/db';

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
function addWonDeals(repId: number, dollars: number, closedDaysAgo: readonly number[]) {
  closedDaysAgo.forEach((daysAgo, n) => {
    const closedAt = NOW.getTime() - daysAgo * DAY;
    const createdAt = closedAt - 20 * DAY;
    const { id } = db.$client
      .prepare(
        `insert into deals (workspace_id, rep_id, external_id, name, name_key, amount_cents, stage, furthest_stage, outcome, created_at, closed_at, last_activity_at)
         values (?, ?, ?, ?, ?, ?, 'won', 'negotiation', 'won', ?, ?, ?) returning id`,
      )
      .get(W, repId, `d-${repId}-${n}`, `Deal ${repId}-${n}`, `deal ${repId} ${n}`, dollars * 100, createdAt, closedAt, closedAt) as { id: number };
    ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation', 'won'].forEach((stage, i) => {
      db.$client.prepare('insert into deal_stage_history (deal_id, stage, entered_at) values (?, ?, ?)').run(id, stage, createdAt + i * 3 * DAY);
    });
  });
}

const setQuota = (slackUserId: string, quota: number) => db.$client.prepare('update people set quota = ? where workspace_id = ? and slack_user_id = ?').run(quota, W, slackUserId);
const person = async (slackUserId: string) => (await findPersonBySlackId(db, W, slackUserId))!;
const tierOf = async (slackUserId: string) => {
  const { id } = await person(slackUserId);
  const row = db.select().from(tierSnapshots).all().find((r) => r.personId === id)!;
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
  addWonDeals(ana.id, 30_000, [5, 20, 35, 50]);
  addWonDeals(ben.id, 6_000, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
});

describe('a revenue workspace', () => {
  beforeEach(async () => {
    const saved = await saveSetup(db, { workspaceId: W, actor: null, via: 'cli', form: { quotaKind: 'revenue' } }, NOW);
    expect(saved.ok).toBe(true);
    setQuota('U0ANA', 120_000);
    setQuota('U0BEN', 120_000);
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
    setQuota('U0ANA', 8);
    setQuota('U0BEN', 8);
    await recomputeWorkspace(db, { workspaceId: W, now: NOW });
    expect(await tierOf('U0ANA')).toMatchObject({ tier: 'focused', basis: 'quota' });
    expect(await tierOf('U0BEN')).toMatchObject({ tier: 'autonomous', basis: 'quota' });
    const { coaching } = await getRepStats(db, await person('U0BEN'), 'week', NOW);
    expect(coaching!.goal).toMatchObject({ metric: 'deals_won', target: 8, achieved: 10 });
    expect(JSON.stringify(coachingBlocks(coaching!, true))).toContain('10 of 8 deals won');
  });
});
