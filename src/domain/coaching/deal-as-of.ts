import type { TStage } from '../types';
import type { TDealFacts } from './inputs';

/**
 * A deal as it stood at `now` (for `--now` backfills and replays): a close or stage entered later is
 * not yet known, so the deal is open in the last stage it had entered by then. Deals with nothing
 * after `now` come back unchanged.
 */
export function dealAsOf(deal: TDealFacts, now: number, stages: readonly TStage[]): TDealFacts {
  const closedLater = deal.closedAt !== null && deal.closedAt > now;
  // History is read up to `now`, so a current stage missing from it was entered later.
  const entered = Object.keys(deal.stageEnteredAt);
  const enteredLater = entered.length > 0 && (deal.stageEnteredAt[deal.stage] === undefined || deal.stageEnteredAt[deal.stage]! > now);
  if (!closedLater && !enteredLater && (deal.lastActivityAt ?? -Infinity) <= now) return deal;

  const known = Object.entries(deal.stageEnteredAt).filter(([, at]) => at <= now);
  const position = new Map(stages.map((s) => [s.key, s]));
  const open = known.filter(([key]) => !position.get(key)?.outcome);
  // The latest stage entered by then (ties: the later stage in the selling system).
  const latest = [...open].sort(([a, atA], [b, atB]) => atA - atB || (position.get(a)?.position ?? 0) - (position.get(b)?.position ?? 0)).at(-1);
  const furthest = [...open].sort(([a], [b]) => (position.get(a)?.position ?? 0) - (position.get(b)?.position ?? 0)).at(-1);
  const stageEnteredAt = Object.fromEntries(known);
  return {
    ...deal,
    outcome: closedLater ? 'open' : deal.outcome,
    closedAt: closedLater ? null : deal.closedAt,
    stage: closedLater || enteredLater ? (latest?.[0] ?? deal.furthestStage) : deal.stage,
    furthestStage: furthest?.[0] ?? deal.furthestStage,
    lastActivityAt: deal.lastActivityAt !== null && deal.lastActivityAt > now ? null : deal.lastActivityAt,
    stageEnteredAt,
  };
}
