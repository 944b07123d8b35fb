import { describe, expect, it } from 'vitest';
import { dealNameKey, editDistance, indexDeals, matchDeal, similarDeals, type TDealCandidate, type TDealMatch } from '../../src/domain/deal-matching';
import type { TDealOutcome } from '../../src/domain/types';

let nextId = 1;
const deal = (name: string, outcome: TDealOutcome = 'open'): TDealCandidate => ({ id: nextId++, name, outcome });

/** The match as names, to keep the tables readable. */
function named(match: TDealMatch): string | string[] {
  switch (match.kind) {
    case 'one':
      return `one: ${match.deal.name}`;
    case 'closed':
      return `closed: ${match.deal.name}`;
    case 'several':
      return ['several', ...match.deals.map((d) => d.name)];
    case 'none':
      return 'none';
  }
}

describe('dealNameKey', () => {
  const scenarios = [
    { name: 'Acme, Inc.', want: 'acme' },
    { name: '  ACME   corp ', want: 'acme' },
    { name: 'Acme Corporation', want: 'acme' },
    { name: 'The Acme Company', want: 'acme' },
    { name: 'Acme Co. Ltd.', want: 'acme' },
    { name: 'Smith & Co', want: 'smith' },
    { name: 'Smith and Co LLC', want: 'smith' },
    { name: 'Acme 469', want: 'acme 469' },
    { name: 'Acme Labs', want: 'acme labs' },
    { name: 'Müller GmbH', want: 'muller' },
    { name: 'MÜLLER', want: 'muller' },
    { name: 'Straße AG', want: 'strasse' },
    { name: 'Işık Holding', want: 'isik' },
    { name: 'Société Générale S.A.', want: 'societe generale' },
    { name: 'Nestlé SA', want: 'nestle' },
    { name: "O'Brien Ltd", want: 'obrien' },
    { name: 'Hooli Pty Ltd', want: 'hooli' },
    { name: 'AB InBev', want: 'ab inbev' }, // a designator leads only in CJK names
    { name: 'The Group', want: 'the' }, // never emptied: the last word stays
    { name: 'Group', want: 'group' },
    { name: 'Inc.', want: 'inc' },
    { name: 'ＡＣＭＥ', want: 'acme' }, // full-width forms
    { name: '株式会社トヨタ', want: 'トヨタ' },
    { name: 'トヨタ株式会社', want: 'トヨタ' },
    { name: '㈱トヨタ', want: 'トヨタ' },
    { name: '株式会社', want: '株式会社' },
    { name: 'ソニーグループ株式会社', want: 'ソニーグループ' },
    { name: '华为技术有限公司', want: '华为技术' },
    { name: 'ガス', want: 'ガス' }, // the voiced mark stays (NFC puts it back)
    { name: 'Ελληνική', want: 'ελληνικη' },
    { name: 'हिन्दी', want: 'हिन्दी' }, // Devanagari vowel signs are marks, kept
    { name: '!!!', want: '' },
    { name: '🚀', want: '' },
    { name: '', want: '' },
  ];
  it.each(scenarios)('$name → "$want"', ({ name, want }) => {
    expect(dealNameKey(name)).toBe(want);
  });
});

describe('matchDeal', () => {
  const scenarios: { title: string; deals: TDealCandidate[]; text: string; want: string | string[] }[] = [
    // Issue 12's examples.
    { title: 'a prefix of the only deal', deals: [deal('Acme 469')], text: 'Acme', want: 'one: Acme 469' },
    { title: 'two deals begin with it', deals: [deal('Acme Corp'), deal('Acme Labs')], text: 'Acme', want: ['several', 'Acme Corp', 'Acme Labs'] },
    { title: 'the text names the designator', deals: [deal('Acme Corporation')], text: 'acme corp', want: 'one: Acme Corporation' },
    { title: 'only a closed deal', deals: [deal('Globex', 'won')], text: 'Globex', want: 'closed: Globex' },
    { title: 'no deals at all', deals: [], text: 'Initech', want: 'none' },
    // Tier 0: the same name beats the same key.
    { title: 'case and punctuation', deals: [deal('Acme Corp.')], text: 'ACME CORP', want: 'one: Acme Corp.' },
    { title: 'the same name beats a longer one', deals: [deal('Acme Labs'), deal('Acme')], text: 'acme', want: 'one: Acme' },
    { title: 'the same name beats the same key', deals: [deal('Acme'), deal('Acme Inc')], text: 'Acme Inc.', want: 'one: Acme Inc' },
    // Tier 1: a designator typed means the company, whatever its form.
    { title: 'a designator typed', deals: [deal('Acme'), deal('Acme Labs')], text: 'Acme Inc', want: 'one: Acme' },
    { title: 'a designator typed, two companies of that key', deals: [deal('Acme GmbH'), deal('Acme Ltd')], text: 'Acme Inc', want: ['several', 'Acme GmbH', 'Acme Ltd'] },
    { title: '"the" is not a designator', deals: [deal('Acme Corp'), deal('Acme Labs')], text: 'the Acme', want: ['several', 'Acme Corp', 'Acme Labs'] },
    // Tier 2: whole words begin the deal's.
    { title: 'two words begin it', deals: [deal('Acme Labs Europe'), deal('Acme Corp')], text: 'acme labs', want: 'one: Acme Labs Europe' },
    { title: 'closer fits first', deals: [deal('Acme Labs Europe'), deal('Acme Labs')], text: 'acme', want: ['several', 'Acme Labs', 'Acme Labs Europe'] },
    { title: 'a whole word beats a word prefix', deals: [deal('Acmeon'), deal('Acme 469')], text: 'acme', want: 'one: Acme 469' },
    // Tier 3: beginnings of words, in order.
    { title: 'a word prefix', deals: [deal('Globex')], text: 'glob', want: 'one: Globex' },
    { title: 'too short to prefix-match', deals: [deal('Globex')], text: 'gl', want: 'none' },
    { title: 'a short whole word still matches', deals: [deal('HP Inc')], text: 'hp', want: 'one: HP Inc' },
    { title: 'words prefixed in order', deals: [deal('Acme Laboratories')], text: 'acme lab', want: 'one: Acme Laboratories' },
    { title: 'words prefixed out of order', deals: [deal('Acme Laboratories')], text: 'lab acme', want: 'none' },
    { title: 'a later word', deals: [deal('Acme Labs'), deal('Globex')], text: 'Labs', want: 'one: Acme Labs' },
    { title: 'digits prefix too', deals: [deal('Acme 469'), deal('Acme 512')], text: 'acme 46', want: 'one: Acme 469' },
    { title: 'a word not in the deal', deals: [deal('Acme 469')], text: 'Acme Rockets', want: 'none' },
    // Open first, closed only when no open deal fits.
    { title: 'an open deal beats a closed one that fits better', deals: [deal('Acme', 'won'), deal('Acme 469')], text: 'Acme', want: 'one: Acme 469' },
    { title: 'two closed deals fit equally', deals: [deal('Globex 1', 'won'), deal('Globex 2', 'lost')], text: 'Globex', want: 'none' },
    { title: 'the best closed tier decides', deals: [deal('Globex', 'lost'), deal('Globex Labs', 'won')], text: 'globex', want: 'closed: Globex' },
    // Empty keys never match.
    { title: 'an empty text', deals: [deal('Acme')], text: '  ', want: 'none' },
    { title: 'punctuation only', deals: [deal('!!!')], text: '!!!', want: 'none' },
    // Unicode.
    { title: 'accents folded', deals: [deal('Müller GmbH')], text: 'muller', want: 'one: Müller GmbH' },
    { title: 'accents folded both ways', deals: [deal('Muller Bau')], text: 'Müller', want: 'one: Muller Bau' },
    { title: 'a Japanese designator', deals: [deal('株式会社トヨタ')], text: 'トヨタ', want: 'one: 株式会社トヨタ' },
    { title: 'a Japanese designator typed', deals: [deal('トヨタ自動車'), deal('株式会社トヨタ')], text: 'トヨタ株式会社', want: 'one: 株式会社トヨタ' },
    { title: 'a CJK prefix of two characters', deals: [deal('トヨタ自動車')], text: 'トヨ', want: 'one: トヨタ自動車' },
    { title: 'one CJK character is too short', deals: [deal('トヨタ自動車')], text: 'ト', want: 'none' },
    { title: 'only the designator', deals: [deal('株式会社')], text: '株式会社', want: 'one: 株式会社' },
    { title: 'emoji in a name', deals: [deal('Rocket 🚀 Labs')], text: 'rocket labs', want: 'one: Rocket 🚀 Labs' },
  ];
  it.each(scenarios)('$title: "$text"', ({ deals, text, want }) => {
    expect(named(matchDeal(indexDeals(deals), text))).toEqual(want);
  });

  it('offers at most five deals, closest first, ties in the given order', () => {
    const deals = ['Acme 7', 'Acme 1 Europe', 'Acme 2', 'Acme 3', 'Acme 4', 'Acme 5', 'Acme 6'].map((name) => deal(name));
    expect(named(matchDeal(indexDeals(deals), 'acme'))).toEqual(['several', 'Acme 7', 'Acme 2', 'Acme 3', 'Acme 4', 'Acme 5']);
  });

  it('gives the same answer when the same names are indexed again (the fold cache)', () => {
    const first = indexDeals([deal('Acme Corp'), deal('Acme Labs')]);
    const again = indexDeals([deal('Acme Corp'), deal('Acme Labs')]);
    expect(named(matchDeal(again, 'Acme'))).toEqual(named(matchDeal(first, 'Acme')));
  });
});

describe('similarDeals: what a name no tier matched may still mean', () => {
  const open = (name: string, id: number): TDealCandidate => ({ id, name, outcome: 'open' });
  const index = indexDeals([
    open('Dunder Mifflin 231', 1),
    open('Cyberdyne 316', 2),
    open('Cyberdyne 699', 3),
    open('Gringotts 828', 4),
    open('Acme', 5),
    { id: 6, name: 'Soylent 674', outcome: 'lost' },
  ]);
  it.each([
    ['Dunder Miflin', ['Dunder Mifflin 231']],
    ['Dundr', ['Dunder Mifflin 231']],
    ['Gringots', ['Gringotts 828']],
    ['Cyberdyne Systems', ['Cyberdyne 316', 'Cyberdyne 699']],
    // One typo from four letters on; none below ("Ace" is not "Acme"): asked about, never assumed.
    ['Acne', ['Acme']],
    ['Ace', []],
    // Closed deals are never offered this way.
    ['Soylnet', []],
    ['Initech', []],
    ['', []],
  ])('%s → %j', (name, want) => {
    expect(similarDeals(index, name).map((d) => d.name)).toEqual(want);
  });

  it.each([
    ['mifflin', 'miflin', 1],
    ['gringotts', 'gringots', 1],
    ['soylent', 'soylnet', 1],
    ['abc', 'xyz', 3],
    ['aperture', 'apreture', 1],
  ])('editDistance(%s, %s) = %i (an adjacent swap is one)', (a, b, want) => {
    expect(editDistance(a, b, 3)).toBe(want);
  });
});

describe('dealNameKey folds Greek final sigma (found by the property test)', () => {
  it('"ΕλλάςLtd" typed in capitals is the same name', () => {
    expect(dealNameKey('ΕΛΛΆΣLTD')).toBe(dealNameKey('ΕλλάςLtd'));
  });
});
