import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listRepActivities } from '../../../db/repositories/activities';
import { listRepDeals } from '../../../db/repositories/deals';
import type { TPersonRow } from '../../../db/repositories/people';
import { resolvePeriod, type TPeriod, weekStarts } from '../../domain/periods';
import { digestSlot, readPreferences } from '../../domain/preferences';
import { weekdayName } from '../../domain/schedule';
import { computeRepStats, type TRepStats } from '../../domain/stats';
import type { TActivityStageMap } from '../../domain/activity-stage-map';
import type { TStage } from '../../domain/types';
import { activityFigures } from '../stats/activity-figures';
import { type TRepCoaching } from '../coaching/coaching-rows';
import type { TCoachingView } from '../../slack/blocks/view-models/coaching';
import type { TDigestActivityRow, TDigestSchedule, TDigestSuggestion } from '../../slack/blocks/view-models/digest';

/*
 * The weekly digest as plain data for the renderer (src/slack/blocks/digest.ts): a rep's last full week
 * (Monday to Sunday in their zone, before the digest) against what was expected of them. The manager's team
 * digest (build-team-digest.ts) shares the week and trend helpers below.
 * Built at send time from the data as it is then. Names and texts are raw; the renderer escapes them.
 */

export const DIGEST_TREND_WEEKS = 8;

export type TDigestOptions = {
  /** The instant the digest is for (its ISO week); "last week" is the full week before it. */
  dueAt: Date;
  /** The data as of this instant. */
  now: Date;
  /** Canopy's Slack app id, for the Home tab deep link; unknown to the senders today. */
  appId?: string | null;
};

/**
 * The one next step: for an autonomous rep about deals (a stalled one to move, the goal to close, growth once
 * it is reached, or setting one);
 * otherwise logging when nothing was logged, the activity furthest behind its expectation, a stalled deal,
 * the focus tip, or keeping the pace — praised only when there were expectations and all were met.
 * `stalled` is a stalled deal, never a dormant one (idle past the dormant threshold: close it or revive it,
 * never this week's move).
 */
export function chooseDigestSuggestion(input: {
  autonomous: boolean;
  total: number;
  activity: readonly TDigestActivityRow[];
  stalled: { dealName: string; stageName: string; idleDays: number } | null;
  goal: TCoachingView['goal'];
  focus: { stageName: string } | null;
}): TDigestSuggestion {
  const goalLeft = input.goal ? input.goal.target - input.goal.achieved : 0;
  if (input.autonomous) {
    if (input.stalled) return { kind: 'move_deal', ...input.stalled };
    if (!input.goal) return { kind: 'set_goal' };
    if (goalLeft > 0) return { kind: 'close_goal', left: goalLeft, metric: input.goal.metric, label: input.goal.label };
    return { kind: 'grow' };
  }
  if (input.total === 0) return { kind: 'start_logging' };
  // Furthest behind relative to its expectation; the larger shortfall breaks a tie.
  const shortfall = (row: TDigestActivityRow) => (row.expected ? (row.expected - row.done) / row.expected : 0);
  const behind = input.activity
    .filter((row): row is TDigestActivityRow & { expected: number } => row.expected !== null && row.done < row.expected)
    .sort((a, b) => shortfall(b) - shortfall(a) || b.expected - b.done - (a.expected - a.done))[0];
  if (behind) return { kind: 'catch_up', type: behind.type, done: behind.done, expected: behind.expected };
  if (input.stalled) return { kind: 'move_deal', ...input.stalled };
  if (input.focus) return { kind: 'try_focus', stageName: input.focus.stageName };
  // No praise for expectations that did not exist (SPEC §2).
  return input.activity.some((row) => row.expected !== null) ? { kind: 'keep_going' } : { kind: 'keep_logging' };
}

/** The full Monday-to-Sunday week before `at`, in the person's zone. */
export function lastWeek(at: Date, tz: string): TPeriod {
  return resolvePeriod('last week', DateTime.fromJSDate(at, { zone: tz }));
}

/** The workspace's selling system as `getSellingSystem` reads it: stages and the activity type → stage map. */
export type TSellingSystem = { stages: readonly TStage[]; activityStages: TActivityStageMap };

/** The week's activity (by type and by stage, and deals closed in it), with the trend of the 8 full weeks ending with it. */
export async function weekStats(db: TDb, rep: TPersonRow, system: TSellingSystem, week: TPeriod, withDeals: boolean): Promise<TRepStats> {
  // The stats' "now" is the week's last instant, so the trend ends with the week and not with a barely begun one.
  const end = week.end.minus({ milliseconds: 1 });
  const from = weekStarts(end, DIGEST_TREND_WEEKS)[0]!;
  const activities = await listRepActivities(db, rep.id, from.toJSDate(), week.end.toJSDate());
  const deals = withDeals ? await listRepDeals(db, rep.id, week.start.toJSDate()) : [];
  return computeRepStats({ activities, deals, ...system, period: week, now: end, trendWeeks: DIGEST_TREND_WEEKS });
}

/**
 * Each type done or expected in the week, against the expectations asked of the rep then: the one figure
 * the brief and `/stats` share (services/stats/activity-figures.ts), so a full week expects the weekly figure.
 */
export async function activityRows(db: TDb, rep: TPersonRow, week: TPeriod, asked: TRepCoaching['expectations'], stats: TRepStats): Promise<TDigestActivityRow[]> {
  // The week's counts are in its stats already (read by weekStats over the same week): no second read.
  const done = new Map(stats.byType.map((row) => [row.type, row.count]));
  return (await activityFigures(db, rep, { from: week.start, to: week.end }, asked, done)).map((row) => ({
    type: row.type,
    done: row.done,
    expected: row.expected,
    daily: row.per === 'day' ? row.amount : null,
  }));
}

/** The person's digest day and time, for the "why you got this" line. */
export function scheduleOf(person: TPersonRow): TDigestSchedule {
  const slot = digestSlot(readPreferences(person.preferences));
  return { weekday: weekdayName(slot.day), time: slot.time, tz: person.tz };
}

/** The Home tab deep link, when the app id is known (and both ids look like Slack's). */
export function homeUrl(workspaceId: string, appId: string | null | undefined): string | null {
  if (!appId || !/^A[A-Z0-9]+$/.test(appId) || !/^[TE][A-Z0-9]+$/.test(workspaceId)) return null;
  return `slack://app?team=${workspaceId}&id=${appId}&tab=home`;
}

export const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);
