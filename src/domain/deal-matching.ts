// PLACEHOLDER until the issue12-match branch lands (its version replaces this file wholesale).
import type { TDealOutcome } from './types';

export type TDealCandidate = { id: number; name: string; outcome: TDealOutcome };
export type TDealIndex = { deals: { deal: TDealCandidate; key: string; tokens: string[] }[] };
export type TDealMatch =
  | { kind: 'one'; deal: TDealCandidate }
  | { kind: 'several'; deals: TDealCandidate[] }
  | { kind: 'closed'; deal: TDealCandidate }
  | { kind: 'none' };

const SUFFIXES = new Set(['inc', 'corp', 'corporation', 'co', 'ltd', 'llc', 'gmbh', 'plc', 'company', 'limited']);

export function dealNameKey(name: string): string {
  const words = name.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) words.pop();
  if (words[0] === 'the' && words.length > 1) words.shift();
  return words.join(' ');
}

export function indexDeals(deals: readonly TDealCandidate[]): TDealIndex {
  return { deals: deals.map((deal) => { const key = dealNameKey(deal.name); return { deal, key, tokens: key.split(' ') }; }) };
}

function tier(q: string[], key: string, tokens: string[]): number {
  if (q.join(' ') === key) return 3;
  if (q.every((t, i) => tokens[i] !== undefined && (tokens[i] === t || (i === q.length - 1 && t.length >= 3 && tokens[i]!.startsWith(t))))) return 2;
  if (q.every((t) => tokens.some((d) => d.startsWith(t) && t.length >= 3))) return 1;
  return 0;
}

export function matchDeal(index: TDealIndex, name: string): TDealMatch {
  const key = dealNameKey(name);
  if (!key) return { kind: 'none' };
  const q = key.split(' ');
  for (const open of [true, false]) {
    let best = 0;
    let found: TDealCandidate[] = [];
    for (const d of index.deals) {
      if ((d.deal.outcome === 'open') !== open) continue;
      const t = tier(q, d.key, d.tokens);
      if (t > best) { best = t; found = [d.deal]; } else if (t === best && t > 0) found.push(d.deal);
    }
    if (found.length === 0) continue;
    if (!open) return found.length === 1 ? { kind: 'closed', deal: found[0]! } : { kind: 'none' };
    return found.length === 1 ? { kind: 'one', deal: found[0]! } : { kind: 'several', deals: found.slice(0, 5) };
  }
  return { kind: 'none' };
}
