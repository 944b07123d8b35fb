import type { TActivityType } from '../types';

/** What the coaching engine needs to know about one deal; instants are UTC epoch milliseconds. */
export type TDealFacts = {
  id: number;
  repId: number;
  name: string;
  createdAt: number;
  /** Current stage key (a terminal key such as 'won' once closed). */
  stage: string;
  /** The last non-terminal stage the deal reached. */
  furthestStage: string;
  outcome: 'open' | 'won' | 'lost';
  closedAt: number | null;
  amountCents: number | null;
  lastActivityAt: number | null;
  /** First time the deal entered each stage, from `deal_stage_history`. */
  stageEnteredAt: Record<string, number>;
};

/** A rep's count of one activity type in one week (`weekStart`: the Monday, ISO date). */
export type TWeeklyActivity = { repId: number; type: TActivityType; weekStart: string; count: number };

/** A rep's goal; for `revenue` the target and `achieved` are in cents. */
export type TRepGoal = {
  metric: 'deals_won' | 'revenue';
  target: number;
  periodStart: number;
  periodEnd: number;
  /** Won so far in the period (deals or cents); when absent the rep is assumed to be on pace. */
  achieved?: number;
};

/** What a quota counts: deals won a quarter, or revenue won a quarter (then in cents). */
export type TQuotaMetric = 'deals_won' | 'revenue';

/**
 * A rep's standing facts: when their data starts (`firstDataAt`: the earliest of their first activity
 * and their first deal's creation, so imported deals count as history), their quota per quarter (deals
 * won, or with `quotaMetric` 'revenue' cents won; absent means deals) and agreed goal.
 */
export type TRepFacts = { repId: number; firstDataAt: number | null; quotaPerQuarter: number | null; quotaMetric?: TQuotaMetric; goal?: TRepGoal };

/** A stored quota (`people.quota`: deals won a quarter, or whole currency units a quarter for revenue) in the engine's terms: deals, or cents. */
export function quotaForEngine(stored: number | null, metric: TQuotaMetric): number | null {
  if (stored === null) return null;
  return metric === 'revenue' ? stored * 100 : stored;
}

/** Knobs of the engine; the fields after `staleDays` are optional and default as in DEFAULT_COACHING_CONFIG. */
export type TCoachingConfig = {
  /** Trailing window of funnel, tiers and activity norms. */
  windowDays: number;
  /** Weight of the team's rates, in deals, when shrinking a rep's rates. */
  priorStrength: number;
  /** Without a goal or quota only: share of the team placed `autonomous` (by percentile). */
  topShare: number;
  /** Without a goal or quota only: share of the team placed `focused` (by percentile). */
  bottomShare: number;
  /** Days of data before a rep leaves `ramping`. */
  rampingDays: number;
  /** A new focus must promise this many times the current one's gain to replace it. */
  focusSwitchFactor: number;
  /** Idle days before an open deal counts as stalled, per stage key; '*' for any other stage. */
  staleDays: Record<string, number>;
  /** Consecutive recomputes a new tier must hold before it is applied. */
  confirmRecomputes?: number;
  /** Attainment (1 = goal pace) beyond the new tier's line that applies a change at once. */
  largeMargin?: number;
  /** Tier policy: attainment at or above this is `autonomous`. */
  autonomousAttainment?: number;
  /** Tier policy: attainment below this is `focused` (between the two: `guided`). */
  focusedAttainment?: number;
  /** Resolved deals a stage needs before it may become the focus. */
  focusMinReached?: number;
  /** Margin (in rate) the rep must be below the rest of the team before a stage may become the focus; a kept focus ends when the gap is below it. */
  focusMinGap?: number;
  /** Chance, over all the stages looked at, of giving a rep who matches the team a focus anyway (split Bonferroni-wise across stages). */
  focusFamilyAlpha?: number;
  /** Confidence (posterior) a kept focus needs to stay; lower than a new one's so it does not flicker week to week. */
  focusKeepConfidence?: number;
  /** Percentiles of the team's weekly counts bounding expectations. */
  boundsPercentiles?: [number, number];
  /** Largest weekly step up from the rep's own recent pace, as a share of it. */
  expectationMaxStep?: number;
  /** Smallest step worth asking for, as a share of the team's median week (at least one activity). */
  expectationMinStep?: number;
  /** Weeks of the rep's own recent pace (complete weeks). */
  paceWeeks?: number;
  /** Most expectations a rep is given at once. */
  maxExpectations?: number;
  /** The stage each activity type usually feeds: a stage key, or '@first' / '@second' for the selling path's first or second stage. */
  activityStages?: Partial<Record<TActivityType, string>>;
  /** Idle days past which an open deal is dormant (close it or revive it) rather than stalled. */
  dormantDays?: number;
  /** Working days in a week, for daily expectations. */
  workdaysPerWeek?: number;
  /** Floor of the win probability used to back-solve expectations. */
  minWinProbability?: number;
};

export type TResolvedCoachingConfig = Required<TCoachingConfig>;

/** Defaults: 90-day window, a prior worth 8 deals, autonomous at 95 % of goal pace, focused under 70 %, 60 days of ramping. */
export const DEFAULT_COACHING_CONFIG: TResolvedCoachingConfig = {
  windowDays: 90,
  priorStrength: 8,
  topShare: 0.25,
  bottomShare: 0.25,
  rampingDays: 60,
  focusSwitchFactor: 1.25,
  staleDays: { prospecting: 14, discovery: 14, demo: 10, proposal: 10, negotiation: 7, '*': 14 },
  confirmRecomputes: 2,
  largeMargin: 0.25,
  autonomousAttainment: 0.95,
  focusedAttainment: 0.7,
  focusMinReached: 5,
  focusMinGap: 0.05,
  focusFamilyAlpha: 0.05,
  focusKeepConfidence: 0.8,
  boundsPercentiles: [0.25, 0.9],
  expectationMaxStep: 0.2,
  expectationMinStep: 0.1,
  paceWeeks: 4,
  maxExpectations: 3,
  activityStages: { call: '@first', email: '@first', social: '@first', meeting: '@second', demo: 'demo', proposal: 'proposal' },
  dormantDays: 90,
  workdaysPerWeek: 5,
  minWinProbability: 0.01,
};

/** The config with every optional knob filled in from the defaults. */
export function resolveConfig(config: TCoachingConfig): TResolvedCoachingConfig {
  const resolved = { ...DEFAULT_COACHING_CONFIG };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** An average calendar quarter, in days. */
export const QUARTER_DAYS = 365.25 / 4;

/** Linear-interpolated quantile (q in 0..1) of ascending-sorted values; null when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return low + (high - low) * (h - lo);
}

/** Rounds to `digits` decimals so derived numbers stay readable and stable in JSON. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** '23%' from 0.23. */
export function pct(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** '$12,500' from cents. */
export function money(cents: number): string {
  // By hand rather than toLocaleString: the same text on every ICU build, and far cheaper in a hot loop.
  const dollars = Math.round(Math.abs(cents) / 100);
  return `${cents < 0 ? '-' : ''}$${String(dollars).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
