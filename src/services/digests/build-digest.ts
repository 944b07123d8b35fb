import type { TDb } from '../../../db/client';
import { listDealsAdvancedBetween, listDealsWonBetween, listOpenDealFacts } from '../../../db/repositories/brief-facts';
import { listSharedReviews, reviewDmStatuses } from '../../../db/repositories/call-reviews';
import type { TPersonRow } from '../../../db/repositories/people';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { reviewDmState, reviewsForDigest } from '../../domain/call-reviews';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { getCoachingSettings } from '../setup/coaching-settings';
import { classifyIdleDeals } from '../../domain/coaching/stalled-deals';
import { stageNamer } from '../briefs/brief-numbers';
import { getCoachingProgress } from '../coaching/get-coaching-progress';
import { expectationsAt } from '../stats/activity-figures';
import type { TRepDigestView } from '../../slack/blocks/view-models/digest';
import type { TReviewCardView } from '../../slack/blocks/view-models/review-dm';
import { reviewCards } from '../call-reviews/review-card';
import { TDigestOptions, chooseDigestSuggestion, lastWeek, weekStats, activityRows, scheduleOf, homeUrl, sum } from './digest-parts';


/**
 * A rep's weekly digest: last week vs. expectations and goal, the 8-week trend, the focus tip, one suggestion, and the
 * call reviews whose own DM the budget held back.
 */
export function buildRepDigest(db: TDb, rep: TPersonRow, options: TDigestOptions): TRepDigestView {
  const system = getSellingSystem(db, rep.workspaceId);
  const { stages } = system;
  const week = lastWeek(options.dueAt, rep.tz);
  const stats = weekStats(db, rep, system, week, true);
  const coaching = getCoachingProgress(db, rep, [], stages, options.now);
  const showTargets = coaching?.tier !== 'autonomous';
  // What was asked of the rep during the week: the snapshot in force when it ended.
  const asked = showTargets ? expectationsAt(db, rep, week.end.toJSDate()) : [];
  const activity = activityRows(db, rep, week, asked, stats);
  const name = stageNamer(stages);
  const openStages = stages.filter((s) => s.outcome === null).map((s) => s.key);
  const open = stats.pipeline.filter((row) => row.deals > 0);
  const view: Omit<TRepDigestView, 'suggestion'> = {
    rep: { name: rep.name || rep.slackUserId, slackUserId: rep.slackUserId },
    weekLabel: week.rangeText,
    tier: coaching?.tier ?? null,
    showTargets,
    activity,
    total: stats.total,
    byStage: stats.byStage,
    outcomes: {
      won: listDealsWonBetween(db, rep.id, week.start.toJSDate(), week.end.toJSDate()).map((d) => ({ name: d.name, amountCents: d.amountCents })),
      lost: stats.closedInPeriod.lost,
      advanced: listDealsAdvancedBetween(db, rep.id, openStages, week.start.toJSDate(), week.end.toJSDate()).map((d) => ({ name: d.name, stageName: name(d.stage) })),
    },
    goal: coaching?.goal ?? null,
    pipeline: { deals: open.reduce((n, row) => n + row.deals, 0), amountCents: open.reduce((n, row) => n + row.amountCents, 0) },
    trend: {
      total: { sparkline: stats.trend.sparkline, sum: sum(stats.trend.totals) },
      byType: stats.trend.byType.map((row) => ({ type: row.type, sparkline: row.sparkline, sum: sum(row.counts) })),
    },
    focus: coaching?.focus ? { stageName: coaching.focus.stageName, tip: coaching.focus.tip } : null,
    schedule: scheduleOf(rep),
    homeUrl: homeUrl(rep.workspaceId, options.appId),
    reviews: heldBackReviews(db, rep, options.dueAt),
  };
  // This week's move is a stalled deal, never a dormant one (idle past the dormant threshold): those are for the brief's "close it or revive it?".
  const now = options.now.getTime();
  const openDeals = listOpenDealFacts(db, rep.id, now).map((deal) => dealAsOf(deal, now, stages));
  const { staleDays, dormantDays } = getCoachingSettings(db, rep.workspaceId);
  const stalled = classifyIdleDeals(openDeals, now, staleDays, dormantDays).stalled[0];
  const suggestion = chooseDigestSuggestion({
    autonomous: !showTargets,
    total: view.total,
    activity,
    stalled: stalled ? { dealName: stalled.name, stageName: name(stalled.stage), idleDays: stalled.idleDays } : null,
    goal: view.goal,
    focus: view.focus,
  });
  return { ...view, suggestion };
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The call reviews shared in the week before the digest whose DM was held back (`reviewsForDigest`): one the rep got
 * as a DM, or whose DM is still on its way, is not repeated.
 */
function heldBackReviews(db: TDb, rep: TPersonRow, dueAt: Date): TReviewCardView[] {
  const until = dueAt.getTime();
  const since = until - WEEK_MS;
  const shared = listSharedReviews(db, rep.id, { since: new Date(since) });
  if (shared.length === 0) return [];
  const statuses = reviewDmStatuses(db, rep.id, shared.map((r) => r.id));
  const picked = new Set(reviewsForDigest(shared.map((r) => ({ id: r.id, sharedAt: r.sharedAt?.getTime() ?? 0, dm: reviewDmState(statuses.get(r.id) ?? null) })), since, until));
  return reviewCards(db, rep.workspaceId, shared.filter((r) => picked.has(r.id)), dueAt, rep.tz);
}
