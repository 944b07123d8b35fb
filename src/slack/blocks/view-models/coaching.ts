import type { TExpectationProgress } from '../../../domain/coaching/progress';
import type { TTier } from '../../../domain/coaching/tiers';

/** A rep's coaching as `/stats` shows it: style by tier, goal progress, targets with pace, focus. */
export type TCoachingView = {
  tier: TTier;
  tierReason: string;
  expectations: TExpectationProgress[];
  goal: { label: string; metric: 'deals_won' | 'revenue'; target: number; achieved: number; source: 'goal' | 'quota' } | null;
  focus: { stageName: string; toStageName: string | null; tip: string; evidenceText: string } | null;
  computedAtLabel: string;
};
