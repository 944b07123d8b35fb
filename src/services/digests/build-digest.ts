import type { TDb } from '../../../db/client';
import { listDealsAdvancedBetween, listDealsWonBetween, listOpenDealFacts } from '../../../db/repositories/brief-facts';
import type { TPersonRow } from '../../../db/repositories/people';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { getCoachingSettings } from '../setup/coaching-settings';
import { classifyIdleDeals } from '../../domain/coaching/stalled-deals';
import { stageNamer } from '../briefs/brief-numbers';
import { getCoachingProgress } from '../coaching/get-coaching-progress';
import { expectationsAt } from '../stats/activity-figures';
import type { TRepDigestView } from '../../slack/blocks/view-models/digest';
import { carriedReviews } from '../call-reviews/carried-reviews';
import { TDigestOptions, chooseDigestSuggestion, lastWeek, weekStats, activityRows, scheduleOf, homeUrl, sum } from './digest-parts';


/**
 * A rep's weekly digest: last week vs. expectations and goal, the 8-week trend, the focus tip, one suggestion, and the
 * call reviews whose own DM was held back since the rep's previous check-in or digest (`carriedReviews`).
 */
export async function buildRepDigest(db: TDb, rep: TPersonRow, options: TDigestOptions): Promise<TRepDigestView> {
  const system = await getSellingSystem(db, rep.workspaceId);
  const { stages } = system;
  const week = lastWeek(options.dueAt, rep.tz);
  const stats = await weekStats(db, rep, system, week, true);
  const coaching = await getCoachingProgress(db, rep, [], stages, options.now);
  const showTargets = coaching?.tier !== 'autonomous';
  // What was asked of the rep during the week: the snapshot in force when it ended.
  const asked = showTargets ? await expectationsAt(db, rep, week.end.toJSDate()) : [];
  const activity = await activityRows(db, rep, week, asked, stats);
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
      won: (await listDealsWonBetween(db, rep.id, week.start.toJSDate(), week.end.toJSDate())).map((d) => ({ name: d.name, amountCents: d.amountCents })),
      lost: stats.closedInPeriod.lost,
      advanced: (await listDealsAdvancedBetween(db, rep.id, openStages, week.start.toJSDate(), week.end.toJSDate())).map((d) => ({ name: d.name, stageName: name(d.stage) })),
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
    reviews: await carriedReviews(db, rep, options.now),
  };
  // This week's move is a stalled deal, never a dormant one (idle past the dormant threshold): those are for the brief's "close it or revive it?".
  const now = options.now.getTime();
  const openDeals = (await listOpenDealFacts(db, rep.id, now)).map((deal) => dealAsOf(deal, now, stages));
  const { staleDays, dormantDays } = await getCoachingSettings(db, rep.workspaceId);
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
