import type { TTier } from '../../../domain/coaching/tiers';

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
