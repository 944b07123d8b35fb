import type { TActivityType } from '../types';
import { computeActivityNorms, totalsByType, weekStartMs, type TActivityNorms } from './activity-norms';
import { explainExpectation, NOUN, type TExpectationBasis, WEEKS_PER_MONTH } from './expectation-text';
import { type TFunnel, type TShrunkRate, winProbabilityFrom } from './funnel';
import { QUARTER_DAYS, resolveConfig, round, WEEK_MS, type TCoachingConfig, type TRepFacts, type TWeeklyActivity } from './inputs';
import type { TTier } from './tiers';

export type { TExpectationBasis } from './expectation-text';
/** Where the step starts: the rep's own recent weekly average, or (too little data of their own) the team's median week. */
export type TExpectationStart = 'own_pace' | 'team_typical';
export type TExpectation = {
  type: TActivityType;
  /** 'month' when the need is under one a week: it is never rounded up to one a week. */
  per: 'day' | 'week' | 'month';
  /** Whole activities per `per`. */
  amount: number;
  /** The weekly target behind `amount` (fractional for a monthly one). */
  weeklyAmount: number;
  derivation: {
    basis: TExpectationBasis;
    /** The stage this type usually feeds, and whether that is the rep's focus stage. */
    stage: string | null;
    feedsFocus: boolean;
    /** Deals still to win before the horizon (0 when reached or no target); for revenue, the amount over `dealCents`. */
    dealsNeeded: number;
    /** For a revenue goal or quota only: the average won deal (cents) the amount was divided by, the rep's shrunk toward the team's. */
    dealCents?: number;
    weeksLeft: number;
    /** New deals needed a week: dealsNeeded / weeksLeft / winProbability. */
    oppsPerWeek: number;
    /** Shrunk chance a new deal ends won (product of the stage rates). */
    winProbability: number;
    /** Activities of this type per new deal, shrunk toward the team's. */
    activitiesPerOpp: number;
    /** What the goal needs a week (oppsPerWeek × activitiesPerOpp; the team's median week without a target; the rep's own pace once the goal is reached). */
    need: number;
    /** The rep's own weekly average over the last paceWeeks complete weeks; null with too little data of their own. */
    recentWeekly: number | null;
    start: TExpectationStart;
    /** The weekly target before rounding: min(need, start + step), capped at the team's high week. */
    target: number;
    /** The step allowed up from the start: max(expectationMaxStep × own pace, the minimum step). */
    step: number;
    /** The team's weekly low–high percentiles for this type. */
    bounds: [number, number];
    /** One plain sentence on how the number was found. */
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
  /** The rep's focus stage, if any: the activity feeding it comes first. */
  focusStage?: string | null;
  /** Types that had a target at the previous run: they keep their place, so targets don't change night to night. */
  previousTypes?: readonly TActivityType[];
  /** Precomputed from teamActivity (computeActivityNorms); computed and memoized when absent. */
  teamNorms?: TActivityNorms;
};
export type TPace = { status: 'met' | 'on_pace' | 'behind'; gap: number; remaining: number; ahead: boolean; text: string };
type TTarget = { basis: TExpectationBasis; dealsNeeded: number; weeksLeft: number; dealCents: number | null };

/** 'other' says nothing a rep could aim at, so it never gets an expectation. */
const EXPECTED_TYPES: readonly TActivityType[] = ['call', 'email', 'meeting', 'demo', 'proposal', 'social'];

/** "1 call", "6 calls". */
export function countOf(type: TActivityType, count: number): string {
  return `${count} ${NOUN[type][count === 1 ? 0 : 1]}`;
}

/**
 * At most maxExpectations weekly targets (the activity feeding the focus stage first): each a step from
 * the rep's own recent pace (at most expectationMaxStep more, at least the minimum step) toward what the
 * goal needs, back-solved through the rep's shrunk rates, and never above the team's high week; the
 * team's median week for a rep with too little data of their own; per month when under one a week;
 * daily for focused; none for autonomous.
 */
export function computeExpectations(input: TExpectationInput): TExpectation[] {
  if (input.tier === 'autonomous') return [];
  const cfg = resolveConfig(input.config);
  const { facts, now, repFunnel, teamFunnel } = input;
  const norms = input.teamNorms ?? computeActivityNorms(input.teamActivity, now, cfg.windowDays, cfg.boundsPercentiles);
  const repTotals = totalsByType(input.repActivity, facts.repId, now, cfg.windowDays);
  const recent = recentWeekly(input.repActivity, facts, now, cfg.paceWeeks);
  const k = cfg.priorStrength;
  const target = targetOf(facts, repFunnel, teamFunnel, now, k);
  const winProbability = Math.max(cfg.minWinProbability, winProbabilityFrom(input.shrunk, 0));
  const oppsPerWeek = target.weeksLeft > 0 ? target.dealsNeeded / target.weeksLeft / winProbability : 0;
  const path = input.shrunk.map((r) => r.from);
  const focusStage = input.focusStage ?? null;

  const all = EXPECTED_TYPES.flatMap((type, order) => {
    const norm = norms.byType[type];
    if (norm.high <= 0) return [];
    const teamPerOpp = teamFunnel.dealsCreated > 0 ? norm.total / teamFunnel.dealsCreated : null;
    const perOppWeight = repFunnel.dealsCreated + (teamPerOpp === null ? 0 : k);
    const activitiesPerOpp = perOppWeight > 0 ? (repTotals[type] + k * (teamPerOpp ?? 0)) / perOppWeight : 0;
    const own = recent === null ? null : recent[type];
    const reached = target.basis !== 'team_typical' && target.dealsNeeded <= 0;
    const need = target.basis === 'team_typical' ? norm.median : reached ? (own ?? norm.median) : oppsPerWeek * activitiesPerOpp;
    const start: TExpectationStart = own === null ? 'team_typical' : 'own_pace';
    const step = Math.max(own === null ? 0 : cfg.expectationMaxStep * own, Math.max(1, cfg.expectationMinStep * norm.median));
    // Too little data of their own: the team's typical week (or less, if the goal needs less), never its busiest.
    const stepped = own === null ? Math.min(need, norm.median) : need > own ? Math.min(need, own + step) : need;
    const weekly = Math.min(norm.high, stepped);
    if (!(weekly > 0)) return [];
    const stage = stageOf(type, cfg.activityStages, path);
    return [{ type, order, stage, feedsFocus: stage !== null && stage === focusStage, need, own, start, step, weekly, capped: stepped > norm.high, activitiesPerOpp, shortfall: own === null ? 0 : (need - own) / Math.max(1, own), norm }];
  });
  // The activity feeding the focus stage first, then last run's targets (a target that changes every night is
  // no target), then the largest shortfall against the rep's own pace.
  const kept = new Set(input.previousTypes ?? []);
  all.sort((a, b) => Number(b.feedsFocus) - Number(a.feedsFocus) || Number(kept.has(b.type)) - Number(kept.has(a.type)) || b.shortfall - a.shortfall || a.order - b.order);

  return all.slice(0, cfg.maxExpectations).map((c): TExpectation => {
    const monthly = c.weekly < 1;
    const weeklyWhole = Math.max(1, Math.round(c.weekly));
    const daily = !monthly && input.tier === 'focused' && weeklyWhole >= cfg.workdaysPerWeek;
    const amount = monthly ? Math.max(1, Math.round(c.weekly * WEEKS_PER_MONTH)) : daily ? Math.max(1, Math.round(weeklyWhole / cfg.workdaysPerWeek)) : weeklyWhole;
    const per = monthly ? 'month' : daily ? 'day' : 'week';
    const bounds: [number, number] = [round(c.norm.low, 2), round(c.norm.high, 2)];
    const text = explainExpectation({ type: c.type, basis: target.basis, dealCents: target.dealCents, reached: target.basis !== 'team_typical' && target.dealsNeeded <= 0, need: c.need, own: c.own, weekly: c.weekly, capped: c.capped, median: c.norm.median, paceWeeks: cfg.paceWeeks });
    return {
      // A daily target's week is that day's amount on every working day: "14 a day" and "70 a week" always agree.
      type: c.type, per, amount, weeklyAmount: monthly ? round(c.weekly, 2) : daily ? amount * cfg.workdaysPerWeek : weeklyWhole,
      derivation: {
        basis: target.basis, stage: c.stage, feedsFocus: c.feedsFocus, dealsNeeded: round(target.dealsNeeded, 2), ...(target.dealCents === null ? {} : { dealCents: Math.round(target.dealCents) }), weeksLeft: round(target.weeksLeft, 2),
        oppsPerWeek: round(oppsPerWeek), winProbability: round(winProbability, 4), activitiesPerOpp: round(c.activitiesPerOpp),
        need: round(c.need, 2), recentWeekly: c.own === null ? null : round(c.own, 2), start: c.start, target: round(c.weekly, 2), step: round(c.step, 2), bounds, text,
      },
    };
  });
}

/** The rep's weekly average per type over the last `weeks` complete weeks; null when their data starts after those weeks did. */
function recentWeekly(activity: readonly TWeeklyActivity[], facts: TRepFacts, now: number, weeks: number): Record<TActivityType, number> | null {
  // The interval (now − (weeks + 1)·7 days, now − 7 days] holds exactly `weeks` week starts, all complete.
  const from = now - (weeks + 1) * WEEK_MS;
  if (facts.firstDataAt === null || facts.firstDataAt > from + WEEK_MS) return null;
  const sums = Object.fromEntries(EXPECTED_TYPES.map((type) => [type, 0])) as Record<TActivityType, number>;
  for (const row of activity) {
    if (row.repId !== facts.repId || !(row.count > 0) || !(row.type in sums)) continue;
    const start = weekStartMs(row.weekStart);
    if (start > from && start + WEEK_MS <= now) sums[row.type] += row.count;
  }
  for (const type of EXPECTED_TYPES) sums[type] /= weeks;
  return sums;
}

/** The stage an activity type feeds: '@first' / '@second' are the path's first and second stages; null when unmapped or not on the path. */
function stageOf(type: TActivityType, map: Partial<Record<TActivityType, string>>, path: readonly string[]): string | null {
  const key = map[type];
  if (key === '@first') return path[0] ?? null;
  if (key === '@second') return path[1] ?? null;
  return key !== undefined && path.includes(key) ? key : null;
}

/**
 * Deals to win over how many weeks: the goal's remainder to its end, quota per quarter, or nothing. A revenue
 * goal or quota becomes deals by dividing by the rep's average won deal (shrunk toward the team's); with no
 * won amount anywhere to divide by, it gives no target.
 */
function targetOf(facts: TRepFacts, rep: TFunnel, team: TFunnel, now: number, k: number): TTarget {
  const goal = facts.goal;
  if (goal && goal.target > 0 && goal.periodEnd > goal.periodStart) {
    const length = goal.periodEnd - goal.periodStart;
    const running = now >= goal.periodStart && now < goal.periodEnd;
    // Outside its period a goal still says what a steady pace is: its whole target over its length.
    const achieved = running ? (goal.achieved ?? (goal.target * (now - goal.periodStart)) / length) : 0;
    const remaining = Math.max(0, goal.target - achieved);
    const weeksLeft = running ? Math.max(1, (goal.periodEnd - now) / WEEK_MS) : length / WEEK_MS;
    if (goal.metric === 'deals_won') return { basis: 'goal', dealsNeeded: remaining, weeksLeft, dealCents: null };
    const dealCents = averageDeal(rep, team, k);
    if (dealCents !== null && dealCents > 0) return { basis: 'goal', dealsNeeded: remaining / dealCents, weeksLeft, dealCents };
  }
  if (facts.quotaPerQuarter !== null && facts.quotaPerQuarter > 0) {
    const weeksLeft = QUARTER_DAYS / 7;
    if (facts.quotaMetric !== 'revenue') return { basis: 'quota', dealsNeeded: facts.quotaPerQuarter, weeksLeft, dealCents: null };
    const dealCents = averageDeal(rep, team, k);
    if (dealCents !== null && dealCents > 0) return { basis: 'quota', dealsNeeded: facts.quotaPerQuarter / dealCents, weeksLeft, dealCents };
  }
  return { basis: 'team_typical', dealsNeeded: 0, weeksLeft: 0, dealCents: null };
}

/** The rep's average won deal, shrunk toward the team's like the rates. */
function averageDeal(rep: TFunnel, team: TFunnel, k: number): number | null {
  if (rep.avgWonCents === null) return team.avgWonCents;
  if (team.avgWonCents === null) return rep.avgWonCents;
  return (rep.avgWonCents * rep.won + k * team.avgWonCents) / (rep.won + k);
}

/** Where the rep stands vs an expectation this period: "on pace", "ahead", "behind by 6 calls" (prorated by elapsed working time). */
export function paceAgainst(expectation: Pick<TExpectation, 'type' | 'per' | 'amount'>, done: number, elapsedShare: number): TPace {
  const { type, amount } = expectation;
  const share = Math.min(1, Math.max(0, Number.isFinite(elapsedShare) ? elapsedShare : 0));
  const when = expectation.per === 'day' ? 'today' : expectation.per === 'month' ? 'this month' : 'this week';
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
