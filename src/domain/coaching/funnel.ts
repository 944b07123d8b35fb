import type { TStage } from '../types';
import { DAY_MS, type TDealFacts } from './inputs';

/** Conversion out of `from`: `reached` deals got there and resolved (moved on or closed), `advanced` moved on, `open` still sit there (censored). */
export type TStageRate = { from: string; to: string; reached: number; advanced: number; open: number; rate: number | null };

/** A funnel over a trailing window: rates in stage order, the last one into the won stage. */
export type TFunnel = {
  rates: TStageRate[];
  /** Deals created in the window. */
  dealsCreated: number;
  /** Deals closed in the window, by outcome. */
  won: number;
  lost: number;
  /** Open deals among those active in the window. */
  open: number;
  /** Sum and mean amount of the deals won in the window (mean over deals with an amount). */
  wonCents: number;
  avgWonCents: number | null;
  windowDays: number;
};

/** A rep's rate next to the team's: `raw` = advanced/reached (null without data), `shrunk` pulled toward `team`. */
export type TShrunkRate = { from: string; to: string; raw: number | null; shrunk: number; team: number; reached: number; advanced: number };

/** Used as the team rate when the team itself has no data for a stage: an uninformative prior. */
const NEUTRAL_RATE = 0.5;

type TPath = { from: string[]; to: string[]; index: Map<string, number> };

const paths = new WeakMap<readonly TStage[], TPath>();

/** The selling path: open stages by position, then the won stage. Cached per stages array. */
function pathOf(stages: readonly TStage[]): TPath {
  const cached = paths.get(stages);
  if (cached) return cached;
  const open = stages.filter((s) => !s.outcome).sort((a, b) => a.position - b.position || (a.key < b.key ? -1 : 1));
  const wonKey = stages.find((s) => s.outcome === 'won')?.key ?? 'won';
  const from = open.map((s) => s.key);
  const to = open.map((_, i) => open[i + 1]?.key ?? wonKey);
  const path = { from, to, index: new Map(from.map((key, i) => [key, i])) };
  paths.set(stages, path);
  return path;
}

/** Index of the furthest open stage a deal reached; falls back to its current stage, then its history. */
function furthestIndex(deal: TDealFacts, index: Map<string, number>): number {
  const direct = index.get(deal.furthestStage) ?? index.get(deal.stage);
  if (direct !== undefined) return direct;
  let best = 0;
  for (const key in deal.stageEnteredAt) best = Math.max(best, index.get(key) ?? 0);
  return best;
}

function lastEventAt(deal: TDealFacts): number {
  let last = Math.max(deal.createdAt, deal.closedAt ?? 0, deal.lastActivityAt ?? 0);
  for (const key in deal.stageEnteredAt) last = Math.max(last, deal.stageEnteredAt[key] ?? 0);
  return last;
}

/** Stage-to-stage conversion over a trailing window, from deals' furthest stage and history. Open deals still sitting in a stage are not counted as failures there (censoring). */
export function computeFunnel(deals: readonly TDealFacts[], stages: readonly TStage[], now: number, windowDays: number): TFunnel {
  const path = pathOf(stages);
  const n = path.from.length;
  const reached = new Array<number>(n).fill(0);
  const advanced = new Array<number>(n).fill(0);
  const sitting = new Array<number>(n).fill(0);
  const start = now - windowDays * DAY_MS;
  let dealsCreated = 0, won = 0, lost = 0, open = 0, wonCents = 0, wonWithAmount = 0;

  for (const deal of deals) {
    // A deal counts when something happened to it in the window; deals from after `now` do not exist yet.
    if (deal.createdAt > now || lastEventAt(deal) < start) continue;
    if (deal.createdAt >= start) dealsCreated++;
    const closedInWindow = deal.closedAt !== null && deal.closedAt >= start && deal.closedAt <= now;
    if (deal.outcome === 'open') open++;
    else if (closedInWindow && deal.outcome === 'lost') lost++;
    else if (closedInWindow) {
      won++;
      if (deal.amountCents !== null) {
        wonCents += deal.amountCents;
        wonWithAmount++;
      }
    }
    // Stages are passed through in order: a won deal passed all of them, even ones it skipped.
    const furthest = deal.outcome === 'won' ? n : furthestIndex(deal, path.index);
    for (let i = 0; i < furthest && i < n; i++) {
      reached[i]!++;
      advanced[i]!++;
    }
    if (furthest >= n) continue;
    if (deal.outcome === 'lost') reached[furthest]!++;
    else sitting[furthest]!++;
  }

  const rates = path.from.map((from, i) => ({
    from,
    to: path.to[i]!,
    reached: reached[i]!,
    advanced: advanced[i]!,
    open: sitting[i]!,
    rate: reached[i]! > 0 ? advanced[i]! / reached[i]! : null,
  }));
  const avgWonCents = wonWithAmount > 0 ? Math.round(wonCents / wonWithAmount) : null;
  return { rates, dealsCreated, won, lost, open, wonCents, avgWonCents, windowDays };
}

/** One funnel per rep (keyed by repId, ascending) in a single grouping pass over the team's deals. */
export function computeFunnelsByRep(deals: readonly TDealFacts[], stages: readonly TStage[], now: number, windowDays: number): Map<number, TFunnel> {
  const byRep = new Map<number, TDealFacts[]>();
  for (const deal of deals) {
    const list = byRep.get(deal.repId);
    if (list) list.push(deal);
    else byRep.set(deal.repId, [deal]);
  }
  const repIds = [...byRep.keys()].sort((a, b) => a - b);
  return new Map(repIds.map((repId) => [repId, computeFunnel(byRep.get(repId)!, stages, now, windowDays)]));
}

/** A rep's rates shrunk toward the team's with a beta prior worth `priorStrength` deals: (advanced + k·teamRate) / (reached + k). */
export function shrinkFunnel(rep: TFunnel, team: TFunnel, priorStrength: number): TShrunkRate[] {
  const k = Math.max(0, priorStrength);
  const teamRates = new Map(team.rates.map((r) => [`${r.from}>${r.to}`, r.rate]));
  return rep.rates.map(({ from, to, reached, advanced, rate: raw }) => {
    const teamRate = teamRates.get(`${from}>${to}`) ?? raw ?? NEUTRAL_RATE;
    const weight = reached + k;
    const mixed = weight > 0 ? (advanced + k * teamRate) / weight : teamRate;
    // The formula is a convex mix of raw and team; clamp away floating-point dust outside that range.
    const low = Math.min(raw ?? teamRate, teamRate);
    const high = Math.max(raw ?? teamRate, teamRate);
    return { from, to, raw, shrunk: Math.min(high, Math.max(low, mixed)), team: teamRate, reached, advanced };
  });
}

/** Probability that a deal entering `rates[fromIndex].from` ends won: the product of the shrunk rates from there on. */
export function winProbabilityFrom(rates: readonly TShrunkRate[], fromIndex: number): number {
  let p = 1;
  for (let i = fromIndex; i < rates.length; i++) p *= rates[i]!.shrunk;
  return p;
}

/** The team's funnel without one rep's deals (leave-one-out): `team` must include `rep`; counts are subtracted per stage. */
export function leaveOneOut(team: TFunnel, rep: TFunnel): TFunnel {
  const mine = new Map(rep.rates.map((r) => [`${r.from}>${r.to}`, r]));
  const rates = team.rates.map((t) => {
    const r = mine.get(`${t.from}>${t.to}`);
    const reached = Math.max(0, t.reached - (r?.reached ?? 0));
    const advanced = Math.min(reached, Math.max(0, t.advanced - (r?.advanced ?? 0)));
    const open = Math.max(0, t.open - (r?.open ?? 0));
    return { from: t.from, to: t.to, reached, advanced, open, rate: reached > 0 ? advanced / reached : null };
  });
  const won = Math.max(0, team.won - rep.won);
  const wonCents = Math.max(0, team.wonCents - rep.wonCents);
  return {
    // The team's mean won deal is kept: it values a gain, and one rep barely moves it.
    rates, won, wonCents, avgWonCents: team.avgWonCents, windowDays: team.windowDays,
    dealsCreated: Math.max(0, team.dealsCreated - rep.dealsCreated), lost: Math.max(0, team.lost - rep.lost), open: Math.max(0, team.open - rep.open),
  };
}
