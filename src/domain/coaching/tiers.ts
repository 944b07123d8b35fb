import type { TFunnel } from './funnel';
import { DAY_MS, money, QUARTER_DAYS, pct, quantileSorted, resolveConfig, round, type TCoachingConfig, type TRepFacts, type TResolvedCoachingConfig } from './inputs';

/** The tiers in the order Canopy lists them: the least activity management first. */
export const TIER_ORDER = ['autonomous', 'guided', 'focused', 'ramping'] as const;
export type TTier = (typeof TIER_ORDER)[number];
/** Carried between recomputes for hysteresis. */
export type TTierState = { tier: TTier; pendingTier: TTier | null; pendingCount: number };
/** Where this recompute's numbers put the rep, before hysteresis: against pace (on_track, behind, well_behind) or, without a goal or quota, by percentile (top, middle, bottom). */
export type TPlacement = 'ramping' | 'on_track' | 'behind' | 'well_behind' | 'top' | 'middle' | 'bottom';
/** ramping: too new to judge · placed: first judgement · steady: unchanged · held: a change waits for confirmation · confirmed / large_margin: changed. */
export type TTierReason = 'ramping' | 'placed' | 'steady' | 'held' | 'confirmed' | 'large_margin';
/** What the score compares: won (deals, or amounts for a revenue goal or quota) vs the goal's pace, vs quota pace, or (no goal, no quota) vs the team's median won deals. */
export type TScoreBasis = 'goal' | 'quota' | 'team_median';
export type TTierDecision = TTierState & {
  reasonCode: TTierReason;
  /** Shown to the rep: their own numbers against their pace, never their rank in the team. */
  reasonText: string;
  /** For managers only: the attainment lines, or the rep's percentile in the team when no goal or quota exists. */
  teamContext: string;
  /** Attainment: actual / expected by now (1 = on pace); for team_median, won / the team's median. */
  score: number;
  /** Mid-rank percentile among the team's judged reps (0 lowest, 1 highest), for the team_median fallback only; null otherwise. */
  percentile: number | null;
  /** True when the tier differs from the previous recompute's (false on the first one). */
  changed: boolean;
  candidate: TTier;
  placement: TPlacement;
  basis: TScoreBasis;
  actual: number;
  expected: number;
  /** The score lines: below `bottom` is focused, at or above `top` autonomous (the tier policy's attainment lines, or the team's percentile lines for team_median). */
  lines: { bottom: number | null; top: number | null };
  /** How far (in score) the rep is past the line of the candidate tier; null when no change is in play. */
  margin: number | null;
};

type TRepInput = { facts: TRepFacts; funnel: TFunnel; previous: TTierState | null };
/** `span`: the words for when (e.g. "by now this quarter", "over the last 90 days"). */
type TScore = { score: number; basis: TScoreBasis; actual: number; expected: number; revenue: boolean; span: string };
type TLines = { bottom: number | null; top: number | null };

/** A goal period this far in is judged on its own numbers; earlier, on the trailing window at the goal's pace. */
const MIN_GOAL_DAYS = 28;

/**
 * Tiers for a team by attainment against the agreed goal (or quota) pace: at or above
 * autonomousAttainment → autonomous, under focusedAttainment → focused, between → guided; by the team's
 * percentiles only for a rep with neither goal nor quota (shown to managers only). Hysteresis: a change
 * needs confirmRecomputes consecutive recomputes or a large margin. Ramping under `rampingDays` of data.
 */
export function assignTiers(reps: readonly TRepInput[], now: number, config: TCoachingConfig): Map<number, TTierDecision> {
  const cfg = resolveConfig(config);
  const sortedReps = [...reps].sort((a, b) => a.facts.repId - b.facts.repId);
  const daysOf = (facts: TRepFacts) => (facts.firstDataAt === null ? 0 : (now - facts.firstDataAt) / DAY_MS);
  const isRamping = (facts: TRepFacts) => facts.firstDataAt === null || daysOf(facts) < cfg.rampingDays;

  const judged = sortedReps.filter((r) => !isRamping(r.facts));
  const medianWon = quantileSorted(judged.map((r) => r.funnel.won).sort((a, b) => a - b), 0.5) ?? 0;
  const scores = new Map(sortedReps.map((r) => [r.facts.repId, scoreOf(r, Math.min(cfg.windowDays, daysOf(r.facts)), medianWon, now, cfg)]));
  // The percentile fallback ranks everyone judged by won deals against the team median (the same yardstick for all).
  const relative = judged.map((r) => r.funnel.won / Math.max(1, medianWon)).sort((a, b) => a - b);
  const teamLines: TLines = { bottom: quantileSorted(relative, cfg.bottomShare), top: quantileSorted(relative, 1 - cfg.topShare) };
  const policyLines: TLines = { bottom: cfg.focusedAttainment, top: cfg.autonomousAttainment };

  const decisions = new Map<number, TTierDecision>();
  for (const rep of sortedReps) {
    const score = scores.get(rep.facts.repId)!;
    const fallback = score.basis === 'team_median';
    const lines = fallback ? teamLines : policyLines;
    const base = { score: round(score.score), basis: score.basis, actual: score.actual, expected: round(score.expected, 2), lines: roundLines(lines) };
    if (isRamping(rep.facts)) {
      const reasonText = rampingText(rep.facts.firstDataAt === null ? null : Math.floor(daysOf(rep.facts)), cfg.rampingDays);
      const changed = rep.previous !== null && rep.previous.tier !== 'ramping';
      decisions.set(rep.facts.repId, { tier: 'ramping', pendingTier: null, pendingCount: 0, reasonCode: 'ramping', reasonText, teamContext: 'Ramping: not compared with the team yet.', percentile: null, changed, candidate: 'ramping', placement: 'ramping', margin: null, ...base });
      continue;
    }
    const percentile = fallback ? percentileOf(relative, score.score) : null;
    const { candidate, placement } = percentile === null ? placeByAttainment(score.score, cfg) : placeByPercentile(percentile, cfg);
    const why = scoreText(score, placement);
    const teamContext = contextText(score, placement, percentile, medianWon, cfg);
    const decide = (state: TTierState, reasonCode: TTierReason, reasonText: string, margin: number | null): TTierDecision => ({
      ...state, reasonCode, reasonText, teamContext, percentile: percentile === null ? null : round(percentile), candidate, placement, margin, ...base,
      changed: rep.previous !== null && rep.previous.tier !== state.tier,
    });
    const previous = rep.previous;
    if (!previous || previous.tier === 'ramping' || previous.tier === candidate) {
      const reasonCode = !previous || previous.tier === 'ramping' ? 'placed' : 'steady';
      decisions.set(rep.facts.repId, decide({ tier: candidate, pendingTier: null, pendingCount: 0 }, reasonCode, `${why}.`, null));
      continue;
    }
    const margin = round(Math.max(0, marginPast(candidate, previous.tier, score.score, lines)));
    const count = (previous.pendingTier === candidate ? previous.pendingCount : 0) + 1;
    if (margin >= cfg.largeMargin) {
      const text = `${why}. Now ${candidate}: far enough from the line to change at once.`;
      decisions.set(rep.facts.repId, decide({ tier: candidate, pendingTier: null, pendingCount: 0 }, 'large_margin', text, margin));
    } else if (count >= cfg.confirmRecomputes) {
      const text = `${why}. Now ${candidate}, after ${count} recomputes in a row.`;
      decisions.set(rep.facts.repId, decide({ tier: candidate, pendingTier: null, pendingCount: 0 }, 'confirmed', text, margin));
    } else {
      const left = cfg.confirmRecomputes - count;
      const text = `${why}. Staying ${previous.tier} for now; it becomes ${candidate} if ${left === 1 ? 'the next recompute agrees' : `the next ${left} recomputes agree`}.`;
      decisions.set(rep.facts.repId, decide({ tier: previous.tier, pendingTier: candidate, pendingCount: count }, 'held', text, margin));
    }
  }
  return decisions;
}

function scoreOf({ facts, funnel }: TRepInput, days: number, medianWon: number, now: number, cfg: TResolvedCoachingConfig): TScore {
  const effectiveDays = Math.max(1, Math.min(cfg.windowDays, days || cfg.windowDays));
  const trailing = `over the last ${Math.round(effectiveDays)} days`;
  const goal = facts.goal;
  if (goal && goal.target > 0 && goal.periodEnd > goal.periodStart) {
    const revenue = goal.metric === 'revenue';
    const length = goal.periodEnd - goal.periodStart;
    const elapsed = now - goal.periodStart;
    if (goal.achieved !== undefined && now < goal.periodEnd && elapsed >= MIN_GOAL_DAYS * DAY_MS) {
      const expected = (goal.target * elapsed) / length;
      return { score: goal.achieved / expected, basis: 'goal', actual: goal.achieved, expected, revenue, span: `by now ${periodWords(length)}` };
    }
    const expected = (goal.target * effectiveDays * DAY_MS) / length;
    const actual = revenue ? funnel.wonCents : funnel.won;
    return { score: actual / expected, basis: 'goal', actual, expected, revenue, span: `${trailing} at your goal's pace` };
  }
  if (facts.quotaPerQuarter !== null && facts.quotaPerQuarter > 0) {
    // A revenue quota is met by won amounts (cents), a deals quota by won deals.
    const revenue = facts.quotaMetric === 'revenue';
    const expected = (facts.quotaPerQuarter * effectiveDays) / QUARTER_DAYS;
    const actual = revenue ? funnel.wonCents : funnel.won;
    return { score: actual / expected, basis: 'quota', actual, expected, revenue, span: `${trailing} at your quota's pace` };
  }
  // Without a goal the team's median is the yardstick; at least 1 so a quiet team does not divide by zero.
  const expected = Math.max(1, medianWon);
  return { score: funnel.won / expected, basis: 'team_median', actual: funnel.won, expected, revenue: false, span: trailing };
}

/** "this quarter" for a goal of about a quarter, "this month" for about a month, else "this goal period". */
function periodWords(lengthMs: number): string {
  const days = lengthMs / DAY_MS;
  if (days >= 80 && days <= 100) return 'this quarter';
  if (days >= 27 && days <= 32) return 'this month';
  if (days >= 360 && days <= 370) return 'this year';
  return 'this goal period';
}

function placeByAttainment(score: number, cfg: TResolvedCoachingConfig): { candidate: TTier; placement: TPlacement } {
  if (score >= cfg.autonomousAttainment) return { candidate: 'autonomous', placement: 'on_track' };
  if (score < cfg.focusedAttainment) return { candidate: 'focused', placement: 'well_behind' };
  return { candidate: 'guided', placement: 'behind' };
}

function placeByPercentile(percentile: number, cfg: TResolvedCoachingConfig): { candidate: TTier; placement: TPlacement } {
  if (percentile < cfg.bottomShare) return { candidate: 'focused', placement: 'bottom' };
  if (percentile > 1 - cfg.topShare) return { candidate: 'autonomous', placement: 'top' };
  return { candidate: 'guided', placement: 'middle' };
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

/** Distance past the line that defines the candidate tier (or, moving to guided, the line of the tier being left). */
function marginPast(candidate: TTier, from: TTier, score: number, lines: TLines): number {
  const focusLine = lines.bottom ?? 0;
  const autonomousLine = lines.top ?? Infinity;
  if (candidate === 'focused') return focusLine - score;
  if (candidate === 'autonomous') return score - autonomousLine;
  return from === 'focused' ? score - focusLine : autonomousLine - score;
}

function roundLines(lines: TLines): TLines {
  return { bottom: lines.bottom === null ? null : round(lines.bottom), top: lines.top === null ? null : round(lines.top) };
}

const HEADLINE: Partial<Record<TPlacement, string>> = { on_track: 'On track', behind: 'Behind pace', well_behind: 'Well behind pace' };

/** The rep's own numbers in their own terms: "On track: 7 won of 7 deals expected by now this quarter". Never a rank. */
function scoreText(s: TScore, placement: TPlacement): string {
  // Whole deals read as they are; a pro-rated 3.9 reads "about 4" (under one: "under 1"), never a decimal.
  const amount = (value: number) => (s.revenue ? money(value) : Number.isInteger(value) ? `${value}` : value < 0.5 ? 'under 1' : `about ${Math.round(value)}`);
  if (s.basis === 'team_median') {
    const won = `${s.actual} ${s.actual === 1 ? 'deal' : 'deals'} won ${s.span}`;
    return `${won}; with no goal or quota agreed yet there is no pace to measure against, so agreeing a goal with your manager sharpens this`;
  }
  const expected = s.revenue ? amount(s.expected) : `${amount(s.expected)} ${amount(s.expected) === '1' || amount(s.expected) === 'about 1' || amount(s.expected) === 'under 1' ? 'deal' : 'deals'}`;
  const headline = HEADLINE[placement] ?? 'Pace';
  if (placement === 'on_track') return `${headline}: ${amount(s.actual)} won of ${expected} expected ${s.span}`;
  return `${headline}: ${amount(s.actual)} won against ${expected} expected ${s.span}`;
}

/** For managers: the lines the rep was measured against, or their standing in the team when there is no goal or quota. */
function contextText(s: TScore, placement: TPlacement, percentile: number | null, medianWon: number, cfg: TResolvedCoachingConfig): string {
  if (percentile === null) {
    return `${pct(s.score)} of ${s.basis} pace (autonomous from ${pct(cfg.autonomousAttainment)}, focused under ${pct(cfg.focusedAttainment)}).`;
  }
  const where = placement === 'top' ? `in the team's top ${pct(cfg.topShare)}` : placement === 'bottom' ? `in the team's bottom ${pct(cfg.bottomShare)}` : 'in the middle of the team';
  return `No goal or quota: placed by the team instead, ${s.actual} won vs a team median of ${round(medianWon, 1)}, percentile ${Math.round(percentile * 100)}, ${where}.`;
}

function rampingText(days: number | null, rampingDays: number): string {
  const sofar = days === null ? 'No activity or deals yet' : `${days} ${days === 1 ? 'day' : 'days'} of data so far`;
  return `Ramping: ${sofar}; tiers start after ${rampingDays}. Weekly expectations in the meantime.`;
}
