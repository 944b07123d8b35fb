import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealNameKey, indexDeals, MAX_DEAL_CHOICES, matchDeal, type TDealCandidate } from '../../src/domain/deal-matching';
import { DEAL_OUTCOMES } from '../../src/domain/types';

// Any code point, astral ones (emoji) included, and any UTF-16 code unit, lone surrogates included.
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const nameWords = fc.constantFrom(
  'Acme', 'ACME', 'acme', 'Acmeon', 'Globex', 'Glob', 'Labs', 'Lab', '469', '46', 'Corp', 'Corp.', 'Corporation', 'Inc',
  'Inc.', 'Co', '&', 'and', 'The', 'the', 'GmbH', 'S.A.', 'Ltd', 'Pty', 'Group', 'Holdings', 'Müller', 'Muller', 'Straße',
  '株式会社', 'トヨタ', '㈱', '(株)', '有限公司', '华为', 'ガス', 'Ελλάς', '🚀', '-', ',', '.', "'", 'O’Brien', 'x', 'Ab',
);
const junk = fc.oneof(fc.string({ unit: anyCodePoint, maxLength: 6 }), fc.string({ unit: anyCodeUnit, maxLength: 6 }));
const dealName = fc
  .array(fc.oneof({ arbitrary: nameWords, weight: 8 }, { arbitrary: junk, weight: 1 }), { minLength: 1, maxLength: 5 })
  .chain((words) => fc.constantFrom(' ', '  ', ', ', '-', '').map((sep) => words.join(sep)));
const deals = fc
  .array(fc.tuple(dealName, fc.constantFrom(...DEAL_OUTCOMES)), { maxLength: 30 })
  .map((rows) => rows.map(([name, outcome], i): TDealCandidate => ({ id: i + 1, name, outcome })));

describe('matchDeal properties', () => {
  it("an open deal's own name always finds it (alone, or among the choices)", () => {
    fc.assert(
      fc.property(deals, fc.nat(), (all, pick) => {
        const open = all.filter((d) => d.outcome === 'open' && dealNameKey(d.name) !== '');
        fc.pre(open.length > 0);
        const target = open[pick % open.length]!;
        const match = matchDeal(indexDeals(all), target.name);
        if (match.kind === 'one') {
          expect(match.deal).toBe(target);
          return;
        }
        expect(match.kind).toBe('several');
        if (match.kind !== 'several') return;
        // Only more than five deals of exactly its name can push it off the list.
        const sameName = match.deals.every((d) => d.name.toLowerCase() === target.name.toLowerCase());
        expect(match.deals.includes(target) || (match.deals.length === MAX_DEAL_CHOICES && sameName)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers only with indexed deals, open ones as one/several, a closed one as closed, and never throws', () => {
    fc.assert(
      fc.property(deals, fc.oneof(dealName, junk), (all, text) => {
        const match = matchDeal(indexDeals(all), text);
        const found = match.kind === 'one' || match.kind === 'closed' ? [match.deal] : match.kind === 'several' ? match.deals : [];
        for (const d of found) expect(all).toContain(d);
        if (match.kind === 'one' || match.kind === 'several') for (const d of found) expect(d.outcome).toBe('open');
        if (match.kind === 'closed') expect(match.deal.outcome).not.toBe('open');
        if (match.kind === 'several') expect(match.deals.length).toBeGreaterThan(1);
        if (match.kind === 'several') expect(match.deals.length).toBeLessThanOrEqual(MAX_DEAL_CHOICES);
      }),
      { numRuns: 2000 },
    );
  });

  it('is case-insensitive and ignores punctuation around the words', () => {
    fc.assert(
      fc.property(deals, dealName, (all, text) => {
        const index = indexDeals(all);
        expect(matchDeal(index, `  ${text.toUpperCase()}!, `)).toEqual(matchDeal(index, text.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });
});
