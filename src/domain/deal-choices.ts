/*
 * Which of a rep's open deals a picker offers for what they typed (the Log activity modal's deal picker,
 * a check-in's quick choices). Pure: the deals come in, the ordered few go out.
 */

/** An open deal as a picker sees it. `lastActivityAt` null: nothing logged on it yet (its creation counts). */
export type TDealCandidate = { id: number; name: string; stage: string; createdAt: Date; lastActivityAt: Date | null };

/**
 * The deals whose name contains `query` (case-, accent- and spacing-insensitive), at most `limit`: a name
 * starting with it first, then one with a word starting with it, then any other match; within each, the most
 * recently active first. An empty query offers every deal, most recently active first.
 */
export function filterDealChoices<T extends TDealCandidate>(deals: readonly T[], query: string, limit: number): T[] {
  if (limit <= 0) return [];
  const wanted = foldText(query);
  const ranked: { deal: T; rank: number; recency: number }[] = [];
  for (const deal of deals) {
    const rank = wanted === '' ? 0 : matchRank(foldText(deal.name), wanted);
    if (rank === null) continue;
    ranked.push({ deal, rank, recency: (deal.lastActivityAt ?? deal.createdAt).getTime() });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.recency - a.recency || b.deal.id - a.deal.id);
  return ranked.slice(0, limit).map((r) => r.deal);
}

/** 0: the name starts with the query; 1: one of its words does; 2: it is inside; null: no match. */
function matchRank(name: string, query: string): number | null {
  const at = name.indexOf(query);
  if (at < 0) return null;
  if (at === 0) return 0;
  if (name.split(' ').some((word) => word.startsWith(query))) return 1;
  return 2;
}

/** Lower case, accents off ("Café" ~ "cafe"), runs of whitespace as one space, trimmed. */
function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
