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
// The team created 200 deals in the window: 12 calls, 5 emails, 1.5 demos, 1 meeting, 0.2 proposals per new deal.
const teamNorms: TActivityNorms = {
  activeRepWeeks: 100,
  byType: { call: norm(30, 50, 80, 2400), email: norm(10, 20, 40, 1000), demo: norm(1, 3, 4, 300), meeting: norm(8, 10, 12, 200), proposal: norm(0, 0, 1, 40), social: zero, other: norm(1, 5, 9, 500) },
};
const teamFunnel = flatFunnel(0.5, 200, { dealsCreated: 200, avgWonCents: 1_000_000 });
const repFunnel = funnel([[24, 12, 0], [12, 6, 0], [6, 3, 0], [3, 2, 0], [2, 1, 0]], { dealsCreated: 24, won: 8, avgWonCents: 1_000_000 });
const week = (type: TActivityType, count: number, weekStart: string): TWeeklyActivity => ({ repId: 1, type, count, weekStart });
// The last four complete weeks before Wed 11 Mar (Mondays 9 Feb – 2 Mar): 22 calls, 30 emails, 2 demos a week.
const WEEKS = ['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02'];
const activityOf = (calls: number) => WEEKS.flatMap((w) => [week('call', calls, w), week('email', 30, w), week('demo', 2, w)]);
// Goal: 6 deals this period, 2 won, 8 weeks left: 4 deals in 8 weeks at 10% → 5 new deals a week.
const goal = { metric: 'deals_won' as const, target: 6, achieved: 2, periodStart: NOW - 4 * WEEK, periodEnd: NOW + 8 * WEEK };

const expect1 = (tier: TTier, facts: Partial<TRepFacts> = {}, focusStage: string | null = null, repActivity = activityOf(22)) =>
  computeExpectations({
    tier, facts: { repId: 1, firstDataAt: NOW - 200 * DAY, quotaPerQuarter: null, goal, ...facts },
    shrunk, repActivity, teamActivity: [], repFunnel, teamFunnel, now: NOW, config: DEFAULT_COACHING_CONFIG, teamNorms, focusStage,
  });
const table = (list: TExpectation[]) => list.map((e) => [e.type, e.amount, e.per]);
const JARGON = /per new deal|raw|\d\.\d+ (a|per) week|0\.\d|unbounded/;

// Per new deal (rep 24 deals, prior of 8 deals at the team's): calls (88 + 8·12)/32 = 5.75, emails (120 + 40)/32 = 5,
// demos (8 + 12)/32 = 0.625, meetings 8/32 = 0.25, proposals 1.6/32 = 0.05. At 5 new deals a week the goal needs
// 28.75 calls, 25 emails, 3.125 demos, 1.25 meetings, 0.25 proposals a week; the rep does 22, 30, 2, 0, 0.
// Steps: max(20% of own, 10% of the team's median, 1): calls max(4.4, 5) = 5 → 27; demos 2 + 1 = 3; meetings 0 + 1 = 1;
// emails are above need → 25; proposals 0.25 a week → about 1 a month.
// Shortfall vs own pace: meetings 1.25, demos 0.56, calls 0.31, proposals 0.25, emails −0.17.
describe('computeExpectations', () => {
  const scenarios = [
    { name: 'no focus: the largest shortfalls, at most three, each a step from own pace', focus: null, want: [['meeting', 1, 'week'], ['demo', 3, 'week'], ['call', 27, 'week']] },
    { name: 'focus on prospecting: calls and emails (which feed it) first', focus: 'prospecting', want: [['call', 27, 'week'], ['email', 25, 'week'], ['meeting', 1, 'week']] },
    { name: 'focus on proposal: a need under one a week is per month', focus: 'proposal', want: [['proposal', 1, 'month'], ['meeting', 1, 'week'], ['demo', 3, 'week']] },
  ];
  it.each(scenarios)('$name', ({ focus, want }) => {
    expect(table(expect1('guided', {}, focus))).toEqual(want);
  });

  it('derives each from own pace toward the need, in one plain sentence', () => {
    const [call, email] = expect1('guided', {}, 'prospecting');
    expect(call!.derivation).toEqual({
      basis: 'goal', stage: 'prospecting', feedsFocus: true, dealsNeeded: 4, weeksLeft: 8, oppsPerWeek: 5, winProbability: 0.1, activitiesPerOpp: 5.75,
      need: 28.75, recentWeekly: 22, start: 'own_pace', target: 27, step: 5, bounds: [30, 80],
      text: "You've averaged 22 calls a week over the last 4 weeks and your goal needs about 29 calls a week, so this is a step up from your own pace toward it.",
    });
    expect(email!.derivation.text).toBe("Your goal needs about 25 emails a week, and you've averaged 30 emails a week over the last 4 weeks, so this keeps you there.");
    const proposal = expect1('guided', {}, 'proposal')[0]!;
    expect([proposal.weeklyAmount, proposal.derivation.text]).toEqual([0.25, "Your goal needs about 1 proposal a month, a first step from none over the last 4 weeks."]);
  });

  it('asks a rep making 22 calls a week for 27, not the 57 the quota needs', () => {
    // Quota 13 a quarter: 13 / 13.04 weeks / 10% = 9.97 new deals a week × 5.75 = 57.3 calls.
    const [call] = expect1('guided', { goal: undefined, quotaPerQuarter: 13 }, 'prospecting');
    expect([call!.amount, call!.derivation.need, call!.derivation.text]).toEqual([27, 57.3, "You've averaged 22 calls a week over the last 4 weeks and your quota needs about 57 calls a week, so this is a step up from your own pace toward it."]);
  });

  it("never goes above the team's high week", () => {
    // 78 calls a week: (312 + 96)/32 = 12.75 a new deal → 127 needed; 78 + 15.6 = 93.6, capped at 80.
    const call = expect1('guided', { goal: undefined, quotaPerQuarter: 13 }, 'prospecting', activityOf(78)).find((e) => e.type === 'call');
    expect([call!.amount, call!.derivation.text]).toEqual([80, "You've averaged 78 calls a week over the last 4 weeks and your quota needs about 127 calls a week, so this is a step up from your own pace toward it, no more than the team's busiest weeks."]);
  });

  it("gives a new hire with little data the team's typical week at most, never the busiest", () => {
    // 20 days of data: no four complete weeks of their own. min(need, median): calls 28.75 → 29, emails 20, meetings 1.25 → 1.
    const list = expect1('guided', { firstDataAt: NOW - 20 * DAY });
    expect(table(list)).toEqual([['call', 29, 'week'], ['email', 20, 'week'], ['meeting', 1, 'week']]);
    expect(list[0]!.derivation).toMatchObject({ start: 'team_typical', recentWeekly: null });
    expect(list[0]!.derivation.text).toBe('While you build up a few weeks of your own numbers, this is what your goal needs: about 29 calls a week.');
    expect(list[1]!.derivation.text).toBe('While you build up a few weeks of your own numbers, this is a typical week on the team, short of the 25 emails a week your goal needs.');
    const noGoal = expect1('guided', { firstDataAt: NOW - 20 * DAY, goal: undefined });
    expect(table(noGoal)).toEqual([['call', 50, 'week'], ['email', 20, 'week'], ['meeting', 10, 'week']]);
    expect(noGoal[0]!.derivation.text).toBe('While you build up a few weeks of your own numbers, this is a typical week on the team.');
  });

  const tiers = [
    { tier: 'autonomous' as const, want: [] },
    { tier: 'ramping' as const, want: [['call', 27, 'week'], ['email', 25, 'week'], ['meeting', 1, 'week']] },
    // Daily = round(weekly / 5) once weekly ≥ 5 (and its week is that × 5): 27 → 5 a day, 25 → 5; 1 meeting a week stays weekly.
    { tier: 'focused' as const, want: [['call', 5, 'day'], ['email', 5, 'day'], ['meeting', 1, 'week']] },
  ];
  it.each(tiers)('$tier', ({ tier, want }) => {
    expect(table(expect1(tier, {}, 'prospecting'))).toEqual(want);
  });

  const targets = [
    { name: 'goal reached: keep own pace', facts: { goal: { ...goal, achieved: 6 } }, want: [['call', 22, 'week'], ['email', 30, 'week'], ['demo', 2, 'week']], basis: 'goal' },
    // $40,000 left at $10,000 a deal = the same 4 deals.
    { name: 'revenue goal', facts: { goal: { ...goal, metric: 'revenue' as const, target: 10_000_000, achieved: 6_000_000 } }, want: [['meeting', 1, 'week'], ['demo', 3, 'week'], ['call', 27, 'week']], basis: 'goal' },
    // No target: toward the team's median week: calls 22 → 27 (median 50), emails 30 → 20, demos 2 → 3, meetings 0 → 1.
    { name: 'nothing to aim at: a step toward a typical team week', facts: { goal: undefined }, want: [['meeting', 1, 'week'], ['call', 27, 'week'], ['demo', 3, 'week']], basis: 'team_typical' },
  ];
  it.each(targets)('$name', ({ facts, want, basis }) => {
    const list = expect1('guided', facts);
    expect(table(list)).toEqual(want);
    expect(list[0]!.derivation.basis).toBe(basis);
  });

  it('explains a reached goal and a missing goal in plain words, without jargon', () => {
    expect(expect1('guided', { goal: { ...goal, achieved: 7 } })[0]!.derivation.text).toBe("Your goal is reached; keeping the pace you've had over the last 4 weeks keeps the pipeline full.");
    expect(expect1('guided', { goal: undefined })[1]!.derivation.text).toBe("With no goal set yet this is a step from your recent pace toward a typical week on the team (you've averaged 22 calls a week over the last 4 weeks).");
    const all = [null, 'prospecting', 'proposal'].flatMap((f) => [...expect1('guided', {}, f), ...expect1('focused', { goal: undefined }, f), ...expect1('guided', { firstDataAt: NOW - 20 * DAY }, f)]);
    for (const e of all) expect(e.derivation.text).not.toMatch(JARGON);
  });

  it('is deterministic: the same input twice gives deep-equal output', () => {
    expect(expect1('focused', {}, 'demo')).toEqual(expect1('focused', {}, 'demo'));
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
  const calls: TExpectation = { ...expect1('guided', {}, 'prospecting')[0]!, amount: 30, weeklyAmount: 30 };
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
    { e: { ...calls, type: 'proposal', per: 'month', amount: 1 } as TExpectation, done: 0, share: 0.5, want: { status: 'on_pace', gap: 0, text: 'On pace: 0 of 1 proposal this month.' } },
  ];
  it.each(scenarios)('$done of $e.amount $e.type at $share → $want.status', ({ e, done, share, want }) => {
    const pace = paceAgainst(e, done, share);
    expect({ status: pace.status, gap: pace.gap, text: pace.text }).toEqual(want);
  });
});
