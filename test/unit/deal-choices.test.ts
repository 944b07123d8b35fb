import { describe, expect, it } from 'vitest';
import { filterDealChoices, type TDealCandidate } from '../../src/domain/deal-choices';

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

// Ids double as a readable order: the later the last activity, the more recent.
const DEALS: TDealCandidate[] = [
  { id: 1, name: 'Acme 469', stage: 'demo', createdAt: day(1), lastActivityAt: day(20) },
  { id: 2, name: 'Globex', stage: 'proposal', createdAt: day(2), lastActivityAt: day(22) },
  { id: 3, name: 'Big Acme Rockets', stage: 'demo', createdAt: day(3), lastActivityAt: day(10) },
  { id: 4, name: 'Initech  Corp', stage: 'discovery', createdAt: day(4), lastActivityAt: null },
  { id: 5, name: 'Placme', stage: 'prospecting', createdAt: day(5), lastActivityAt: day(24) },
  { id: 6, name: 'Café Olé', stage: 'demo', createdAt: day(6), lastActivityAt: day(5) },
  { id: 7, name: 'acme (EU)', stage: 'negotiation', createdAt: day(7), lastActivityAt: day(18) },
];

describe('filterDealChoices', () => {
  const scenarios: { name: string; query: string; limit?: number; want: number[] }[] = [
    { name: 'empty query: every deal, most recently active first (no activity: its creation counts)', query: '', want: [5, 2, 1, 7, 3, 6, 4] },
    { name: 'blank query is empty', query: '   ', want: [5, 2, 1, 7, 3, 6, 4] },
    { name: 'prefix, case-insensitive; name prefix before word prefix before inside', query: 'ACME', want: [1, 7, 3, 5] },
    { name: 'a later word', query: 'rock', want: [3] },
    { name: 'inside a word', query: 'lobe', want: [2] },
    { name: 'digits', query: '469', want: [1] },
    { name: 'spacing folded in the name and the query', query: 'initech   corp', want: [4] },
    { name: 'accents folded both ways', query: 'cafe ole', want: [6] },
    { name: 'accented query', query: 'CAFÉ', want: [6] },
    { name: 'punctuation is matched as typed', query: '(eu', want: [7] },
    { name: 'no match', query: 'hooli', want: [] },
    { name: 'limit keeps the best', query: 'acme', limit: 2, want: [1, 7] },
    { name: 'limit on the empty query keeps the most recent', query: '', limit: 3, want: [5, 2, 1] },
    { name: 'zero limit', query: '', limit: 0, want: [] },
  ];
  it.each(scenarios)('$name', ({ query, limit, want }) => {
    expect(filterDealChoices(DEALS, query, limit ?? 100).map((d) => d.id)).toEqual(want);
  });

  it('ties on recency: the newer deal first', () => {
    const same = [
      { id: 10, name: 'A', stage: 'demo', createdAt: day(1), lastActivityAt: day(9) },
      { id: 11, name: 'B', stage: 'demo', createdAt: day(1), lastActivityAt: day(9) },
    ];
    expect(filterDealChoices(same, '', 100).map((d) => d.id)).toEqual([11, 10]);
  });

  it('200 deals: at most the limit, each a match', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, name: `Deal ${i + 1}`, stage: 'demo', createdAt: day(1), lastActivityAt: day(1 + (i % 28)) }));
    expect(filterDealChoices(many, '', 100)).toHaveLength(100);
    const ones = filterDealChoices(many, '1', 100);
    expect(ones.every((d) => d.name.includes('1'))).toBe(true);
    expect(ones[0]!.name).toMatch(/^Deal 1/);
  });
});
