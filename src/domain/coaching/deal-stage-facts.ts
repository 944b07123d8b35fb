import type { TStage } from '../types';
import { DAY_MS, type TDealFacts } from './inputs';

/** A closed deal as patterns see it: how it ended, the last open stage it was in, when. */
export type TClosedDealFact = { outcome: 'won' | 'lost'; lastStage: string; closedAt: number };

/** Days spent in each open stage (key) by deals that left it: moved on, or closed from it. */
export type TStageDays = Record<string, number[]>;

/** The deal's open stages in the order it entered them (ties: the selling system's order). */
function enteredInOrder(deal: TDealFacts, position: ReadonlyMap<string, number>): [string, number][] {
  return Object.entries(deal.stageEnteredAt)
    .filter(([key]) => position.has(key))
    .sort(([a, atA], [b, atB]) => atA - atB || position.get(a)! - position.get(b)!);
}

function openPositions(stages: readonly TStage[]): Map<string, number> {
  return new Map(stages.filter((s) => !s.outcome).map((s) => [s.key, s.position]));
}

/** Closed deals (as of `now`, closed after `since`) with the last open stage each entered before closing (its furthest stage without history). */
export function closedDealFacts(deals: readonly TDealFacts[], stages: readonly TStage[], since: number, now: number): TClosedDealFact[] {
  const position = openPositions(stages);
  const closed: TClosedDealFact[] = [];
  for (const deal of deals) {
    if (deal.outcome === 'open' || deal.closedAt === null || deal.closedAt < since || deal.closedAt > now) continue;
    const closedAt = deal.closedAt;
    const before = enteredInOrder(deal, position).filter(([, at]) => at <= closedAt);
    closed.push({ outcome: deal.outcome, lastStage: before.at(-1)?.[0] ?? deal.furthestStage, closedAt });
  }
  return closed;
}

/**
 * Days each deal spent in each open stage it left between `since` and `now`: from entering it to entering
 * the next stage, or to closing. Deals still sitting in a stage are not counted there (they have not left).
 */
export function stageDays(deals: readonly TDealFacts[], stages: readonly TStage[], since: number, now: number): TStageDays {
  const position = openPositions(stages);
  const days: TStageDays = {};
  for (const deal of deals) {
    const entered = enteredInOrder(deal, position);
    for (let i = 0; i < entered.length; i++) {
      const [stage, at] = entered[i]!;
      const closedAt = deal.outcome !== 'open' && deal.closedAt !== null && deal.closedAt <= now ? deal.closedAt : undefined;
      const left = entered[i + 1]?.[1] ?? closedAt;
      if (left === undefined || left < since || left > now || left < at) continue;
      (days[stage] ??= []).push((left - at) / DAY_MS);
    }
  }
  return days;
}
