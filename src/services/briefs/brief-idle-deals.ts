import { listOpenDealFacts } from '../../../db/repositories/brief-facts';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { classifyIdleDeals } from '../../domain/coaching/stalled-deals';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { getCoachingSettings } from '../setup/coaching-settings';
import { type TBriefNumbersContext, stageNamer } from './brief-numbers';

/** Stalled deals named in a brief (a phone's worth); the rest are counted. */
export const BRIEF_STALLED_NAMED = 3;

/**
 * The brief's idle deals, as the coaching engine classifies them: stalled ones ranked by value and recency
 * (the first few named, the rest counted), and dormant ones (idle over the dormant threshold) for one
 * "close it or revive it?" line — never among the stalled.
 */
export async function briefIdleDeals(ctx: TBriefNumbersContext): Promise<Pick<TBriefView, 'stalled' | 'dormant'>> {
  const now = ctx.now.getTime();
  const { staleDays, dormantDays } = await getCoachingSettings(ctx.db, ctx.rep.workspaceId);
  const open = (await listOpenDealFacts(ctx.db, ctx.rep.id, now)).map((deal) => dealAsOf(deal, now, ctx.stages));
  const { stalled, dormant } = classifyIdleDeals(open, now, staleDays, dormantDays);
  const name = stageNamer(ctx.stages);
  return {
    stalled: {
      deals: stalled.slice(0, BRIEF_STALLED_NAMED).map((deal) => ({ name: deal.name, stageName: name(deal.stage), idleDays: deal.idleDays })),
      more: Math.max(0, stalled.length - BRIEF_STALLED_NAMED),
    },
    dormant: { deals: dormant.map((deal) => ({ name: deal.name, idleDays: deal.idleDays })), overDays: dormantDays },
  };
}
