import type { TExpectationProgress } from '../domain/coaching/progress';
import type { TTier } from '../domain/coaching/tiers';
import type { TActivityType } from '../domain/types';

/*
 * What the services hand to the renderers (`src/slack/blocks`, the demo, `preview`): plain data,
 * defined here so that services never depend on the Slack layer.
 */

/** What a logged (or edited, or removed) message did, for its confirmation. */
export type TLogConfirmationView = {
  activities: { type: TActivityType; count: number; deal?: string }[];
  dealUpdates: { deal: string; stage?: string; outcome?: 'won' | 'lost'; amountCents?: number }[];
  whenLabel?: string;
  unknown: string[];
  problems: { source: string; message: string }[];
  edited: boolean;
  removed?: boolean;
};

/** A rep's coaching as `/stats` shows it: style by tier, goal progress, targets with pace, focus. */
export type TCoachingView = {
  tier: TTier;
  tierReason: string;
  expectations: TExpectationProgress[];
  goal: { label: string; metric: 'deals_won' | 'revenue'; target: number; achieved: number; source: 'goal' | 'quota' } | null;
  focus: { stageName: string; toStageName: string | null; tip: string; evidenceText: string } | null;
  computedAtLabel: string;
};

/** One rep's line on `/coach team`. */
export type TTeamRepRow = {
  slackUserId: string;
  name: string;
  weekTotal: number;
  trendSparkline: string;
  lastActivityLabel: string | null;
  /** From the latest recompute; absent before the first one. */
  coaching?: { tier: TTier; reason: string; changedFrom: TTier | null; focusStage: string | null; focusIsNew: boolean };
};

/** A manager's team for `/coach team`. */
export type TTeamView = { managerName: string; reps: TTeamRepRow[] };
