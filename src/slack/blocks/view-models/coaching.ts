import type { TExpectationProgress } from '../../../domain/coaching/progress';
import type { TTier } from '../../../domain/coaching/tiers';

/** A rep's coaching as `/stats` shows it: style by tier, goal progress, targets with pace, focus. */
export type TCoachingView = {
  tier: TTier;
  tierReason: string;
  /** Each with `weekly`, the one weekly figure the digest and the brief count against (a daily target is a share of it). */
  expectations: (TExpectationProgress & { weekly: number })[];
  goal: { label: string; metric: 'deals_won' | 'revenue'; target: number; achieved: number; source: 'goal' | 'quota' } | null;
  focus: { stageName: string; toStageName: string | null; tip: string; evidenceText: string } | null;
  computedAtLabel: string;
};
