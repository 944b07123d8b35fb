import { DAY_MS, type TDealFacts } from './inputs';

/** An open deal idle in its stage for at least its stage's threshold; `since` is the last sign of life. */
export type TStalledDeal = { dealId: number; repId: number; name: string; stage: string; idleDays: number; threshold: number; since: number };

/** Open deals with no activity for N days in their current stage (N per stage; '*' for stages not listed, none checked without it). */
export function findStalledDeals(deals: readonly TDealFacts[], now: number, staleDays: Record<string, number>): TStalledDeal[] {
  const stalled: TStalledDeal[] = [];
  for (const deal of deals) {
    if (deal.outcome !== 'open' || deal.createdAt > now) continue;
    const threshold = staleDays[deal.stage] ?? staleDays['*'];
    if (threshold === undefined || !(threshold > 0)) continue;
    // Entering the stage counts as activity: a deal that just moved on is not idle.
    const since = Math.max(deal.createdAt, deal.lastActivityAt ?? 0, deal.stageEnteredAt[deal.stage] ?? 0);
    const idleDays = Math.floor((now - since) / DAY_MS);
    if (idleDays >= threshold) stalled.push({ dealId: deal.id, repId: deal.repId, name: deal.name, stage: deal.stage, idleDays, threshold, since });
  }
  // Longest idle first; the deal id breaks ties so the order never depends on the input's.
  return stalled.sort((a, b) => b.idleDays - a.idleDays || a.dealId - b.dealId);
}
