import { listDealFacts, listTeamRepIds } from '../../../db/repositories/coaching';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { findDealPattern, PATTERN_WINDOW_DAYS } from '../../domain/coaching/deal-patterns';
import { closedDealFacts, stageDays } from '../../domain/coaching/deal-stage-facts';
import { DAY_MS, type TDealFacts } from '../../domain/coaching/inputs';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { type TBriefNumbersContext, stageNamer } from './brief-numbers';

/**
 * The brief's one pattern across the rep's deals (issue 12 §7): their deals and the rest of the team's (the
 * reps of the same manager, as the conversion compares them) over the pattern window, as they stood at `now`.
 */
export async function briefDealPattern(ctx: TBriefNumbersContext): Promise<TBriefView['pattern']> {
  const { db, rep, stages } = ctx;
  const now = ctx.now.getTime();
  const since = now - PATTERN_WINDOW_DAYS * DAY_MS;
  const repIds = [...new Set([...await listTeamRepIds(db, rep.workspaceId, rep.managerId), rep.id])];
  const deals = (await listDealFacts(db, repIds, since, now)).map((deal) => dealAsOf(deal, now, stages));
  const facts = (of: readonly TDealFacts[]) => ({ closed: closedDealFacts(of, stages, since, now), stageDays: stageDays(of, stages, since, now) });
  const pattern = findDealPattern({
    stages,
    rep: facts(deals.filter((deal) => deal.repId === rep.id)),
    team: facts(deals.filter((deal) => deal.repId !== rep.id)),
  });
  if (!pattern) return null;
  const stageName = stageNamer(stages)(pattern.stage);
  const windowDays = PATTERN_WINDOW_DAYS;
  if (pattern.kind === 'lost-after') {
    const { lost, of, teamLost, teamOf } = pattern;
    return { kind: 'lost-after', stageName, lost, of, teamLost, teamOf, windowDays };
  }
  const { repMedianDays, teamMedianDays, ratio, deals: through } = pattern;
  return { kind: 'slow-stage', stageName, repMedianDays, teamMedianDays, ratio, deals: through, windowDays };
}
