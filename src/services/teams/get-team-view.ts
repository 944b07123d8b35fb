import type { TDb } from '../../../db/client';
import { sinceText } from '../../domain/relative-time';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import type { TTeamView } from '../../slack/blocks/view-models/team';
import { getTeamCoaching } from '../coaching/get-team-coaching';
import { type TRepCoaching } from '../coaching/coaching-rows';
import { getTeamOverview } from './get-team-overview';

/** A manager's team for `/coach team`: each rep's week and trend, grouped by tier once recomputed. */
export async function getTeamView(db: TDb, manager: TPersonRow, now: Date): Promise<TTeamView> {
  const overview = await getTeamOverview(db, manager, now);
  const coaching = new Map((await getTeamCoaching(db, manager.id, now)).map((row) => [row.personId, row.coaching]));
  const stageNames = new Map((await listStages(db, manager.workspaceId)).map((s) => [s.key, s.name]));
  return {
    managerName: manager.name,
    reps: overview.reps.map((r) => ({
      slackUserId: r.person.slackUserId,
      name: r.person.name,
      weekTotal: r.weekTotal,
      trendSparkline: r.trendSparkline,
      lastActivityLabel: r.lastActivityAt ? sinceText(r.lastActivityAt, now) : null,
      ...teamCoaching(coaching.get(r.person.id) ?? null, stageNames),
    })),
  };
}

/** A rep's tier line: tier, reason, a change at the latest run, a new focus. */
function teamCoaching(c: TRepCoaching | null, stageNames: ReadonlyMap<string, string>) {
  if (!c) return {};
  const changedFrom = c.tier.changed && c.tier.previousTier && c.tier.previousTier !== c.tier.tier ? c.tier.previousTier : null;
  const focusIsNew = c.focus !== null && c.focus.reasonCode !== 'kept';
  // The manager may see the team context (attainment lines, or the percentile without goals); the rep never does.
  const reason = c.tier.teamContext && c.tier.tier !== 'ramping' ? `${c.tier.reasonText} ${c.tier.teamContext}` : c.tier.reasonText;
  return { coaching: { tier: c.tier.tier, reason, changedFrom, focusStage: c.focus ? (stageNames.get(c.focus.stage) ?? c.focus.stage) : null, focusIsNew } };
}
