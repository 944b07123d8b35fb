import { computeActivityNorms } from '../../../src/domain/coaching/activity-norms';
import { computeExpectations } from '../../../src/domain/coaching/expectations';
import { chooseFocus } from '../../../src/domain/coaching/focus-area';
import { computeFunnel, computeFunnelsByRep, shrinkFunnel } from '../../../src/domain/coaching/funnel';
import type { TCoachingConfig, TDealFacts, TRepFacts, TWeeklyActivity } from '../../../src/domain/coaching/inputs';
import { findStalledDeals } from '../../../src/domain/coaching/stalled-deals';
import { assignTiers } from '../../../src/domain/coaching/tiers';
import { DEFAULT_STAGES } from '../../../src/domain/types';
import { DAY, NOW, seeded } from './builders';

const OPEN = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation'];

/** A deterministic synthetic team: `reps` reps with `dealsPerRep` deals and 13 weeks of activity each. */
export function syntheticTeam(reps: number, dealsPerRep: number, seed = 7) {
  const random = seeded(seed);
  const deals: TDealFacts[] = [];
  const activity: TWeeklyActivity[] = [];
  const facts: TRepFacts[] = [];
  for (let repId = 1; repId <= reps; repId++) {
    const skill = 0.35 + random() * 0.4;
    facts.push({ repId, firstDataAt: NOW - Math.floor(random() * 400) * DAY, quotaPerQuarter: repId % 3 ? 6 : null });
    for (let d = 0; d < dealsPerRep; d++) {
      const createdAt = NOW - Math.floor(random() * 120 * DAY);
      let reached = 0;
      while (reached < OPEN.length - 1 && random() < skill + 0.2) reached++;
      const roll = random();
      const outcome = reached === OPEN.length - 1 && roll < skill ? 'won' : roll < 0.6 ? 'lost' : 'open';
      const stageEnteredAt = Object.fromEntries(OPEN.slice(0, reached + 1).map((key, i) => [key, createdAt + i * 3 * DAY]));
      const last = createdAt + reached * 3 * DAY;
      deals.push({
        id: deals.length + 1, repId, name: `Deal ${deals.length + 1}`, createdAt, stage: outcome === 'open' ? OPEN[reached]! : outcome,
        furthestStage: OPEN[reached]!, outcome, closedAt: outcome === 'open' ? null : Math.min(NOW, last + 5 * DAY),
        amountCents: 500_000 + Math.floor(random() * 40) * 100_000, lastActivityAt: Math.min(NOW, last + Math.floor(random() * 20) * DAY), stageEnteredAt,
      });
    }
    for (let w = 0; w < 13; w++) {
      const weekStart = new Date(Date.parse('2026-03-09T00:00:00Z') - w * 7 * DAY).toISOString().slice(0, 10);
      activity.push({ repId, type: 'call', weekStart, count: Math.floor(random() * 60) });
      activity.push({ repId, type: 'email', weekStart, count: Math.floor(random() * 40) });
      if (random() < 0.5) activity.push({ repId, type: 'demo', weekStart, count: 1 + Math.floor(random() * 4) });
    }
  }
  return { deals, activity, facts };
}

/** The whole recompute for a team, as a job would run it. */
export function recomputeTeam(team: ReturnType<typeof syntheticTeam>, config: TCoachingConfig) {
  const { deals, activity, facts } = team;
  const teamFunnel = computeFunnel(deals, DEFAULT_STAGES, NOW, config.windowDays);
  const funnels = computeFunnelsByRep(deals, DEFAULT_STAGES, NOW, config.windowDays);
  const teamNorms = computeActivityNorms(activity, NOW, config.windowDays, [0.25, 0.9]);
  const empty = computeFunnel([], DEFAULT_STAGES, NOW, config.windowDays);
  const activityByRep = new Map<number, TWeeklyActivity[]>();
  for (const row of activity) (activityByRep.get(row.repId) ?? activityByRep.set(row.repId, []).get(row.repId)!).push(row);
  const tiers = assignTiers(facts.map((f) => ({ facts: f, funnel: funnels.get(f.repId) ?? empty, previous: null })), NOW, config);
  const perRep = facts.map((f) => {
    const repFunnel = funnels.get(f.repId) ?? empty;
    const shrunk = shrinkFunnel(repFunnel, teamFunnel, config.priorStrength);
    const tier = tiers.get(f.repId)!.tier;
    const focus = chooseFocus({ shrunk, repFunnel, teamFunnel, previous: null, config });
    const expectations = computeExpectations({ tier, facts: f, shrunk, repActivity: activityByRep.get(f.repId) ?? [], teamActivity: activity, repFunnel, teamFunnel, now: NOW, config, teamNorms, focusStage: focus?.stage ?? null });
    return { repId: f.repId, expectations, focus };
  });
  const stalled = findStalledDeals(deals, NOW, config.staleDays);
  return { tiers, perRep, stalled };
}
