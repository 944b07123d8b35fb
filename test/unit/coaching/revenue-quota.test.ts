import { describe, expect, it } from 'vitest';
import type { TActivityNorms } from '../../../src/domain/coaching/activity-norms';
import { explainExpectation } from '../../../src/domain/coaching/expectation-text';
import { computeExpectations } from '../../../src/domain/coaching/expectations';
import type { TShrunkRate } from '../../../src/domain/coaching/funnel';
import { DEFAULT_COACHING_CONFIG, quotaForEngine, type TRepFacts, type TWeeklyActivity } from '../../../src/domain/coaching/inputs';
import { assignTiers } from '../../../src/domain/coaching/tiers';
import type { TActivityType } from '../../../src/domain/types';
import { daysAgo, DAY, flatFunnel, funnel, NOW } from './builders';

// A revenue quota (`quotaMetric: 'revenue'`, cents a quarter) is met by won amounts, never by the count of deals.
// Window 90 days of a 91.3125-day quarter: $120,000 a quarter expects $118,275 by now.
describe('assignTiers with a revenue quota', () => {
  const facts = (extra: Partial<TRepFacts>): TRepFacts => ({ repId: 1, firstDataAt: daysAgo(200), quotaPerQuarter: null, ...extra });
  const revenue = { quotaPerQuarter: 12_000_000, quotaMetric: 'revenue' as const };
  const scenarios = [
    { name: 'on pace in amounts', facts: revenue, won: 3, wonCents: 12_000_000, want: ['autonomous', 1.015, "On track: $120,000 won of $118,275 expected over the last 90 days at your quota's pace."] },
    { name: 'between the lines', facts: revenue, won: 3, wonCents: 10_000_000, want: ['guided', 0.845, "Behind pace: $100,000 won against $118,275 expected over the last 90 days at your quota's pace."] },
    // Ten small deals are many deals but little revenue.
    { name: 'many small deals are well behind', facts: revenue, won: 10, wonCents: 6_000_000, want: ['focused', 0.507, "Well behind pace: $60,000 won against $118,275 expected over the last 90 days at your quota's pace."] },
    { name: 'nothing won', facts: revenue, won: 0, wonCents: 0, want: ['focused', 0, "Well behind pace: $0 won against $118,275 expected over the last 90 days at your quota's pace."] },
    // The same rep against a deals quota of 4: the ten deals are on track. Unchanged deals behaviour.
    { name: 'a deals quota counts the deals', facts: { quotaPerQuarter: 4, quotaMetric: 'deals_won' as const }, won: 10, wonCents: 6_000_000, want: ['autonomous', 2.536, "On track: 10 won of about 4 deals expected over the last 90 days at your quota's pace."] },
    { name: 'no quota metric means deals', facts: { quotaPerQuarter: 4 }, won: 10, wonCents: 6_000_000, want: ['autonomous', 2.536, "On track: 10 won of about 4 deals expected over the last 90 days at your quota's pace."] },
  ];
  it.each(scenarios)('$name', ({ facts: extra, won, wonCents, want }) => {
    const d = assignTiers([{ facts: facts(extra), funnel: flatFunnel(0.5, 20, { won, wonCents }), previous: null }], NOW, DEFAULT_COACHING_CONFIG).get(1)!;
    expect([d.tier, d.score, d.reasonText]).toEqual(want);
    expect(d.basis).toBe('quota');
  });

  it('a goal still wins over a revenue quota', () => {
    const goal = { metric: 'deals_won' as const, target: 10, periodStart: NOW - 45 * DAY, periodEnd: NOW + 45 * DAY };
    const d = assignTiers([{ facts: facts({ ...revenue, goal }), funnel: flatFunnel(0.5, 20, { won: 10, wonCents: 0 }), previous: null }], NOW, DEFAULT_COACHING_CONFIG).get(1)!;
    expect([d.basis, d.tier]).toEqual(['goal', 'autonomous']);
  });
});

describe('quotaForEngine', () => {
  const scenarios = [
    { stored: 4, metric: 'deals_won' as const, want: 4 },
    { stored: 120_000, metric: 'revenue' as const, want: 12_000_000 },
    { stored: null, metric: 'revenue' as const, want: null },
  ];
  it.each(scenarios)('$stored as $metric → $want', ({ stored, metric, want }) => {
    expect(quotaForEngine(stored, metric)).toBe(want);
  });
});

// The fixtures of expectations.test.ts, smaller: win probability 0.1, the rep's won deals average $20,000 over
// 8 won, the team's $10,000; shrunk with a prior of 8 deals: (8 × 20,000 + 8 × 10,000) / 16 = $15,000 a won deal.
describe('computeExpectations with a revenue quota', () => {
  const shrunk: TShrunkRate[] = [0.5, 0.8, 0.5, 1, 0.5].map((rate, i) => ({
    from: ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation'][i]!, to: ['discovery', 'demo', 'proposal', 'negotiation', 'won'][i]!,
    raw: rate, shrunk: rate, team: rate, reached: 10, advanced: 10 * rate,
  }));
  const norm = (low: number, median: number, high: number, total: number) => ({ low, median, high, weeks: 100, total });
  const zero = norm(0, 0, 0, 0);
  const teamNorms: TActivityNorms = {
    activeRepWeeks: 100,
    byType: { call: norm(30, 50, 80, 2400), email: norm(10, 20, 40, 1000), demo: norm(1, 3, 4, 300), meeting: norm(8, 10, 12, 200), proposal: norm(0, 0, 1, 40), social: zero, other: norm(1, 5, 9, 500) },
  };
  const week = (type: TActivityType, count: number, weekStart: string): TWeeklyActivity => ({ repId: 1, type, count, weekStart });
  const repActivity = ['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02'].flatMap((w) => [week('call', 22, w), week('email', 30, w), week('demo', 2, w)]);
  const repFunnel = funnel([[24, 12, 0], [12, 6, 0], [6, 3, 0], [3, 2, 0], [2, 1, 0]], { dealsCreated: 24, won: 8, avgWonCents: 2_000_000 });
  const run = (facts: Partial<TRepFacts>, teamAvg: number | null = 1_000_000, repAvg: number | null = 2_000_000) =>
    computeExpectations({
      tier: 'guided', facts: { repId: 1, firstDataAt: NOW - 200 * DAY, quotaPerQuarter: null, ...facts },
      shrunk, repActivity, teamActivity: [], repFunnel: { ...repFunnel, avgWonCents: repAvg },
      teamFunnel: flatFunnel(0.5, 200, { dealsCreated: 200, avgWonCents: teamAvg }), now: NOW, config: DEFAULT_COACHING_CONFIG, teamNorms,
    });
  const table = (list: ReturnType<typeof run>) => list.map((e) => [e.type, e.amount, e.per]);

  const scenarios = [
    // $150,000 at $15,000 a deal is the 10 deals of a deals quota of 10.
    { name: 'divided by the shrunk average won deal', facts: { quotaPerQuarter: 15_000_000, quotaMetric: 'revenue' as const }, same: { quotaPerQuarter: 10 }, dealCents: 1_500_000 },
    // Without the rep's own average, the team's: $100,000 at $10,000 = 10 deals.
    { name: "a rep with no won amount takes the team's average", facts: { quotaPerQuarter: 10_000_000, quotaMetric: 'revenue' as const }, same: { quotaPerQuarter: 10 }, dealCents: 1_000_000, repAvg: null },
  ];
  it.each(scenarios)('$name', ({ facts, same, dealCents, repAvg }) => {
    const revenue = run(facts, 1_000_000, repAvg === undefined ? 2_000_000 : repAvg);
    const deals = run(same, 1_000_000, repAvg === undefined ? 2_000_000 : repAvg);
    expect(table(revenue)).toEqual(table(deals));
    expect(revenue.length).toBeGreaterThan(0);
    for (const e of revenue) {
      expect(e.derivation).toMatchObject({ basis: 'quota', dealsNeeded: 10, dealCents });
      expect(e.derivation.text).toContain(`your quota, at about $${(dealCents / 100).toLocaleString('en-US')} a won deal (your average, weighed with the team's),`);
    }
    for (const e of deals) {
      expect(e.derivation).not.toHaveProperty('dealCents');
      expect(e.derivation.text).not.toContain('a won deal');
    }
  });

  it('with no won amount anywhere there is no deal size to divide by: a typical team week', () => {
    const list = run({ quotaPerQuarter: 10_000_000, quotaMetric: 'revenue' }, null, null);
    expect(list.map((e) => e.derivation.basis)).toEqual(list.map(() => 'team_typical'));
    expect(list.length).toBeGreaterThan(0);
  });
});

describe('explainExpectation for a revenue target', () => {
  const base = { type: 'call' as const, basis: 'quota' as const, reached: false, weekly: 27, capped: false, median: 50, paceWeeks: 4 };
  const scenarios = [
    { name: 'a step up', x: { ...base, need: 40, own: 22, dealCents: 1_500_000 }, want: "You've averaged 22 calls a week over the last 4 weeks and your quota, at about $15,000 a won deal (your average, weighed with the team's), needs about 40 calls a week, so this is a step up from your own pace toward it." },
    { name: 'kept there', x: { ...base, need: 20, own: 22, weekly: 20, dealCents: 1_500_000 }, want: "Your quota, at about $15,000 a won deal (your average, weighed with the team's), needs about 20 calls a week, and you've averaged 22 calls a week over the last 4 weeks, so this keeps you there." },
    { name: 'deals: unchanged', x: { ...base, need: 20, own: 22, weekly: 20 }, want: "Your quota needs about 20 calls a week, and you've averaged 22 calls a week over the last 4 weeks, so this keeps you there." },
  ];
  it.each(scenarios)('$name', ({ x, want }) => {
    expect(explainExpectation(x)).toBe(want);
  });
});
