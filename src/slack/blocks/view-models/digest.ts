import type { TActivityByStage } from '../../../domain/activity-by-stage';
import type { TTier } from '../../../domain/coaching/tiers';
import type { TActivityType } from '../../../domain/types';
import type { TCoachingView } from './coaching';
import type { TReviewCardView } from './review-dm';

/*
 * The weekly digests as plain data for the renderer (src/slack/blocks/digest.ts), built by
 * src/services/digests/. Names and texts are raw; the renderer escapes them.
 */

/** When the person gets it, for the "why you got this" line. */
export type TDigestSchedule = { weekday: string; time: string; tz: string };

/** One next step, chosen from the data (see `chooseDigestSuggestion`). */
export type TDigestSuggestion =
  | { kind: 'start_logging' }
  | { kind: 'catch_up'; type: TActivityType; done: number; expected: number }
  | { kind: 'move_deal'; dealName: string; stageName: string; idleDays: number }
  | { kind: 'close_goal'; left: number; metric: 'deals_won' | 'revenue'; label: string }
  | { kind: 'try_focus'; stageName: string }
  | { kind: 'keep_going' }
  /** Nothing to catch up, move or try, and no expectations last week: no praise for ones that did not exist. */
  | { kind: 'keep_logging' }
  | { kind: 'grow' }
  | { kind: 'set_goal' };

export type TDigestActivityRow = { type: TActivityType; done: number; /** The week's expectation; null without one, and always for autonomous reps. */ expected: number | null; daily: number | null };

export type TRepDigestView = {
  rep: { name: string; slackUserId: string };
  weekLabel: string;
  tier: TTier | null;
  /** False for autonomous reps: outcome goals only, no activity targets (SPEC §2). */
  showTargets: boolean;
  activity: TDigestActivityRow[];
  total: number;
  /** The week's activity by stage of the selling system (the same figure `/stats last week` shows). */
  byStage: TActivityByStage;
  outcomes: { won: { name: string; amountCents: number | null }[]; lost: number; advanced: { name: string; stageName: string }[] };
  goal: TCoachingView['goal'];
  pipeline: { deals: number; amountCents: number };
  trend: { total: { sparkline: string; sum: number }; byType: { type: TActivityType; sparkline: string; sum: number }[] };
  focus: { stageName: string; tip: string } | null;
  suggestion: TDigestSuggestion;
  schedule: TDigestSchedule;
  /** A deep link to Canopy's Home tab when the app id is known; otherwise the renderer says where it is in words. */
  homeUrl: string | null;
  /** Call reviews whose own DM was held back since the rep's previous check-in or digest (`reviewsToCarry`), newest first. */
  reviews: TReviewCardView[];
};

export type TTeamDigestRep = {
  slackUserId: string;
  name: string;
  tier: TTier | null;
  /** Their tier a week before the digest, when it was a different one. */
  changedFrom: TTier | null;
  weekTotal: number;
  trendSparkline: string;
  /** The focus stage's name when it is new since a week before the digest. */
  newFocus: string | null;
  /** Last week's activity types short of the expectation (none for autonomous reps). */
  behind: { type: TActivityType; done: number; expected: number }[];
};

export type TTeamDigestView = {
  managerName: string;
  weekLabel: string;
  /** By tier (autonomous, guided, focused, ramping, not yet computed), then name. */
  reps: TTeamDigestRep[];
  oneOnOnes: { repSlackUserId: string; repName: string; whenText: string }[];
  schedule: TDigestSchedule;
  homeUrl: string | null;
};
