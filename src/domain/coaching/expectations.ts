import type { TActivityType } from '../types';
import { computeActivityNorms, totalsByType, type TActivityNorms } from './activity-norms';
import { type TFunnel, type TShrunkRate, winProbabilityFrom } from './funnel';
import { money, pct, QUARTER_DAYS, resolveConfig, round, WEEK_MS, type TCoachingConfig, type TRepFacts, type TWeeklyActivity } from './inputs';
import type { TTier } from './tiers';

/** goal: back-solved from the agreed goal · quota: from quota per quarter · team_typical: no target, the team's median week. */
export type TExpectationBasis = 'goal' | 'quota' | 'team_typical';
export type TExpectation = {
  type: TActivityType;
  per: 'week' | 'day';
  /** Whole activities per `per`. */
  amount: number;
  /** The weekly amount behind a daily one (equal to `amount` when weekly). */
  weeklyAmount: number;
  derivation: {
    basis: TExpectationBasis;
    /** Deals still to win before the horizon (0 when reached or no target). */
    dealsNeeded: number;
    weeksLeft: number;
    /** New deals needed a week: dealsNeeded / weeksLeft / winProbability. */
    oppsPerWeek: number;
    /** Shrunk chance a new deal ends won (product of the stage rates). */
    winProbability: number;
    /** Activities of this type per new deal, shrunk toward the team's. */
    activitiesPerOpp: number;
    /** oppsPerWeek × activitiesPerOpp (the team median for team_typical), before bounds. */
    unbounded: number;
    /** The team's weekly low–high percentiles for this type. */
    bounds: [number, number];
    text: string;
  };
};
export type TExpectationInput = {
  tier: TTier;
  facts: TRepFacts;
  shrunk: readonly TShrunkRate[];
  repActivity: readonly TWeeklyActivity[];
  teamActivity: readonly TWeeklyActivity[];
  repFunnel: TFunnel;
  teamFunnel: TFunnel;
  now: number;
  config: TCoachingConfig;
  /** Precomputed from teamActivity (computeActivityNorms); computed and memoized when absent. */
  teamNorms?: TActivityNorms;
};
export type TPace = { status: 'met' | 'on_pace' | 'behind'; gap: number; remaining: number; ahead: boolean; text: string };
type TTarget = { basis: TExpectationBasis; dealsNeeded: number; weeksLeft: number; lead: string };

/** 'other' says nothing a rep could aim at, so it never gets an expectation. */
const EXPECTED_TYPES: readonly TActivityType[] = ['call', 'email', 'meeting', 'demo', 'proposal', 'social'];
const NOUN: Record<TActivityType, [string, string]> = {
  call: ['call', 'calls'], email: ['email', 'emails'], meeting: ['meeting', 'meetings'], demo: ['demo', 'demos'],
  proposal: ['proposal', 'proposals'], social: ['social touch', 'social touches'], other: ['other activity', 'other activities'],
};

/** "1 call", "6 calls". */
export function countOf(type: TActivityType, count: number): string {
  return `${count} ${NOUN[type][count === 1 ? 0 : 1]}`;
}

/** Weekly activity per type needed to reach the goal, back-solved through the rep's shrunk rates and typical activities per deal, bounded by the team's 25th–90th percentile of weekly activity; daily for focused, none for autonomous. */
export function computeExpectations(input: TExpectationInput): TExpectation[] {
  if (input.tier === 'autonomous') return [];
  const cfg = resolveConfig(input.config);
  const { facts, now, repFunnel, teamFunnel } = input;
  const norms = input.teamNorms ?? computeActivityNorms(input.teamActivity, now, cfg.windowDays, cfg.boundsPercentiles);
  const repTotals = totalsByType(input.repActivity, facts.repId, now, cfg.windowDays);
  const k = cfg.priorStrength;
  const target = targetOf(facts, repFunnel, teamFunnel, now, k);
  const winProbability = Math.max(cfg.minWinProbability, winProbabilityFrom(input.shrunk, 0));
  const oppsPerWeek = target.weeksLeft > 0 ? target.dealsNeeded / target.weeksLeft / winProbability : 0;

  return EXPECTED_TYPES.flatMap((type): TExpectation[] => {
    const norm = norms.byType[type];
    if (norm.high <= 0) return [];
    const teamPerOpp = teamFunnel.dealsCreated > 0 ? norm.total / teamFunnel.dealsCreated : null;
    const perOppWeight = repFunnel.dealsCreated + (teamPerOpp === null ? 0 : k);
    if (perOppWeight <= 0) return [];
    const activitiesPerOpp = (repTotals[type] + k * (teamPerOpp ?? 0)) / perOppWeight;
    const unbounded = target.basis === 'team_typical' ? norm.median : oppsPerWeek * activitiesPerOpp;
    const weeklyAmount = Math.ceil(round(Math.min(norm.high, Math.max(norm.low, unbounded)), 6));
    if (weeklyAmount < 1) return [];
    const daily = input.tier === 'focused' && weeklyAmount >= cfg.workdaysPerWeek;
    const amount = daily ? Math.ceil(weeklyAmount / cfg.workdaysPerWeek) : weeklyAmount;
    const bounds: [number, number] = [round(norm.low, 2), round(norm.high, 2)];
    const text = explain({ type, target, winProbability, oppsPerWeek, activitiesPerOpp, unbounded, weeklyAmount, bounds, daily: daily ? amount : null });
    return [{
      type, per: daily ? 'day' : 'week', amount, weeklyAmount,
      derivation: {
        basis: target.basis, dealsNeeded: round(target.dealsNeeded, 2), weeksLeft: round(target.weeksLeft, 2), oppsPerWeek: round(oppsPerWeek),
        winProbability: round(winProbability, 4), activitiesPerOpp: round(activitiesPerOpp), unbounded: round(unbounded, 2), bounds, text,
      },
    }];
  });
}

/** Deals to win over how many weeks: the goal's remainder to its end, quota per quarter, or nothing. */
function targetOf(facts: TRepFacts, rep: TFunnel, team: TFunnel, now: number, k: number): TTarget {
  const goal = facts.goal;
  if (goal && goal.target > 0 && goal.periodEnd > goal.periodStart) {
    const length = goal.periodEnd - goal.periodStart;
    const running = now >= goal.periodStart && now < goal.periodEnd;
    // Outside its period a goal still says what a steady pace is: its whole target over its length.
    const achieved = running ? (goal.achieved ?? (goal.target * (now - goal.periodStart)) / length) : 0;
    const remaining = Math.max(0, goal.target - achieved);
    const weeksLeft = running ? Math.max(1, (goal.periodEnd - now) / WEEK_MS) : length / WEEK_MS;
    const weeks = `${round(weeksLeft, 1)} weeks`;
    if (goal.metric === 'deals_won') {
      return { basis: 'goal', dealsNeeded: remaining, weeksLeft, lead: `Goal: ${round(remaining, 1)} more deals won in ${weeks}` };
    }
    const dealCents = averageDeal(rep, team, k);
    if (dealCents !== null && dealCents > 0) {
      const deals = remaining / dealCents;
      return { basis: 'goal', dealsNeeded: deals, weeksLeft, lead: `Goal: ${money(remaining)} more in ${weeks}, about ${round(deals, 1)} deals at ${money(dealCents)}` };
    }
  }
  if (facts.quotaPerQuarter !== null && facts.quotaPerQuarter > 0) {
    return { basis: 'quota', dealsNeeded: facts.quotaPerQuarter, weeksLeft: QUARTER_DAYS / 7, lead: `Quota: ${facts.quotaPerQuarter} deals won a quarter` };
  }
  return { basis: 'team_typical', dealsNeeded: 0, weeksLeft: 0, lead: 'No goal set yet' };
}

/** The rep's average won deal, shrunk toward the team's like the rates. */
function averageDeal(rep: TFunnel, team: TFunnel, k: number): number | null {
  if (rep.avgWonCents === null) return team.avgWonCents;
  if (team.avgWonCents === null) return rep.avgWonCents;
  return (rep.avgWonCents * rep.won + k * team.avgWonCents) / (rep.won + k);
}

type TExplain = {
  type: TActivityType; target: TTarget; winProbability: number; oppsPerWeek: number; activitiesPerOpp: number;
  unbounded: number; weeklyAmount: number; bounds: [number, number]; daily: number | null;
};

function explain(x: TExplain): string {
  const [noun, nouns] = NOUN[x.type];
  const result = `${x.weeklyAmount} ${x.weeklyAmount === 1 ? noun : nouns} a week${x.daily === null ? '' : `, about ${x.daily} a day`}`;
  const range = `the team's usual range is ${Math.round(x.bounds[0])}–${Math.round(x.bounds[1])}`;
  if (x.target.basis === 'team_typical') return `${x.target.lead}, so this is a typical week on the team: ${result}.`;
  if (x.target.dealsNeeded <= 0) return `Goal reached; a steady base keeps the pipeline full: ${result} (${range}).`;
  const perWeek = round(x.target.dealsNeeded / x.target.weeksLeft, 2);
  const path = `With ${pct(x.winProbability)} of new deals ending won, that takes about ${round(x.oppsPerWeek, 1)} new deals a week; at about ${round(x.activitiesPerOpp, 1)} ${nouns} per new deal`;
  const bounded = x.unbounded > x.bounds[1] ? ", capped at what the team's busiest weeks look like" : x.unbounded < x.bounds[0] ? ', raised to a usual week on the team' : '';
  return `${x.target.lead} (${perWeek} a week). ${path}: ${result}${bounded} (${range}).`;
}

/** Where the rep stands vs an expectation this period: "on pace", "ahead", "behind by 6 calls" (prorated by elapsed working time). */
export function paceAgainst(expectation: Pick<TExpectation, 'type' | 'per' | 'amount'>, done: number, elapsedShare: number): TPace {
  const { type, amount } = expectation;
  const share = Math.min(1, Math.max(0, Number.isFinite(elapsedShare) ? elapsedShare : 0));
  const when = expectation.per === 'day' ? 'today' : 'this week';
  const remaining = Math.max(0, amount - done);
  if (done >= amount) return { status: 'met', gap: 0, remaining, ahead: false, text: `Done: ${done} of ${countOf(type, amount)} ${when}.` };
  // Lenient on purpose: behind only once a whole activity is missing from the prorated share.
  const dueSoFar = amount * share;
  const gap = Math.floor(round(dueSoFar, 6)) - done;
  if (gap >= 1) return { status: 'behind', gap, remaining, ahead: false, text: `Behind by ${countOf(type, gap)}: ${done} of ${amount} ${when} so far.` };
  const ahead = done >= dueSoFar + 0.1 * amount && done > 0;
  const text = ahead ? `Ahead: ${done} of ${countOf(type, amount)} ${when}.` : `On pace: ${done} of ${countOf(type, amount)} ${when}.`;
  return { status: 'on_pace', gap: 0, remaining, ahead, text };
}
