import type { TTier } from '../../../domain/coaching/tiers';
import type { TGoalMetric } from '../../../domain/goal-text';
import type { TRepStats } from '../../../domain/stats';
import type { TStage } from '../../../domain/types';
import type { THomeReviews, TTeamReviewRequests } from './call-reviews';
import type { TCoachingView } from './coaching';
import type { TRepDealsView } from './deals';
import type { TFocusView } from './focus';
import type { TRepFunnelHistory } from './funnel';
import type { TActionItemView, TAgendaItemView, TOneOnOneSummary } from './one-on-ones';

/** One of the rep's goals for the quarter, with the names of who proposed and agreed it. */
export type TDashboardGoal = {
  id: number;
  metric: TGoalMetric;
  target: number;
  status: 'proposed' | 'agreed' | 'declined';
  quarter: string;
  proposedByName: string | null;
  agreedByName: string | null;
};

/**
 * A rep's own dashboard on the Home tab. The numbers are `/stats week`'s (same service, same
 * counting); the coaching is the latest recompute's, null before the first one.
 */
export type TRepDashboard = {
  /** This week, with the 8-week trend by activity type. */
  stats: TRepStats;
  stages: TStage[];
  coaching: TCoachingView | null;
  funnel: TRepFunnelHistory;
  /** The rep's open deals ("Your deals"; the renderer shows the most pressing few). */
  deals: TRepDealsView;
  focus: TFocusView;
  goals: { quarterLabel: string; goals: TDashboardGoal[]; managerName: string | null };
};

/** The viewer's next 1:1 as the rep, with what is on its agenda. */
export type THomeNextOneOnOne = { summary: TOneOnOneSummary; agenda: TAgendaItemView[] };
/** One 1:1 the viewer holds as the manager. */
export type THomeTeamOneOnOne = { summary: TOneOnOneSummary; agendaCount: number };

/** One rep of a manager's team, on one line: tier (null before the first recompute), week, trend, focus, next 1:1. */
export type THomeTeamRep = {
  slackUserId: string;
  name: string;
  tier: TTier | null;
  weekTotal: number;
  trendSparkline: string;
  focusStageName: string | null;
  /** The next 1:1 with this rep in the manager's zone; null when none is scheduled. */
  nextOneOnOneText: string | null;
};

/** What an admin sees of the workspace's setup (edited with `/coach setup` or *Edit setup*): zone, stages, and the rest in plain lines. */
export type THomeWorkspace = { timezone: string; stages: { name: string; outcome: 'won' | 'lost' | null }[]; details?: string[] };

/**
 * The team leaderboard (on in setup): the deals the viewer's team won this quarter, most recent first, each with
 * the first name of who won it. Deliberately no amounts, no ranks and no counts per rep.
 */
export type THomeTeamWins = { quarterLabel: string; wins: { dealName: string; repFirstName: string }[] };

/** Who besides the person can see their numbers: their manager (if any) and workspace admins. */
export type THomeVisibility = { manager: { slackUserId: string; name: string } | null };

/** Everything the Home tab shows, built fresh on each publish. Lists are complete; the renderer caps them. */
export type THomeView = {
  name: string;
  isManager: boolean;
  /** A rep's own dashboard; managers and admins get the team instead. */
  dashboard?: TRepDashboard;
  /** A manager's own week, only when they log activity themselves. */
  ownNumbers?: { weekTotal: number; trendSparkline: string };
  /** Undefined when the viewer has no 1:1 as a rep. */
  nextOneOnOne?: THomeNextOneOnOne;
  actionItems: (TActionItemView & { withName: string })[];
  /** Managers and admins only: their reps by tier, and the 1:1s they hold, soonest first. */
  team?: { reps?: THomeTeamRep[]; oneOnOnes: THomeTeamOneOnOne[]; reviewRequests?: TTeamReviewRequests };
  /** Admins only. */
  workspace?: THomeWorkspace;
  /** Only when the team turned the leaderboard on in setup and the viewer has a team. */
  teamWins?: THomeTeamWins;
  /** Everyone but admins (whose numbers every admin sees): who can see their numbers. */
  visibility?: THomeVisibility;
  /** The person's own call reviews (feedback on their calls), open "one things" and requests. */
  reviews?: THomeReviews;
};
