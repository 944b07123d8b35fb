import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { createSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import { buildManagerBrief } from '../../src/services/briefs/build-manager-brief';
import { getFocus } from '../../src/services/coaching/get-focus';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { buildRepDigest } from '../../src/services/digests/build-digest';
import { buildTeamDigest } from '../../src/services/digests/build-team-digest';
import { findPerson } from '../../src/services/people/find-person';
import { getRepDashboard } from '../../src/services/stats/get-rep-dashboard';
import { getRepStats } from '../../src/services/stats/get-rep-stats';
import { repConversion } from '../../src/services/stats/rep-conversion';
import { getTeamView } from '../../src/services/teams/get-team-view';
import { memoryDb } from '../support/db';

/*
 * One number per metric (SPEC §2): one rep of a seeded synthetic team, every surface's view model at one
 * `now`, the same conversion rate, the same weekly expectation and the same count for the same period.
 * `now` is Monday 00:00 in the team's zone, so the brief's default period (the 7 days before `now`) is the
 * week the digest reports and `/stats last week` shows; the last recompute ran on the Sunday evening.
 */
const W = 'T0ONENUM';
const NOW = DateTime.fromISO('2026-11-30T00:00:00', { zone: 'America/New_York' });

let db: TDb;
let rep: TPersonRow;
let manager: TPersonRow;

beforeAll(async () => {
  db = await memoryDb();
  const team = await createSyntheticTeam(db, { workspaceId: W, managers: 1, repsPerManager: 5, now: NOW.toUTC() });
  for (const nightsAgo of [2, 1, 0]) await recomputeWorkspace(db, { workspaceId: W, now: NOW.minus({ days: nightsAgo, hours: 1 }).toJSDate() });
  // The rep planted weak at demos: a focus, and targets to count against.
  const planted = team.reps.find((r) => r.archetype === 'weak at demos')!;
  rep = (await findPerson(db, W, planted.slackUserId))!;
  manager = (await findPerson(db, W, team.managerSlackIds[0]!))!;
});

describe('one number per metric: every surface shows the same figure for the same period', () => {
  const now = () => NOW.toJSDate();

  it('the conversion rate: /stats, Home, /coach focus and the brief agree, as one raw rate with its counts', async () => {
    const stats = await getRepStats(db, rep, 'week', now());
    const focus = await getFocus(db, rep, rep, now());
    expect(focus.focus).not.toBeNull();
    const stage = focus.focus!.stage;
    const shared = (await repConversion(db, rep, stats.stages, now())).steps.find((s) => s.from === stage)!;
    expect(shared.reached).toBeGreaterThan(0);
    const want = { advanced: shared.advanced, reached: shared.reached, rate: shared.rate };

    // /stats (and Home's coaching part) carry the recompute's evidence: the same counts, the same rounded rate.
    const pct = `${Math.round(shared.rate! * 100)}%`;
    expect(stats.coaching?.focus?.evidenceText).toContain(`${shared.advanced} of ${shared.reached} deals moved on (${pct})`);
    // /coach focus
    expect(focus.conversion).toMatchObject(want);
    expect(focus.conversion!.teamRate).toBeCloseTo(focus.focus!.evidence.teamRate, 2);
    // Home
    const home = await getRepDashboard(db, rep, now());
    expect(home.funnel.steps.find((s) => s.from === stage)!.current).toEqual(want);
    expect(home.focus.conversion).toMatchObject(want);
    // The manager's brief: the same rate, the same rest-of-team rate.
    const brief = await buildManagerBrief(db, { rep, manager, now: now(), meeting: null });
    const row = brief.conversion.rows.find((r) => r.isFocus)!;
    expect({ advanced: row.advanced, reached: row.reached, rate: row.repRate }).toEqual(want);
    expect(row.teamRate).toBe(shared.teamRate);
  });

  it('the weekly expectation and the week done: /stats, Home, digest, team digest and brief agree', async () => {
    const stats = await getRepStats(db, rep, 'week', now());
    const lastWeek = await getRepStats(db, rep, 'last week', now());
    const home = await getRepDashboard(db, rep, now());
    const digest = await buildRepDigest(db, rep, { dueAt: now(), now: now() });
    const teamDigest = await buildTeamDigest(db, manager, { dueAt: now(), now: now() });
    const brief = await buildManagerBrief(db, { rep, manager, now: now(), meeting: null });
    expect(brief.period).toMatchObject({ basis: 'default', days: 7 });
    expect(brief.activity.kind).toBe('activity');
    if (brief.activity.kind !== 'activity') return;

    const expectations = stats.coaching!.expectations;
    expect(expectations.length).toBeGreaterThan(0);
    for (const x of expectations) {
      const done = lastWeek.stats.byType.find((r) => r.type === x.type)?.count ?? 0;
      const homeTarget = home.coaching!.expectations.find((e) => e.type === x.type)!;
      const digestRow = digest.activity.find((r) => r.type === x.type)!;
      const briefRow = brief.activity.rows.find((r) => r.type === x.type)!;
      // The expected weekly count.
      expect(homeTarget.weekly).toBe(x.weekly);
      expect(digestRow.expected).toBe(x.weekly);
      expect(briefRow.expected).toBe(x.weekly);
      expect(briefRow.amount).toBe(x.amount);
      // Done in the same week.
      expect(digestRow.done).toBe(done);
      expect(briefRow.done).toBe(done);
      const behind = teamDigest.reps.find((r) => r.slackUserId === rep.slackUserId)!.behind.find((b) => b.type === x.type);
      if (done < x.weekly) expect(behind).toEqual({ type: x.type, done, expected: x.weekly });
      else expect(behind).toBeUndefined();
    }
    expect(brief.activity.total).toBe(lastWeek.stats.total);
    expect(digest.total).toBe(lastWeek.stats.total);
    // This week so far: /coach team and Home count what /stats counts.
    const teamRow = (await getTeamView(db, manager, now())).reps.find((r) => r.slackUserId === rep.slackUserId)!;
    expect(teamRow.weekTotal).toBe(stats.stats.total);
    expect(home.stats.total).toBe(stats.stats.total);
  });

  it('activity by stage: /stats last week, the digest and the brief count the same week the same way', async () => {
    const lastWeek = (await getRepStats(db, rep, 'last week', now())).stats;
    const digest = await buildRepDigest(db, rep, { dueAt: now(), now: now() });
    const brief = await buildManagerBrief(db, { rep, manager, now: now(), meeting: null });
    if (brief.activity.kind !== 'activity') throw new Error('expected activity');
    expect(lastWeek.byStage.stages.length).toBeGreaterThan(0);
    expect(digest.byStage).toEqual(lastWeek.byStage);
    expect(brief.activity.byStage).toEqual(lastWeek.byStage);
    // Everything logged is counted somewhere; rows without a stage of their own take their type's.
    const staged = lastWeek.byStage.stages.reduce((n, row) => n + row.count, lastWeek.byStage.noStage);
    expect(staged).toBe(lastWeek.total);
    expect(lastWeek.byStage.noStage / Math.max(1, lastWeek.total)).toBeLessThan(0.1);
    // Home shows this week's, from the same computation as /stats week.
    const later = new Date(now().getTime() + 3 * 86_400_000);
    expect((await getRepDashboard(db, rep, later)).stats.byStage).toEqual((await getRepStats(db, rep, 'week', later)).stats.byStage);
  });
});
