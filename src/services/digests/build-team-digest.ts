import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findFocusAt, findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { listReports, type TPersonRow } from '../../../db/repositories/people';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { TIER_ORDER } from '../../domain/coaching/tiers';
import type { TTeamDigestRep, TTeamDigestView } from '../../slack/blocks/view-models/digest';
import { stageNamer } from '../briefs/brief-numbers';
import { activityRows, homeUrl, lastWeek, scheduleOf, type TDigestOptions, weekStats } from './digest-parts';
import { getRepCoaching } from '../coaching/get-rep-coaching';
import { listMyOneOnOnes } from '../one-on-ones/list-one-on-ones';
import { expectationsAt } from '../stats/activity-figures';

/*
 * A manager's weekly team digest as plain data for the renderer (src/slack/blocks/digest.ts): each rep's last
 * full week in their own zone, what changed since a week before the digest, and the manager's 1:1s this week.
 */

/** A manager's team digest: each rep's last week by tier with the trend, tier changes, new focus areas, who fell behind, this week's 1:1s. */
export async function buildTeamDigest(db: TDb, manager: TPersonRow, options: TDigestOptions): Promise<TTeamDigestView> {
  const system = await getSellingSystem(db, manager.workspaceId);
  const name = stageNamer(system.stages);
  const weekAgo = new Date(options.dueAt.getTime() - 7 * 86_400_000);
  const reps = await Promise.all(
    (await listReports(db, manager.id))
      .filter((rep) => rep.role === 'rep')
      .map(async (rep): Promise<TTeamDigestRep> => {
        const week = lastWeek(options.dueAt, rep.tz);
        const stats = await weekStats(db, rep, system, week, false);
        const current = await getRepCoaching(db, rep.id, options.now);
        const before = await findLatestTierSnapshot(db, rep.id, weekAgo);
        const focusBefore = before ? ((await findFocusAt(db, rep.id, before.computedAt))?.stage ?? null) : null;
        const tier = current?.tier.tier ?? null;
        const asked = tier === 'autonomous' ? [] : await expectationsAt(db, rep, week.end.toJSDate());
        return {
          slackUserId: rep.slackUserId,
          name: rep.name || rep.slackUserId,
          tier,
          changedFrom: before && tier && before.tier !== tier ? before.tier : null,
          weekTotal: stats.total,
          trendSparkline: stats.trend.sparkline,
          newFocus: current?.focus && current.focus.stage !== focusBefore ? name(current.focus.stage) : null,
          behind: (await activityRows(db, rep, week, asked, stats)).flatMap((row) => (row.expected !== null && row.done < row.expected ? [{ type: row.type, done: row.done, expected: row.expected }] : [])),
        };
      }),
  );
  const rank = (rep: TTeamDigestRep) => (rep.tier ? TIER_ORDER.indexOf(rep.tier) : TIER_ORDER.length);
  reps.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en') || a.slackUserId.localeCompare(b.slackUserId));
  const weekEnd = DateTime.fromJSDate(options.dueAt, { zone: manager.tz }).startOf('week').plus({ weeks: 1 });
  const oneOnOnes = (await listMyOneOnOnes(db, manager, options.now))
    .filter((o) => o.role === 'manager' && o.nextStart.getTime() < weekEnd.toMillis())
    .map((o) => ({ repSlackUserId: o.other.slackUserId, repName: o.other.name, whenText: o.nextText }));
  return {
    managerName: manager.name || manager.slackUserId,
    weekLabel: lastWeek(options.dueAt, manager.tz).rangeText,
    reps,
    oneOnOnes,
    schedule: scheduleOf(manager),
    homeUrl: homeUrl(manager.workspaceId, options.appId),
  };
}

