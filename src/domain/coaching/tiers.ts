import type { TFunnel } from './funnel';
import { DAY_MS, money, QUARTER_DAYS, pct, quantileSorted, resolveConfig, round, type TCoachingConfig, type TRepFacts, type TResolvedCoachingConfig } from './inputs';

/** The tiers in the order Canopy lists them: the least activity management first. */
export const TIER_ORDER = ['autonomous', 'guided', 'focused', 'ramping'] as const;
export type TTier = (typeof TIER_ORDER)[number];
/** Carried between recomputes for hysteresis. */
export type TTierState = { tier: TTier; pendingTier: TTier | null; pendingCount: number };
/** Where this recompute's numbers put the rep, before hysteresis. */
export type TPlacement = 'ramping' | 'top' | 'middle' | 'bottom' | 'bottom_on_pace' | 'top_below_pace';
/** ramping: too new to judge · placed: first judgement · steady: unchanged · held: a change waits for confirmation · confirmed / large_margin: changed. */
export type TTierReason = 'ramping' | 'placed' | 'steady' | 'held' | 'confirmed' | 'large_margin';
/** What the score compares: won vs the goal's pace, vs quota pace, or vs the team's median won deals. */
export type TScoreBasis = 'goal' | 'quota' | 'team_median';
export type TTierDecision = TTierState & {
  reasonCode: TTierReason;
  reasonText: string;
  /** Attainment: actual / expected (1 = on pace). */
  score: number;
  /** Mid-rank percentile of the score among the team's non-ramping reps (0 lowest, 1 highest); null when ramping. */
  percentile: number | null;
  /** True when the tier differs from the previous recompute's (false on the first one). */
  changed: boolean;
  candidate: TTier;
  placement: TPlacement;
  basis: TScoreBasis;
  actual: number;
  expected: number;
  /** The team's score lines: bottomShare and 1 − topShare quantiles. */
  lines: { bottom: number | null; top: number | null };
  /** How far (in score) the rep is past the line of the candidate tier; null when no change is in play. */
  margin: number | null;
};

type TRepInput = { facts: TRepFacts; funnel: TFunnel; previous: TTierState | null };
type TScore = { score: number; basis: TScoreBasis; actual: number; expected: number; revenue: boolean };

const LABEL: Record<TTier, string> = { autonomous: 'Autonomous', guided: 'Guided', focused: 'Focused', ramping: 'Ramping' };

/** Tiers for a team: trailing attainment vs goal (or won deals vs team median when no goal), percentile thresholds, hysteresis (a change needs two consecutive recomputes or a large margin), ramping under `rampingDays` of data with no judgement shown. */
export function assignTiers(reps: readonly TRepInput[], now: number, config: TCoachingConfig): Map<number, TTierDecision> {
  const cfg = resolveConfig(config);
  const sortedReps = [...reps].sort((a, b) => a.facts.repId - b.facts.repId);
  const daysOf = (facts: TRepFacts) => (facts.firstActivityAt === null ? 0 : (now - facts.firstActivityAt) / DAY_MS);
  const isRamping = (facts: TRepFacts) => facts.firstActivityAt === null || daysOf(facts) < cfg.rampingDays;

  const judged = sortedReps.filter((r) => !isRamping(r.facts));
  const wonSorted = judged.map((r) => r.funnel.won).sort((a, b) => a - b);
  const medianWon = quantileSorted(wonSorted, 0.5) ?? 0;
  const scores = new Map(sortedReps.map((r) => [r.facts.repId, scoreOf(r, Math.min(cfg.windowDays, daysOf(r.facts)), medianWon, cfg)]));
  const sorted = judged.map((r) => scores.get(r.facts.repId)!.score).sort((a, b) => a - b);
  const lines = { bottom: quantileSorted(sorted, cfg.bottomShare), top: quantileSorted(sorted, 1 - cfg.topShare) };

  const decisions = new Map<number, TTierDecision>();
  for (const rep of sortedReps) {
    const score = scores.get(rep.facts.repId)!;
    const base = { score: round(score.score), basis: score.basis, actual: score.actual, expected: round(score.expected, 2), lines: roundLines(lines) };
    if (isRamping(rep.facts)) {
      const reasonText = rampingText(rep.facts.firstActivityAt === null ? null : Math.floor(daysOf(rep.facts)), cfg.rampingDays);
      const changed = rep.previous !== null && rep.previous.tier !== 'ramping';
      decisions.set(rep.facts.repId, { tier: 'ramping', pendingTier: null, pendingCount: 0, reasonCode: 'ramping', reasonText, percentile: null, changed, candidate: 'ramping', placement: 'ramping', margin: null, ...base });
      continue;
    }
    const percentile = percentileOf(sorted, score.score);
    const { candidate, placement } = place(percentile, score.score, cfg);
    const why = `${scoreText(score, cfg.windowDays)}, ${placementText(placement, score.basis, cfg)}`;
    const decide = (state: TTierState, reasonCode: TTierReason, reasonText: string, margin: number | null): TTierDecision => ({
      ...state, reasonCode, reasonText, percentile: round(percentile), candidate, placement, margin, ...base,
      changed: rep.previous !== null && rep.previous.tier !== state.tier,
    });
    const previous = rep.previous;
    if (!previous || previous.tier === 'ramping' || previous.tier === candidate) {
      const reasonCode = !previous || previous.tier === 'ramping' ? 'placed' : 'steady';
      decisions.set(rep.facts.repId, decide({ tier: candidate, pendingTier: null, pendingCount: 0 }, reasonCode, `${LABEL[candidate]}: ${why}.`, null));
      continue;
    }
    const margin = round(Math.max(0, marginPast(candidate, previous.tier, score.score, lines, cfg)));
    const count = (previous.pendingTier === candidate ? previous.pendingCount : 0) + 1;
    if (margin >= cfg.largeMargin) {
      const text = `Now ${candidate}: ${why}; ${Math.round(margin * 100)} points of pace past the line, a margin large enough to change at once.`;
      decisions.set(rep.facts.repId, decide({ tier: candidate, pendingTier: null, pendingCount: 0 }, 'large_margin', text, margin));
    } else if (count >= cfg.confirmRecomputes) {
      const text = `Now ${candidate}: ${why}, for ${count} recomputes in a row.`;
      decisions.set(rep.facts.repId, decide({ tier: candidate, pendingTier: null, pendingCount: 0 }, 'confirmed', text, margin));
    } else {
      const left = cfg.confirmRecomputes - count;
      const text = `Staying ${previous.tier} for now: ${why}, which points to ${candidate}; it changes if ${left === 1 ? 'the next recompute agrees' : `the next ${left} recomputes agree`}.`;
      decisions.set(rep.facts.repId, decide({ tier: previous.tier, pendingTier: candidate, pendingCount: count }, 'held', text, margin));
    }
  }
  return decisions;
}

function scoreOf({ facts, funnel }: TRepInput, days: number, medianWon: number, cfg: TResolvedCoachingConfig): TScore {
  const effectiveDays = Math.max(1, Math.min(cfg.windowDays, days || cfg.windowDays));
  const goal = facts.goal;
  if (goal && goal.target > 0 && goal.periodEnd > goal.periodStart) {
    const revenue = goal.metric === 'revenue';
    const expected = (goal.target * effectiveDays * DAY_MS) / (goal.periodEnd - goal.periodStart);
    const actual = revenue ? funnel.wonCents : funnel.won;
    return { score: actual / expected, basis: 'goal', actual, expected, revenue };
  }
  if (facts.quotaPerQuarter !== null && facts.quotaPerQuarter > 0) {
    const expected = (facts.quotaPerQuarter * effectiveDays) / QUARTER_DAYS;
    return { score: funnel.won / expected, basis: 'quota', actual: funnel.won, expected, revenue: false };
  }
  // Without a goal the team's median is the yardstick; at least 1 so a quiet team does not divide by zero.
  const expected = Math.max(1, medianWon);
  return { score: funnel.won / expected, basis: 'team_median', actual: funnel.won, expected, revenue: false };
}

/** Mid-rank percentile: ties share one value, the lowest score is 0, the highest 1, a team of one 0.5. */
function percentileOf(sorted: readonly number[], score: number): number {
  if (sorted.length <= 1) return 0.5;
  const below = firstIndex(sorted, (s) => s >= score);
  const equal = firstIndex(sorted, (s) => s > score) - below;
  return (below + Math.max(0, equal - 1) / 2) / (sorted.length - 1);
}

/** Binary search: the first index whose value passes `test` (monotone over sorted values). */
function firstIndex(sorted: readonly number[], test: (value: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(sorted[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function place(percentile: number, score: number, cfg: TResolvedCoachingConfig): { candidate: TTier; placement: TPlacement } {
  const onPace = score >= cfg.onPaceScore;
  if (percentile < cfg.bottomShare) return onPace ? { candidate: 'guided', placement: 'bottom_on_pace' } : { candidate: 'focused', placement: 'bottom' };
  if (percentile > 1 - cfg.topShare) return onPace ? { candidate: 'autonomous', placement: 'top' } : { candidate: 'guided', placement: 'top_below_pace' };
  return { candidate: 'guided', placement: 'middle' };
}

/** Distance past the line that defines the candidate tier (or, moving to guided, the line of the tier being left). */
function marginPast(candidate: TTier, from: TTier, score: number, lines: { bottom: number | null; top: number | null }, cfg: TResolvedCoachingConfig): number {
  const focusLine = Math.min(lines.bottom ?? cfg.onPaceScore, cfg.onPaceScore);
  const autonomousLine = Math.max(lines.top ?? cfg.onPaceScore, cfg.onPaceScore);
  if (candidate === 'focused') return focusLine - score;
  if (candidate === 'autonomous') return score - autonomousLine;
  return from === 'focused' ? score - focusLine : autonomousLine - score;
}

function roundLines(lines: { bottom: number | null; top: number | null }) {
  return { bottom: lines.bottom === null ? null : round(lines.bottom), top: lines.top === null ? null : round(lines.top) };
}

function scoreText(s: TScore, windowDays: number): string {
  const amount = (value: number) => (s.revenue ? money(value) : `${round(value, 1)}`);
  const actual = s.revenue ? `${money(s.actual)} won` : `${s.actual} ${s.actual === 1 ? 'deal' : 'deals'} won`;
  if (s.basis === 'team_median') return `${actual} in the last ${windowDays} days, team median ${round(s.expected, 1)}`;
  return `${actual} in the last ${windowDays} days, ${pct(s.score)} of ${s.basis} pace (${amount(s.expected)} expected)`;
}

function placementText(placement: TPlacement, basis: TScoreBasis, cfg: TResolvedCoachingConfig): string {
  const onPace = basis === 'team_median' ? 'level with the team median' : `on pace for the ${basis}`;
  switch (placement) {
    case 'top': return `in the team's top ${pct(cfg.topShare)}`;
    case 'top_below_pace': return `in the team's top ${pct(cfg.topShare)} but not yet ${onPace}`;
    case 'bottom': return `in the team's bottom ${pct(cfg.bottomShare)}`;
    case 'bottom_on_pace': return `in the team's bottom ${pct(cfg.bottomShare)} but ${onPace}`;
    default: return 'in the middle of the team';
  }
}

function rampingText(days: number | null, rampingDays: number): string {
  const sofar = days === null ? 'No activity logged yet' : `${days} ${days === 1 ? 'day' : 'days'} of data so far`;
  return `Ramping: ${sofar}; tiers start after ${rampingDays}. Weekly expectations in the meantime.`;
}
