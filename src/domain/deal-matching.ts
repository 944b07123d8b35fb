import { nameTokens, type TNameTokens } from './deal-matching/name-tokens';
import type { TDealOutcome } from './types';

/**
 * Issue 12 §1: which of a rep's deals a name typed in a log line means. Names are compared by key
 * (`dealNameKey`); the best tier with any deal in it decides:
 *   0. the same name, up to case, punctuation and accents ("ACME corp." → "Acme Corp");
 *   1. the same key when the text names a designator itself ("acme corp" → "Acme Corporation", "Acme Inc" → "Acme");
 *   2. the text's words begin the deal's ("acme" → "Acme 469", "Acme Corp", "Acme Labs");
 *   3. each word of the text begins one of the deal's words, in order ("acme lab" → "Acme Labs",
 *      "glob" → "Globex"); the text needs 3 characters at least (a CJK character counts 2: "トヨ" → "トヨタ").
 * Open deals are tried first; closed deals only when no open deal fits at all.
 */

export type TDealCandidate = { id: number; name: string; outcome: TDealOutcome };

declare const INDEX: unique symbol;
/** A rep's deals prepared for `matchDeal`; opaque to callers. */
export type TDealIndex = { readonly [INDEX]: true };

export type TDealMatch =
  | { kind: 'one'; deal: TDealCandidate }
  | { kind: 'several'; deals: TDealCandidate[] }
  | { kind: 'closed'; deal: TDealCandidate }
  | { kind: 'none' };

type TEntry = { deal: TDealCandidate; name: TNameTokens; rank: number };
/**
 * One outcome's deals bucketed by the first code unit of each key word (modulo BUCKETS): every tier needs a
 * deal word that starts like the query's first word, so a query reads one bucket.
 */
type TBuckets = (TEntry[] | undefined)[];
/** The deals, and each outcome's buckets once a match has needed them. */
type TIndex = { deals: readonly TDealCandidate[]; open?: TBuckets; closed?: TBuckets };
const BUCKETS = 64;

/** At most this many candidates in a 'several' answer (the buttons of the confirmation). */
export const MAX_DEAL_CHOICES = 5;
/** Characters a text needs before its words may match the beginnings of a deal's words (tier 3). */
const MIN_PREFIX_WEIGHT = 3;
/** Deal names kept folded between calls (a rep's deals are re-indexed on every message). */
const NAME_CACHE_LIMIT = 20_000;
const nameCache = new Map<string, TNameTokens>();

/** Lower case, punctuation and company suffixes removed, whitespace collapsed: "Acme, Inc." → "acme". */
export function dealNameKey(name: string): string {
  return nameTokens(name).key;
}

function cachedName(name: string): TNameTokens {
  let tokens = nameCache.get(name);
  if (tokens === undefined) {
    // A plain bound, not an LRU: a workspace's deal names fit many times over; a flood only costs a refill.
    if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
    tokens = nameTokens(name);
    nameCache.set(name, tokens);
  }
  return tokens;
}

/**
 * Prepares a rep's deals for `matchDeal`; ties between equally good matches keep this order, so pass the
 * most recently active first. Cheap, since the service indexes a rep's deals once per message: nothing is
 * read until a match needs it, then the open deals are bucketed, and the closed ones only if no open deal
 * fits. Cached across calls: each name's folding and keying, in a bounded module-level map keyed by the
 * name, so bucketing the same rep's deals again costs a map lookup and a push or two per deal.
 */
export function indexDeals(deals: readonly TDealCandidate[]): TDealIndex {
  const index: TIndex = { deals: deals.slice() };
  return index as unknown as TDealIndex;
}

/** The deals of one side (open, or won and lost) bucketed; deals whose name has no letter or digit are left out (an empty key never matches). */
function bucketDeals(deals: readonly TDealCandidate[], open: boolean): TBuckets {
  const buckets: TBuckets = new Array(BUCKETS);
  for (let rank = 0; rank < deals.length; rank++) {
    const deal = deals[rank]!;
    if ((deal.outcome === 'open') !== open) continue;
    const name = cachedName(deal.name);
    if (name.key === '') continue;
    const entry: TEntry = { deal, name, rank };
    for (let i = 0; i < name.initials.length; i++) {
      const at = name.initials.charCodeAt(i) % BUCKETS;
      const bucket = buckets[at];
      if (bucket === undefined) buckets[at] = [entry];
      else if (bucket[bucket.length - 1] !== entry) bucket.push(entry);
    }
  }
  return buckets;
}

/** The query's words begin the deal's words (tier 2). */
function beginsWith(deal: readonly string[], query: readonly string[]): boolean {
  if (query.length > deal.length) return false;
  for (let i = 0; i < query.length; i++) if (deal[i] !== query[i]) return false;
  return true;
}

/** Each query word begins a deal word, the deal words in the query's order (tier 3). */
function wordsBegin(deal: readonly string[], query: readonly string[]): boolean {
  let at = 0;
  for (const word of query) {
    while (at < deal.length && !deal[at]!.startsWith(word)) at++;
    if (at === deal.length) return false;
    at++;
  }
  return true;
}

/** Characters typed, a CJK one (wide, one word per character) counting 2. */
function prefixWeight(tokens: readonly string[]): number {
  let weight = 0;
  for (const token of tokens) for (const char of token) weight += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return weight;
}

/** Closer fits first: fewer extra words, then a shorter name, then the caller's order. */
function byFit(a: TEntry, b: TEntry): number {
  return a.name.tokens.length - b.name.tokens.length || a.name.key.length - b.name.key.length || a.rank - b.rank;
}

const NO_FIT = 4;

/** The tier (0–3, see above) at which a deal's name fits the query; NO_FIT when it does not. */
function tierOf(name: TNameTokens, query: TNameTokens, prefixAllowed: boolean): number {
  if (name.key === query.key) return name.full === query.full ? 0 : query.suffixed ? 1 : 2;
  // Every tier below needs a deal word that starts like the query's first word (buckets share initials).
  if (!name.initials.includes(query.key[0]!)) return NO_FIT;
  if (beginsWith(name.tokens, query.tokens)) return 2;
  return prefixAllowed && wordsBegin(name.tokens, query.tokens) ? 3 : NO_FIT;
}

/** The deals in the best tier any of them reaches, best first; empty when none fits. */
function bestFits(buckets: TBuckets, query: TNameTokens, prefixAllowed: boolean): TEntry[] {
  const entries = buckets[query.key.charCodeAt(0) % BUCKETS];
  if (entries === undefined) return [];
  let best = NO_FIT;
  let fits: TEntry[] = [];
  for (const entry of entries) {
    const tier = tierOf(entry.name, query, prefixAllowed);
    if (tier > best || tier === NO_FIT) continue;
    if (tier < best) {
      best = tier;
      fits = [entry];
    } else {
      fits.push(entry);
    }
  }
  // Tiers 0 and 1 are one name (key) already; wider tiers put the closest fits first.
  return best >= 2 && fits.length > 1 ? fits.sort(byFit) : fits;
}

/** Which of the indexed deals `name` (as typed in a log line) means; see the tiers above. */
export function matchDeal(index: TDealIndex, name: string): TDealMatch {
  const query = nameTokens(name);
  if (query.key === '') return { kind: 'none' };
  const deals = index as unknown as TIndex;
  const prefixAllowed = prefixWeight(query.tokens) >= MIN_PREFIX_WEIGHT;
  deals.open ??= bucketDeals(deals.deals, true);
  const openFits = bestFits(deals.open, query, prefixAllowed);
  if (openFits.length === 1) return { kind: 'one', deal: openFits[0]!.deal };
  if (openFits.length > 1) return { kind: 'several', deals: openFits.slice(0, MAX_DEAL_CHOICES).map((e) => e.deal) };
  deals.closed ??= bucketDeals(deals.deals, false);
  const closedFits = bestFits(deals.closed, query, prefixAllowed);
  return closedFits.length === 1 ? { kind: 'closed', deal: closedFits[0]!.deal } : { kind: 'none' };
}

// Rows reused by editDistance: it runs for every deal a new name is compared with, and must not allocate.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) up to `max`; `max + 1` once beyond it. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let row = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = row;
    row = spare;
  }
  return prev[n]!;
}

/** Typos a word may carry and still be the same word: none under 4 characters, one under 8, two from 8. */
function typosAllowed(word: string): number {
  return word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
}

/**
 * Open deals a name matched by no tier may still mean — a typo ("Dunder Miflin", "Gringots") or more words
 * than the deal has ("Cyberdyne Systems" for "Cyberdyne 316") — best first, at most MAX_DEAL_CHOICES: what
 * the confirmation offers before it would start a new deal. The deal's first word must start with the
 * name's first letter (typos rarely hit it, and it lets one bucket of the index be read), then be that
 * word within a typo or two; or the whole name must be the whole deal name within typos.
 */
export function similarDeals(index: TDealIndex, name: string): TDealCandidate[] {
  const query = nameTokens(name);
  const [first] = query.tokens;
  if (query.key === '' || first === undefined) return [];
  const deals = index as unknown as TIndex;
  deals.open ??= bucketDeals(deals.deals, true);
  const bucket = deals.open[first.charCodeAt(0) % BUCKETS];
  if (bucket === undefined) return [];
  const wholeTypos = typosAllowed(query.key);
  const leadTypos = typosAllowed(first);
  const found: { entry: TEntry; score: number }[] = [];
  for (const entry of bucket) {
    const lead = entry.name.tokens[0] ?? '';
    if (lead.charCodeAt(0) !== first.charCodeAt(0)) continue;
    const whole = editDistance(query.key, entry.name.key, wholeTypos);
    if (whole <= wholeTypos) {
      found.push({ entry, score: whole });
      continue;
    }
    const typos = editDistance(first, lead, leadTypos);
    // "Cyberdyne Systems": its first word is the deal's; the words after need not be.
    if (typos <= leadTypos) found.push({ entry, score: 3 + typos });
  }
  return found
    .sort((a, b) => a.score - b.score || a.entry.rank - b.entry.rank)
    .slice(0, MAX_DEAL_CHOICES)
    .map((f) => f.entry.deal);
}
