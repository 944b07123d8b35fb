import type { TActivityByStage } from '../../../domain/activity-by-stage';
import type { TTier } from '../../../domain/coaching/tiers';
import type { TActivityType } from '../../../domain/types';
import type { TBriefReviews } from './call-reviews';
import type { TCoachingView } from './coaching';

/** How the rep did in the brief's period: activity vs. expectation, or (for an autonomous rep) outcomes only. */
export type TBriefActivity =
  | {
      kind: 'activity';
      /** By activity type: what was done and, when the rep has an expectation for it, what the period asked for. */
      rows: { type: TActivityType; done: number; expected: number | null; per: 'day' | 'week' | null; amount: number | null }[];
      total: number;
      /** Which stages of the selling system the activity fed, in stage order, what fed none apart (`activityByStage`). */
      byStage: TActivityByStage;
    }
  | {
      kind: 'outcomes';
      goal: TCoachingView['goal'];
      won: { name: string; amountCents: number | null }[];
      advanced: { name: string; stageName: string }[];
    };

/** One stage-to-stage conversion of the rep next to the team's, over the recompute's trailing window. */
export type TBriefConversionRow = { fromName: string; toName: string; advanced: number; reached: number; repRate: number | null; teamRate: number | null; isFocus: boolean };

/**
 * One pattern across the rep's deals (issue 12 §7), named only on strong evidence: most of their last lost
 * deals lost after one stage (`lost` of `of`; the rest of the team `teamLost` of `teamOf`), or their deals
 * sitting in one stage `ratio` times as long as the team's (medians in days, over `deals` deals).
 */
export type TBriefPattern =
  | { kind: 'lost-after'; stageName: string; lost: number; of: number; teamLost: number; teamOf: number; windowDays: number }
  | { kind: 'slow-stage'; stageName: string; repMedianDays: number; teamMedianDays: number; ratio: number; deals: number; windowDays: number };

/**
 * A manager's pre-1:1 brief on one rep (SPEC §1), sections in the order they are shown. Labels are in the
 * manager's zone; names and texts are raw (the renderer escapes them).
 */
export type TBriefView = {
  rep: { name: string; slackUserId: string };
  /** The instant the brief describes (ms): "How is this computed?" explains the brief as of then. */
  asOfMs: number;
  /** The coming (or just started) 1:1; null when the pair has none scheduled. */
  meeting: { label: string; relative: string; recurrence: string } | null;
  /** The meeting's row, for the "Log notes" button; null without a meeting. */
  meetingId: number | null;
  /** Null before the first recompute. `reason` is null for a ramping rep: no tier judgement is shown. */
  tier: { tier: TTier; reason: string | null; changedFrom: TTier | null } | null;
  period: { basis: 'since_meeting' | 'default' | 'capped'; fromLabel: string; days: number };
  activity: TBriefActivity;
  conversion: { windowDays: number; rows: TBriefConversionRow[]; focus: { stageName: string; toStageName: string | null; evidenceText: string } | null };
  /** A pattern across the rep's deals; null when nothing repeats clearly enough to say. */
  pattern: TBriefPattern | null;
  /** Stalled open deals (idle past their stage's threshold), ranked as the engine ranks them (value, recency); `more` not listed. */
  stalled: { deals: { name: string; stageName: string; idleDays: number }[]; more: number };
  /** Dormant open deals (idle over `overDays`): close it or revive it? — listed once, longest idle first, never among the stalled. */
  dormant: { deals: { name: string; idleDays: number }[]; overDays: number };
  agenda: { text: string; authorName: string; fromYou: boolean }[];
  actionItems: { text: string; ownerName: string; ownerIsYou: boolean; dueLabel: string | null; overdue: boolean; done: boolean; carriedFrom: string | null }[];
  /** Call reviews shared since the last 1:1 (or 30 days) and the rep's open requests for one. */
  reviews: TBriefReviews;
  /** Three coaching questions for the focus stage (`stageName` null: generic ones, no focus). */
  questions: { stageName: string | null; items: string[] };
  tone: string;
};
