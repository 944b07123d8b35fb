import { describe, expect, it } from 'vitest';
import { computeActivityNorms, type TActivityNorms } from '../../../src/domain/coaching/activity-norms';
import { computeExpectations, paceAgainst, type TExpectation } from '../../../src/domain/coaching/expectations';
import type { TShrunkRate } from '../../../src/domain/coaching/funnel';
import { DEFAULT_COACHING_CONFIG, type TRepFacts, type TWeeklyActivity } from '../../../src/domain/coaching/inputs';
import type { TTier } from '../../../src/domain/coaching/tiers';
import type { TActivityType } from '../../../src/domain/types';
import { DAY, flatFunnel, funnel, NOW } from './builders';

const WEEK = 7 * DAY;
// Shrunk rates 0.5 · 0.8 · 0.5 · 1 · 0.5 → win probability 0.1.
const shrunk: TShrunkRate[] = [0.5, 0.8, 0.5, 1, 0.5].map((rate, i) => ({
  from: ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation'][i]!, to: ['discovery', 'demo', 'proposal', 'negotiation', 'won'][i]!,
  raw: rate, shrunk: rate, team: rate, reached: 10, advanced: 10 * rate,
}));
const norm = (low: number, median: number, high: number, total: number) => ({ low, median, high, weeks: 100, total });
const zero = norm(0, 0, 0, 0);
// The team created 200 deals in the window: 12 calls, 5 emails, 1.5 demos, 1 meeting per new deal.
const teamNorms: TActivityNorms = {
  activeRepWeeks: 100,
  byType: { call: norm(30, 45, 60, 2400), email: norm(10, 20, 40, 1000), demo: norm(2, 3, 4, 300), meeting: norm(8, 10, 12, 200), proposal: zero, social: zero, other: norm(1, 5, 9, 500) },
};
const teamFunnel = flatFunnel(0.5, 200, { dealsCreated: 200, avgWonCents: 1_000_000 });
// The rep created 24 deals and logged 240 calls, 120 emails, 24 demos, no meetings.
const repFunnel = funnel([[24, 12, 0], [12, 6, 0], [6, 3, 0], [3, 2, 0], [2, 1, 0]], { dealsCreated: 24, won: 8, avgWonCents: 1_000_000 });
const week = (type: TActivityType, count: number, weekStart = '2026-03-02'): TWeeklyActivity => ({ repId: 1, type, count, weekStart });
const repActivity = [week('call', 120), week('call', 120, '2026-02-23'), week('email', 120), week('demo', 24), week('call', 999, '2025-10-06')];
// Goal: 6 deals this period, 2 won, 8 weeks left.
const goal = { metric: 'deals_won' as const, target: 6, achieved: 2, periodStart: NOW - 4 * WEEK, periodEnd: NOW + 8 * WEEK };

const expect1 = (tier: TTier, facts: Partial<TRepFacts> = {}) =>
  computeExpectations({
    tier, facts: { repId: 1, firstDataAt: NOW - 200 * DAY, quotaPerQuarter: null, goal, ...facts },
    shrunk, repActivity, teamActivity: [], repFunnel, teamFunnel, now: NOW, config: DEFAULT_COACHING_CONFIG, teamNorms,
  });
const table = (list: TExpectation[]) => list.map((e) => [e.type, e.amount, e.per]);

describe('computeExpectations', () => {
  it('back-solves the goal through the shrunk rates, bounded by the team', () => {
    // 4 deals in 8 weeks = 0.5 a week; / 0.1 win probability = 5 new deals a week.
    // Calls per new deal: (240 + 8·12) / (24 + 8) = 336 / 32 = 10.5 → 5 · 10.5 = 52.5 → 53 (inside 30–60).
    // Emails: (120 + 8·5) / 32 = 5 → 25 (inside 10–40).
    // Meetings: (0 + 8·1) / 32 = 0.25 → 1.25, raised to the team's 25th percentile, 8.
    // Demos: (24 + 8·1.5) / 32 = 1.125 → 5.625, capped at the team's 90th percentile, 4.
    // Proposals and social: the team does none, so no expectation; 'other' never gets one.
    const list = expect1('guided');
    expect(table(list)).toEqual([['call', 53, 'week'], ['email', 25, 'week'], ['meeting', 8, 'week'], ['demo', 4, 'week']]);
    expect(list[0]!.derivation).toEqual({
      basis: 'goal', dealsNeeded: 4, weeksLeft: 8, oppsPerWeek: 5, winProbability: 0.1, activitiesPerOpp: 10.5, unbounded: 52.5, bounds: [30, 60],
      text: "Goal: 4 more deals won in 8 weeks (0.5 a week). With 10% of new deals ending won, that takes about 5 new deals a week; at about 10.5 calls per new deal: 53 calls a week (the team's usual range is 30–60).",
    });
    expect(list[2]!.derivation.text).toContain('raised to a usual week on the team');
    expect(list[3]!.derivation.text).toContain("capped at what the team's busiest weeks look like");
  });

  const tiers = [
    { tier: 'autonomous' as const, want: [] },
    { tier: 'ramping' as const, want: [['call', 53, 'week'], ['email', 25, 'week'], ['meeting', 8, 'week'], ['demo', 4, 'week']] },
    // Daily = ceil(weekly / 5) once weekly ≥ 5: 53 → 11, 25 → 5, 8 → 2; 4 demos a week stay weekly.
    { tier: 'focused' as const, want: [['call', 11, 'day'], ['email', 5, 'day'], ['meeting', 2, 'day'], ['demo', 4, 'week']] },
  ];
  it.each(tiers)('$tier', ({ tier, want }) => {
    expect(table(expect1(tier))).toEqual(want);
  });

  const targets = [
    { name: 'goal reached: the team floor', facts: { goal: { ...goal, achieved: 6 } }, want: [['call', 30, 'week'], ['email', 10, 'week'], ['meeting', 8, 'week'], ['demo', 2, 'week']], basis: 'goal' },
    // $40,000 left at $10,000 a deal = the same 4 deals.
    { name: 'revenue goal', facts: { goal: { ...goal, metric: 'revenue' as const, target: 10_000_000, achieved: 6_000_000 } }, want: [['call', 53, 'week'], ['email', 25, 'week'], ['meeting', 8, 'week'], ['demo', 4, 'week']], basis: 'goal' },
    // 13 a quarter ≈ 1 a week → 10 new deals a week → 105 calls, capped at 60; 50 emails capped at 40.
    { name: 'quota without a goal', facts: { goal: undefined, quotaPerQuarter: 13 }, want: [['call', 60, 'week'], ['email', 40, 'week'], ['meeting', 8, 'week'], ['demo', 4, 'week']], basis: 'quota' },
    { name: 'nothing to aim at: a typical team week', facts: { goal: undefined }, want: [['call', 45, 'week'], ['email', 20, 'week'], ['meeting', 10, 'week'], ['demo', 3, 'week']], basis: 'team_typical' },
  ];
  it.each(targets)('$name', ({ facts, want, basis }) => {
    const list = expect1('guided', facts);
    expect(table(list)).toEqual(want);
    expect(list[0]!.derivation.basis).toBe(basis);
  });

  it('explains a reached goal and a missing goal in plain words', () => {
    expect(expect1('guided', { goal: { ...goal, achieved: 7 } })[0]!.derivation.text).toBe("Goal reached; a steady base keeps the pipeline full: 30 calls a week (the team's usual range is 30–60).");
    expect(expect1('focused', { goal: undefined })[0]!.derivation.text).toBe('No goal set yet, so this is a typical week on the team: 45 calls a week, about 9 a day.');
  });

  it('is deterministic: the same input twice gives deep-equal output', () => {
    expect(expect1('focused')).toEqual(expect1('focused'));
  });
});

describe('computeActivityNorms', () => {
  it("takes percentiles over the team's active rep-weeks of complete weeks", () => {
    const row = (repId: number, type: TActivityType, count: number, weekStart: string): TWeeklyActivity => ({ repId, type, count, weekStart });
    const rows = [
      row(1, 'call', 10, '2026-02-23'),
      row(1, 'call', 20, '2026-03-02'),
      row(1, 'email', 5, '2026-03-02'),
      row(2, 'email', 4, '2026-02-23'), // an active week without calls counts 0 calls
      row(2, 'call', 40, '2026-03-02'),
      row(2, 'call', 100, '2026-03-09'), // this week: in the total, not in the percentiles
      row(3, 'call', 70, '2025-11-03'), // before the 90-day window
    ];
    const norms = computeActivityNorms(rows, NOW, 90, [0.25, 0.9]);
    // Calls over rep-weeks [0, 10, 20, 40]: 25th = 7.5, median = 15, 90th = 20 + 0.7·20 = 34. Emails [0, 0, 4, 5].
    expect(norms.byType.call).toEqual({ low: 7.5, median: 15, high: 34, weeks: 4, total: 170 });
    expect(norms.byType.email).toEqual({ low: 0, median: 2, high: 4.7, weeks: 4, total: 9 });
    expect(norms.activeRepWeeks).toBe(4);
    expect(computeActivityNorms(rows, NOW, 90, [0.25, 0.9])).toBe(norms);
  });
});

describe('paceAgainst', () => {
  const calls: TExpectation = { ...expect1('guided')[0]!, amount: 30, weeklyAmount: 30 };
  const demosToday: TExpectation = { ...calls, type: 'demo', per: 'day', amount: 2 };
  const scenarios = [
    { e: calls, done: 6, share: 0.4, want: { status: 'behind', gap: 6, text: 'Behind by 6 calls: 6 of 30 this week so far.' } },
    { e: calls, done: 11, share: 0.4, want: { status: 'behind', gap: 1, text: 'Behind by 1 call: 11 of 30 this week so far.' } },
    { e: calls, done: 12, share: 0.4, want: { status: 'on_pace', gap: 0, text: 'On pace: 12 of 30 calls this week.' } },
    { e: calls, done: 20, share: 0.4, want: { status: 'on_pace', gap: 0, text: 'Ahead: 20 of 30 calls this week.' } },
    { e: calls, done: 30, share: 0.4, want: { status: 'met', gap: 0, text: 'Done: 30 of 30 calls this week.' } },
    { e: calls, done: 0, share: 0, want: { status: 'on_pace', gap: 0, text: 'On pace: 0 of 30 calls this week.' } },
    { e: calls, done: 29, share: 1.5, want: { status: 'behind', gap: 1, text: 'Behind by 1 call: 29 of 30 this week so far.' } },
    { e: demosToday, done: 0, share: 0.5, want: { status: 'behind', gap: 1, text: 'Behind by 1 demo: 0 of 2 today so far.' } },
    { e: demosToday, done: 3, share: 0.5, want: { status: 'met', gap: 0, text: 'Done: 3 of 2 demos today.' } },
  ];
  it.each(scenarios)('$done of $e.amount $e.type at $share → $want.status', ({ e, done, share, want }) => {
    const pace = paceAgainst(e, done, share);
    expect({ status: pace.status, gap: pace.gap, text: pace.text }).toEqual(want);
  });
});
