import { DAY_MS, DEFAULT_COACHING_CONFIG, type TDealFacts } from './inputs';

/** An open deal idle in its stage for at least its stage's threshold; `since` is the last sign of life. */
export type TStalledDeal = {
  dealId: number;
  repId: number;
  name: string;
  stage: string;
  idleDays: number;
  threshold: number;
  since: number;
  amountCents: number | null;
  /** Ranking weight: the deal's value discounted by how long it has sat, amountCents × threshold / idleDays (0 without an amount). */
  priority: number;
};
/** Idle open deals split in two: `stalled` (worth a move this week, most valuable and freshest first) and `dormant` (idle over `dormantDays`: close it or revive it, longest idle first). */
export type TIdleDeals = { stalled: TStalledDeal[]; dormant: TStalledDeal[] };

/** Days idle beyond which a deal is dormant rather than stalled, unless the caller says otherwise (the config's default). */
export const DEFAULT_DORMANT_DAYS = DEFAULT_COACHING_CONFIG.dormantDays;

/** Open deals idle past their stage's threshold (N per stage; '*' for stages not listed, none checked without it), split into stalled and dormant (idle more than `dormantDays`). */
export function classifyIdleDeals(deals: readonly TDealFacts[], now: number, staleDays: Record<string, number>, dormantDays = DEFAULT_DORMANT_DAYS): TIdleDeals {
  const stalled: TStalledDeal[] = [];
  const dormant: TStalledDeal[] = [];
  for (const deal of deals) {
    if (deal.outcome !== 'open' || deal.createdAt > now) continue;
    const threshold = staleDays[deal.stage] ?? staleDays['*'];
    if (threshold === undefined || !(threshold > 0)) continue;
    // Entering the stage counts as activity: a deal that just moved on is not idle.
    const since = Math.max(deal.createdAt, deal.lastActivityAt ?? 0, deal.stageEnteredAt[deal.stage] ?? 0);
    const idleDays = Math.floor((now - since) / DAY_MS);
    if (idleDays < threshold) continue;
    const priority = deal.amountCents !== null && deal.amountCents > 0 ? Math.round((deal.amountCents * threshold) / idleDays) : 0;
    const row = { dealId: deal.id, repId: deal.repId, name: deal.name, stage: deal.stage, idleDays, threshold, since, amountCents: deal.amountCents, priority };
    (idleDays > dormantDays ? dormant : stalled).push(row);
  }
  // Most valuable (recency-discounted) first; then the freshest; the deal id breaks ties so the order never depends on the input's.
  stalled.sort((a, b) => b.priority - a.priority || a.idleDays - b.idleDays || a.dealId - b.dealId);
  dormant.sort((a, b) => b.idleDays - a.idleDays || a.dealId - b.dealId);
  return { stalled, dormant };
}

/** Stalled open deals only (dormant ones, idle more than `dormantDays`, are left out): most valuable and freshest first. */
export function findStalledDeals(deals: readonly TDealFacts[], now: number, staleDays: Record<string, number>, dormantDays = DEFAULT_DORMANT_DAYS): TStalledDeal[] {
  return classifyIdleDeals(deals, now, staleDays, dormantDays).stalled;
}
