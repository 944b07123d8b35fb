import type { TStage } from '../types';
import { betaCdf } from './beta';
import type { TClosedDealFact, TStageDays } from './deal-stage-facts';
import { quantileSorted } from './inputs';

/*
 * Issue 12 §7: one line in the manager's brief when something repeats across a rep's deals, only on strong
 * evidence. Two patterns are tried on every open stage of the selling system: deals lost after the same
 * stage more often than the rest of the team's lost deals, and deals sitting in a stage far longer than the
 * team's. Each is a one-sided test at FAMILY_ALPHA split Bonferroni-wise over the stages tried (every open
 * stage, whatever the data, so the bar does not drop for a rep with little of it); the smaller p wins.
 */

export type TDealPattern =
  /** `lost` of the rep's last `of` lost deals were lost after `stage`; the rest of the team: `teamLost` of `teamOf`. */
  | { kind: 'lost-after'; stage: string; lost: number; of: number; teamLost: number; teamOf: number; p: number }
  /** The rep's `deals` that left `stage` spent a median `repMedianDays` there; the rest of the team `teamMedianDays`. */
  | { kind: 'slow-stage'; stage: string; repMedianDays: number; teamMedianDays: number; ratio: number; deals: number; p: number };

/** The rep's facts and the same for the rest of the team (the rep left out), over the same window. */
export type TDealPatternInput = {
  stages: readonly TStage[];
  rep: { closed: readonly TClosedDealFact[]; stageDays: TStageDays };
  team: { closed: readonly TClosedDealFact[]; stageDays: TStageDays };
};

/** Trailing window the service reads deals over: long enough for a few lost deals, short enough to be current. */
export const PATTERN_WINDOW_DAYS = 180;
/** Chance, per pattern and over all stages tried, of naming one for a rep whose deals behave like the team's. */
export const FAMILY_ALPHA = 0.01;
/** The rep's most recent lost deals looked at, and how many of them must share the stage. */
const LAST_LOST = 8;
const MIN_LOST_AFTER = 4;
/** Lost deals the rest of the team needs before its share means anything. */
const TEAM_MIN_LOST = 10;
/** Deals through the stage: the rep's and the rest of the team's. */
const REP_MIN_THROUGH = 5;
const TEAM_MIN_THROUGH = 10;
const MIN_RATIO = 2;
/** A team median under a day is read as a day: twice "a few hours" is not a pattern. */
const MIN_TEAM_DAYS = 1;
/**
 * No two people work alike: the tests ask whether the rep differs from the team by more than this, not at
 * all — a share of lost deals above the team's × 1.25, stage times above the team's × 1.25 — so a rep a
 * little slower or a little more often lost early (a difference any teammate has) is not named for it.
 */
const MARGIN = 1.25;

/** The strongest pattern in the rep's deals, or undefined when nothing clears the bar. */
export function findDealPattern(input: TDealPatternInput): TDealPattern | undefined {
  const open = input.stages.filter((s) => !s.outcome).map((s) => s.key);
  if (open.length === 0) return undefined;
  const alpha = FAMILY_ALPHA / open.length;
  const found = [...lostAfter(input, open), ...slowStages(input, open)].filter((p) => p.p < alpha);
  // Strongest first; ties go to the earlier stage, then to lost-after (the outcome over the pace).
  return found.sort((a, b) => a.p - b.p || open.indexOf(a.stage) - open.indexOf(b.stage) || (a.kind === 'lost-after' ? -1 : 1))[0];
}

/** P(X ≥ k) for X ~ Binomial(n, p): the regularized incomplete beta I_p(k, n − k + 1). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return betaCdf(p, k, n - k + 1);
}

function lostAfter(input: TDealPatternInput, open: readonly string[]): TDealPattern[] {
  const lastLost = input.rep.closed
    .filter((d) => d.outcome === 'lost')
    .sort((a, b) => b.closedAt - a.closedAt)
    .slice(0, LAST_LOST);
  const teamLost = input.team.closed.filter((d) => d.outcome === 'lost');
  if (lastLost.length < MIN_LOST_AFTER || teamLost.length < TEAM_MIN_LOST) return [];
  const patterns: TDealPattern[] = [];
  for (const stage of open) {
    const lost = lastLost.filter((d) => d.lastStage === stage).length;
    if (lost < MIN_LOST_AFTER) continue;
    const teamAfter = teamLost.filter((d) => d.lastStage === stage).length;
    // The team's share pulled off 0 and 1 (Jeffreys): a stage the team never loses after is not impossible.
    const teamShare = (teamAfter + 0.5) / (teamLost.length + 1);
    if (lost / lastLost.length <= teamShare) continue;
    const p = binomialUpperTail(lost, lastLost.length, Math.min(1, teamShare * MARGIN));
    patterns.push({ kind: 'lost-after', stage, lost, of: lastLost.length, teamLost: teamAfter, teamOf: teamLost.length, p });
  }
  return patterns;
}

/** Mean and variance (n − 1) of log(1 + days): stage times are skewed; their logs are near-normal. */
function logStats(days: readonly number[]): { n: number; mean: number; variance: number } {
  const logs = days.map((d) => Math.log1p(Math.max(0, d)));
  const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
  const variance = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  return { n: logs.length, mean, variance };
}

/** One-sided Welch t-test that the rep's log-days exceed the team's by more than log(`margin`): P(T ≥ t). */
export function welchUpperTail(rep: readonly number[], team: readonly number[], margin = 1): number {
  const a = logStats(rep);
  const b = logStats(team);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return a.mean - b.mean > Math.log(margin) ? 0 : 1;
  const t = (a.mean - b.mean - Math.log(margin)) / se;
  const df = (va + vb) ** 2 / (va ** 2 / Math.max(1, a.n - 1) + vb ** 2 / Math.max(1, b.n - 1));
  // Student's t tail through the incomplete beta: P(T ≥ t) = ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0.
  const tail = 0.5 * betaCdf(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

const median = (values: readonly number[]) => quantileSorted([...values].sort((x, y) => x - y), 0.5) ?? 0;

function slowStages(input: TDealPatternInput, open: readonly string[]): TDealPattern[] {
  const patterns: TDealPattern[] = [];
  for (const stage of open) {
    const rep = input.rep.stageDays[stage] ?? [];
    const team = input.team.stageDays[stage] ?? [];
    if (rep.length < REP_MIN_THROUGH || team.length < TEAM_MIN_THROUGH) continue;
    const repMedianDays = median(rep);
    const teamMedianDays = median(team);
    const ratio = repMedianDays / Math.max(MIN_TEAM_DAYS, teamMedianDays);
    if (ratio < MIN_RATIO) continue;
    const p = welchUpperTail(rep, team, MARGIN);
    patterns.push({ kind: 'slow-stage', stage, repMedianDays, teamMedianDays, ratio, deals: rep.length, p });
  }
  return patterns;
}
