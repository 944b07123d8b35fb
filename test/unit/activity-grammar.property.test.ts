import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_AMOUNT_CENTS,
  MAX_DAYS_AGO,
  MAX_ITEMS,
  parseActivityText,
  type TParseResult,
} from '../../src/domain/activity-grammar';
import { DEFAULT_STAGES, MAX_COUNT, MIN_COUNT, type TStage } from '../../src/domain/types';

const STAGE_KEYS = new Set(DEFAULT_STAGES.map((s) => s.key));

const isTrimmedText = (text: string) => text.length > 0 && text === text.trim();
const isWhole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/**
 * Everything the parser promises about any result, whatever the input, as a list of broken promises
 * (plain checks and one `expect` per case: thousands of `expect` calls would dominate the run time).
 */
function brokenPromises(result: TParseResult, stageKeys: ReadonlySet<string>): string[] {
  const broken: string[] = [];
  if (result.items.length > MAX_ITEMS) broken.push(`${result.items.length} items`);
  for (const piece of result.unknown) if (!isTrimmedText(piece)) broken.push(`unknown piece ${JSON.stringify(piece)}`);
  for (const problem of result.problems) {
    if (!problem.message) broken.push('empty problem message');
    // The parser's last-resort catch must never be what kept it from throwing.
    if (problem.message.includes("couldn't read this message")) broken.push('the parser threw inside');
  }
  for (const item of result.items) {
    const label = JSON.stringify(item);
    if (!isTrimmedText(item.source)) broken.push(`source of ${label}`);
    const deal = 'deal' in item ? item.deal : undefined;
    if (deal !== undefined && (!isTrimmedText(deal) || /<[@!#]/.test(deal))) broken.push(`deal of ${label}`);
    // The service creates deals only when named clearly, so a deal always says how it was named.
    const naming = 'dealNaming' in item ? item.dealNaming : undefined;
    if ((deal === undefined) !== (naming === undefined)) broken.push(`dealNaming of ${label}`);
    if (item.kind === 'activity' && !isWhole(item.count, MIN_COUNT, MAX_COUNT)) broken.push(`count of ${label}`);
    if (item.kind === 'activity' && item.spread !== undefined) {
      const { total, days } = item.spread;
      if (!isWhole(total, MIN_COUNT, MAX_COUNT) || !isWhole(days, 2, 7) || item.count > total) broken.push(`spread of ${label}`);
    }
    if (item.kind === 'correction') {
      if (!isWhole(item.count, MIN_COUNT, MAX_COUNT)) broken.push(`count of ${label}`);
      if (item.was !== undefined && !isWhole(item.was, MIN_COUNT, MAX_COUNT)) broken.push(`was of ${label}`);
    }
    if (item.kind === 'note' && !isTrimmedText(item.text)) broken.push(`text of ${label}`);
    if (item.kind === 'nothing' && !['sick', 'away', 'none'].includes(item.reason)) broken.push(`reason of ${label}`);
    if (item.kind === 'stage' && !stageKeys.has(item.stage)) broken.push(`stage of ${label}`);
    if ((item.kind === 'activity' || item.kind === 'outcome') && item.amountCents !== undefined && !isWhole(item.amountCents, 1, MAX_AMOUNT_CENTS)) {
      broken.push(`amount of ${label}`);
    }
    const when = item.when;
    const badWhen =
      when !== undefined &&
      ('daysAgo' in when
        ? !isWhole(when.daysAgo, 0, MAX_DAYS_AGO)
        : !isWhole(when.weekday, 1, 7) || (when.daysBefore !== undefined && !isWhole(when.daysBefore, 0, 6)));
    if (badWhen) {
      broken.push(`when of ${label}`);
    }
  }
  return broken;
}

function parsesSafely(text: string, stages?: readonly TStage[]): void {
  // A throw fails the property by itself, and fast-check shrinks the input that caused it.
  const result = parseActivityText(text, stages ? { stages } : undefined);
  expect(brokenPromises(result, stages ? new Set(stages.map((s) => s.key)) : STAGE_KEYS)).toEqual([]);
}

// Any UTF-16 code unit, lone surrogates included: Slack text is not guaranteed to be well-formed.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
// Any code point, astral ones (emoji) included. (Cheaper to generate than fast-check's 'binary' unit.)
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

const grammarWords = fc.constantFrom(
  'calls', 'call', 'dials', 'emails', 'mtg', 'demo', 'demos', 'proposal', 'quotes', 'linkedin', 'messages',
  'social', 'touches', 'other', 'called', 'emailed', 'met', 'demoed', 'sent', 'made', 'had', 'with', 'w/',
  'to', 'for', 'at', '@', 'Acme', 'Acme Corp', 'Globex', 'the', 'deal', 'won', 'lost', 'closed', 'closed-won',
  'moved', 'now', 'in', '->', '→', '=>', 'discovery', 'disco', 'nego', 'negotiation', 'stage', 'yesterday',
  'yesterday:', 'today', 'mon', 'friday', 'last', 'days', 'ago', 'tomorrow', 'twice', 'times', 'x3', '3x',
  'a', 'an', 'couple', 'of', 'few', 'dozen', 'half', 'some', 'no', 'zero', 'twenty-one', 'hundred',
  'thousand', 'million', '$24k', '$12,500', '12.5k', '€3,000', '$1.2m', '$', 'usd', 'k', 'm', 'dollars',
  'and', 'then', 'plus', ',', ';', '+', '&', '&amp;', '&lt;', '&gt;', '.', '!', '?', ':', '-', ' - ', '•',
  '\n', '\r\n', '- ', '* ', '1.', '2)', '>', '"', '(', ')', '<@U123>', '<@U1|bob>', '<!here>', '<!channel>',
  '<#C1|sales>', '<https://x.example|Acme>', '<mailto:a@b.c|a@b.c>', '<@U12', '<', 'cancelled', "didn't",
  // Issue 12's words.
  'mon-wed', 'wed-mon', 'monday-friday', 'to', 'thru', 'oops', 'oops,', 'actually', 'make that', 'I meant', 'not',
  'instead of', 'convos', 'connects', 'booked', 'nothing', 'sick', 'pto', 'out', 'off', 'pushed', 'slipped', 'Q1',
  'next quarter', 'January', '2027', 'close date', 'lunch', 'coffee', 'QBR', 'onsite', 'CFO', 'team', 'texted',
  'LI', "DM'd", 'texts', 'Acme,', 'Globex)', '(Acme', 'out to', 'over', 'for 24,000', 'tomorrow', 'went', 'great',
  // A user test of issue 12.
  ':+1:', ':tada:', '::skin-tone-2:', '*Acme*', '_Acme_', '~', '*', '_', '3pm', '10:30', 'noon', 'this morning', 'Inc',
  ', Inc.', 'LLC', 'a prospect', 'new lead', 'next', 'next week', 'booked', 'scheduled', 'upcoming', 'last week',
  'went dark', 'ghosted', 'ghosted by', 'talked', 'spoke', 'zoom', 'SOW', 'contract', 'prop', 'no calls', '828',
  'Gringotts 828', '24,000', '12500.00', 'w', '1 w',
);
const numbers = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.double({ min: 0, max: 1000, noNaN: true }).map((n) => n.toFixed(2)),
  fc.nat({ max: 1_000_000 }).map((n) => n.toLocaleString('en-US')),
  fc.constantFrom('1e9', '1e309', '-0', 'NaN', 'Infinity', '0x10', '1_000', '٣', '５'),
);
const junk = fc.string({ unit: anyCodeUnit, maxLength: 8 });
const token = fc.oneof(
  { arbitrary: grammarWords, weight: 6 },
  { arbitrary: numbers, weight: 3 },
  { arbitrary: junk, weight: 1 },
);
const spacing = fc.constantFrom(' ', ' ', ' ', '', '  ', '\t', '\n', '\u00a0');
const grammarSoup = fc
  .array(fc.tuple(token, spacing), { maxLength: 40 })
  .map((parts) => parts.map(([word, space]) => word + space).join(''));

describe('parseActivityText properties', () => {
  it('never throws and keeps its promises on ASCII strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (text) => parsesSafely(text)), { numRuns: 1500 });
  });

  it('never throws and keeps its promises on any Unicode, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: anyCodePoint, maxLength: 60 }), fc.string({ unit: anyCodeUnit, maxLength: 60 })), (text) =>
        parsesSafely(text),
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws and keeps its promises on grammar words mixed with numbers and junk', () => {
    // The example is a counterexample fast-check once found: a deal name left with the space after a stripped '@@'.
    fc.assert(fc.property(grammarSoup, (text) => parsesSafely(text)), { numRuns: 3000, examples: [['@@ 〡 closed-won ']] });
  });

  it('keeps its promises with a team’s own stages', () => {
    const stages: TStage[] = [
      { key: 'qualify', name: 'Qualify', position: 1, outcome: null },
      { key: 'demo', name: 'Demo Done', position: 2, outcome: null },
      { key: 'closed-won', name: 'Closed Won', position: 3, outcome: 'won' },
    ];
    fc.assert(fc.property(grammarSoup, (text) => parsesSafely(text, stages)), { numRuns: 500 });
  });

  it('keeps its promises with a deal picked in the Log modal', () => {
    const check = (text: string) => {
      const result = parseActivityText(text, { defaultDeal: 'Acme 469' });
      expect(brokenPromises(result, STAGE_KEYS)).toEqual([]);
    };
    fc.assert(fc.property(grammarSoup, check), { numRuns: 500 });
  });

  it('keeps its promises on long messages (beyond the length and item limits)', () => {
    const long = fc
      .array(fc.oneof(grammarSoup, fc.constant('3 calls, ')), { minLength: 20, maxLength: 120 })
      .map((parts) => parts.join(', '));
    fc.assert(fc.property(long, (text) => parsesSafely(text)), { numRuns: 60 });
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(grammarSoup, (text) => {
        expect(parseActivityText(text)).toEqual(parseActivityText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('reads any list of "<count> <activity>" exactly, whatever the separators', () => {
    const nouns = { call: 'calls', email: 'emails', meeting: 'meetings', demo: 'demos', proposal: 'proposals', social: 'socials' } as const;
    const entry = fc.tuple(fc.integer({ min: MIN_COUNT, max: MAX_COUNT }), fc.constantFrom(...(Object.keys(nouns) as (keyof typeof nouns)[])));
    const separator = fc.constantFrom(', ', ',', '; ', ' + ', ' & ', ' and ', '\n', '\n- ', ' • ', ' ');
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: MAX_ITEMS }), separator, (entries, sep) => {
        const text = entries.map(([count, type]) => `${count} ${nouns[type]}`).join(sep);
        const got = parseActivityText(text);
        expect(got.items.map((item) => (item.kind === 'activity' ? [item.count, item.type] : item.kind))).toEqual(entries);
        expect(got.unknown).toEqual([]);
        expect(got.problems).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

  it('spreads a count over a day range: shares sum to the total, the earliest days take the remainder', () => {
    const range = fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })).filter(([a, b]) => a < b);
    fc.assert(
      fc.property(range, fc.integer({ min: MIN_COUNT, max: MAX_COUNT }), fc.boolean(), ([from, to], total, spelled) => {
        const days = spelled ? `${weekdays[from - 1]} to ${weekdays[to - 1]}` : `${weekdays[from - 1]}-${weekdays[to - 1]}`;
        const got = parseActivityText(`${days} ${total} calls`);
        const n = to - from + 1;
        const shares = got.items.map((item) => (item.kind === 'activity' ? item.count : 0));
        expect(got.problems).toEqual([]);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        // Non-increasing: the remainder goes to the earliest days; a day with no share is left out.
        expect(shares).toEqual([...shares].sort((a, b) => b - a));
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        expect(got.items).toHaveLength(Math.min(n, total));
        for (const item of got.items) {
          expect(item.kind === 'activity' && item.spread).toEqual({ total, days: n });
          const when = item.when;
          expect(when !== undefined && 'weekday' in when && when.weekday === to).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shares a count over listed deals, or asks how many each', () => {
    const names = ['Acme', 'Globex', 'Initech', 'Hooli', 'Umbrella'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: MIN_COUNT, max: 60 }), (dealCount, count) => {
        const deals = names.slice(0, dealCount);
        const got = parseActivityText(`${count} demos (${deals.join(', ')})`);
        if (count % dealCount === 0) {
          expect(got.problems).toEqual([]);
          expect(got.items.map((item) => (item.kind === 'activity' ? [item.deal, item.count, item.dealNaming] : item.kind))).toEqual(
            deals.map((deal) => [deal, count / dealCount, 'clearly']),
          );
        } else {
          expect(got.items).toEqual([]);
          expect(got.problems).toEqual([{ source: expect.any(String), message: expect.stringMatching(/say how many each/) }]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads any correction as one correction item, counts within 1..500', () => {
    const lead = fc.constantFrom('oops, that was', 'correction:', 'make that', 'actually', 'I meant', 'oops');
    const count = fc.integer({ min: MIN_COUNT, max: MAX_COUNT });
    fc.assert(
      fc.property(lead, count, fc.option(count, { nil: undefined }), (words, now, was) => {
        const got = parseActivityText(`${words} ${now} calls${was === undefined ? '' : ` not ${was}`}`);
        expect(got.items).toEqual([
          { kind: 'correction', type: 'call', count: now, ...(was === undefined ? {} : { was }), source: expect.any(String) },
        ]);
        expect(got.unknown).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('turns any count outside 1..500 into a problem, never an item', () => {
    const outside = fc.oneof(fc.integer({ min: MAX_COUNT + 1, max: 10_000_000 }), fc.integer({ min: -10_000, max: 0 }));
    fc.assert(
      fc.property(outside, fc.constantFrom('calls', 'emails', 'demos', 'dials'), (count, noun) => {
        const got = parseActivityText(`${count} ${noun}`);
        expect(got.items).toEqual([]);
        expect(got.problems).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});
