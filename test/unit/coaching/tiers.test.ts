import { describe, expect, it } from 'vitest';
import { assignTiers, type TTierDecision, type TTierState } from '../../../src/domain/coaching/tiers';
import { DEFAULT_COACHING_CONFIG, type TRepFacts } from '../../../src/domain/coaching/inputs';
import { daysAgo, DAY, flatFunnel, NOW } from './builders';

// Tiers are now by attainment against the rep's own goal pace (tier policy: autonomous from 0.95,
// focused under 0.70), no longer by percentile in the team; these expectations changed with that.
// Goal: 10 deals won per 90 days and no `achieved`, so with a 90-day window the score is won / 10.
const goal = { metric: 'deals_won' as const, target: 10, periodStart: NOW - 45 * DAY, periodEnd: NOW + 45 * DAY };
const facts = (repId: number, extra: Partial<TRepFacts> = {}): TRepFacts => ({ repId, firstDataAt: daysAgo(200), quotaPerQuarter: null, goal, ...extra });
const rep = (repId: number, won: number, previous: TTierState | null = null, extra: Partial<TRepFacts> = {}) => ({
  facts: facts(repId, extra), funnel: flatFunnel(0.5, 20, { won }), previous,
});
const state = (tier: TTierState['tier'], pendingTier: TTierState['tier'] | null = null, pendingCount = 0): TTierState => ({ tier, pendingTier, pendingCount });
const tiersOf = (reps: ReturnType<typeof rep>[]) => assignTiers(reps, NOW, DEFAULT_COACHING_CONFIG);
const RANK_WORDS = /top|bottom|percentile|median|rank|%/i;

describe('assignTiers', () => {
  // Scores 0, .6, .7, .8, .9, 1, 1.2, 1.5 (reps 1–8).
  const WON = [0, 6, 7, 8, 9, 10, 12, 15];
  it('places each rep by attainment of their own goal pace, not by rank', () => {
    const tiers = tiersOf(WON.map((won, i) => rep(i + 1, won)));
    expect([...tiers.values()].map((d) => [d.tier, d.placement, d.score])).toEqual([
      ['focused', 'well_behind', 0], ['focused', 'well_behind', 0.6], ['guided', 'behind', 0.7], ['guided', 'behind', 0.8],
      ['guided', 'behind', 0.9], ['autonomous', 'on_track', 1], ['autonomous', 'on_track', 1.2], ['autonomous', 'on_track', 1.5],
    ]);
    expect(tiers.get(1)!.reasonText).toBe("Well behind pace: 0 won against 10 deals expected over the last 90 days at your goal's pace.");
    expect(tiers.get(4)!.reasonText).toBe("Behind pace: 8 won against 10 deals expected over the last 90 days at your goal's pace.");
    expect(tiers.get(6)!.reasonText).toBe("On track: 10 won of 10 deals expected over the last 90 days at your goal's pace.");
    expect(tiers.get(6)!.teamContext).toBe('100% of goal pace (autonomous from 95%, focused under 70%).');
    expect({ lines: tiers.get(1)!.lines, percentile: tiers.get(1)!.percentile, basis: tiers.get(1)!.basis }).toEqual({ lines: { bottom: 0.7, top: 0.95 }, percentile: null, basis: 'goal' });
  });

  it('a team where everyone is on track is all autonomous; a third top performer in nine is not pushed down', () => {
    const tiers = tiersOf([10, 10, 10, 10, 10, 10, 15, 15, 15].map((won, i) => rep(i + 1, won)));
    expect([...tiers.values()].map((d) => d.tier)).toEqual(Array(9).fill('autonomous'));
  });

  // A running goal 45 of 90 days in, with what has been won in the period so far.
  const periodCases = [
    { name: 'on track this quarter', goal: { target: 14, achieved: 7 }, want: ['autonomous', 'On track: 7 won of 7 deals expected by now this quarter.'] },
    { name: 'behind pace', goal: { target: 12, achieved: 5 }, want: ['guided', 'Behind pace: 5 won against 6 deals expected by now this quarter.'] },
    { name: 'well behind pace', goal: { target: 12, achieved: 3 }, want: ['focused', 'Well behind pace: 3 won against 6 deals expected by now this quarter.'] },
    { name: 'revenue', goal: { metric: 'revenue' as const, target: 10_000_000, achieved: 4_800_000 }, want: ['autonomous', 'On track: $48,000 won of $50,000 expected by now this quarter.'] },
  ];
  it.each(periodCases)('goal period so far: $name', ({ goal: g, want }) => {
    const d = tiersOf([rep(1, 0, null, { goal: { ...goal, ...g } })]).get(1)!;
    expect([d.tier, d.reasonText]).toEqual(want);
  });

  it('two weeks into a goal period the trailing window at the goal pace is used instead', () => {
    const early = { ...goal, target: 10, achieved: 0, periodStart: NOW - 14 * DAY, periodEnd: NOW + 76 * DAY };
    const d = tiersOf([rep(1, 10, null, { goal: early })]).get(1)!;
    expect([d.tier, d.score]).toEqual(['autonomous', 1]);
  });

  // Lines 0.70 / 0.95; a margin of 0.25 of pace past the line changes at once.
  const hysteresis = [
    { name: 'a small slip waits for a second recompute', won: 6, previous: state('guided'), want: { tier: 'guided', pendingTier: 'focused', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.1 } },
    { name: 'the second consecutive recompute confirms it', won: 6, previous: state('guided', 'focused', 1), want: { tier: 'focused', pendingTier: null, pendingCount: 0, reasonCode: 'confirmed', changed: true, margin: 0.1 } },
    { name: 'a pending change towards another tier starts counting again', won: 6, previous: state('guided', 'autonomous', 1), want: { tier: 'guided', pendingTier: 'focused', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.1 } },
    { name: 'a large margin changes at once', won: 0, previous: state('guided'), want: { tier: 'focused', pendingTier: null, pendingCount: 0, reasonCode: 'large_margin', changed: true, margin: 0.7 } },
    { name: 'a small rise waits', won: 10, previous: state('guided'), want: { tier: 'guided', pendingTier: 'autonomous', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.05 } },
    { name: 'a large rise changes at once', won: 15, previous: state('guided'), want: { tier: 'autonomous', pendingTier: null, pendingCount: 0, reasonCode: 'large_margin', changed: true, margin: 0.55 } },
    { name: 'back between the lines after a noisy week: pending cleared', won: 8, previous: state('guided', 'focused', 1), want: { tier: 'guided', pendingTier: null, pendingCount: 0, reasonCode: 'steady', changed: false, margin: null } },
    { name: 'leaving focused by a small margin waits', won: 8, previous: state('focused'), want: { tier: 'focused', pendingTier: 'guided', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.1 } },
    { name: 'after ramping the first judgement applies at once', won: 0, previous: state('ramping'), want: { tier: 'focused', pendingTier: null, pendingCount: 0, reasonCode: 'placed', changed: true, margin: null } },
  ] as const;
  it.each(hysteresis)('hysteresis: $name', ({ won, previous, want }) => {
    const { tier, pendingTier, pendingCount, reasonCode, changed, margin } = tiersOf([rep(1, won, previous)]).get(1)!;
    expect({ tier, pendingTier, pendingCount, reasonCode, changed, margin }).toEqual(want);
  });

  it('says what is happening in the rep’s own terms while a change waits and when it lands', () => {
    const week1 = tiersOf([rep(1, 6, state('guided'))]).get(1)!;
    const week2 = tiersOf([rep(1, 6, week1)]).get(1)!;
    expect(week1.reasonText).toBe("Well behind pace: 6 won against 10 deals expected over the last 90 days at your goal's pace. Staying guided for now; it becomes focused if the next recompute agrees.");
    expect(week2.reasonText).toBe("Well behind pace: 6 won against 10 deals expected over the last 90 days at your goal's pace. Now focused, after 2 recomputes in a row.");
  });

  it('falls back to the team percentile only without goal and quota, and keeps the rank for managers', () => {
    // Won 2, 4, 6, 8 with no goal: median 5; relative .4, .8, 1.2, 1.6; percentiles 0, 1/3, 2/3, 1.
    const tiers = tiersOf([2, 4, 6, 8].map((won, i) => rep(i + 1, won, null, { goal: undefined })));
    expect([...tiers.values()].map((d) => [d.tier, d.placement, d.percentile, d.basis])).toEqual([
      ['focused', 'bottom', 0, 'team_median'], ['guided', 'middle', 0.333, 'team_median'], ['guided', 'middle', 0.667, 'team_median'], ['autonomous', 'top', 1, 'team_median'],
    ]);
    expect(tiers.get(1)!.reasonText).toBe('2 deals won over the last 90 days; with no goal or quota agreed yet there is no pace to measure against, so agreeing a goal with your manager sharpens this.');
    expect(tiers.get(4)!.teamContext).toBe("No goal or quota: placed by the team instead, 8 won vs a team median of 5, percentile 100, in the team's top 25%.");
  });

  it('never shows a rep their rank, whatever the basis or hysteresis', () => {
    const reps = [
      ...WON.map((won, i) => rep(i + 1, won, state(i % 2 ? 'guided' : 'focused', 'autonomous', 1))),
      ...[1, 5, 9].map((won, i) => rep(20 + i, won, state('autonomous'), { goal: undefined })),
      rep(30, 3, null, { goal: undefined, quotaPerQuarter: 6 }),
      rep(31, 0, null, { firstDataAt: daysAgo(10) }),
    ];
    const texts = [...tiersOf(reps).values()].map((d: TTierDecision) => d.reasonText);
    for (const text of texts) expect(text).not.toMatch(RANK_WORDS);
  });

  it('ramping under 60 days of data (first activity or first deal): no judgement', () => {
    const tiers = tiersOf([rep(1, 10), rep(9, 0, state('guided'), { firstDataAt: daysAgo(30) }), rep(10, 0, null, { firstDataAt: null })]);
    const ramping = tiers.get(9)!;
    expect({ tier: ramping.tier, percentile: ramping.percentile, reasonCode: ramping.reasonCode, changed: ramping.changed }).toEqual({ tier: 'ramping', percentile: null, reasonCode: 'ramping', changed: true });
    expect(ramping.reasonText).toBe('Ramping: 30 days of data so far; tiers start after 60. Weekly expectations in the meantime.');
    expect(tiers.get(10)!.reasonText).toBe('Ramping: No activity or deals yet; tiers start after 60. Weekly expectations in the meantime.');
    expect(tiers.get(1)!.tier).toBe('autonomous');
  });

  // Quota 6 a quarter: 6 · 90 / 91.3125 = 5.914 expected; 3 won → 0.507, 6 → 1.015.
  it('uses quota pace when there is no goal', () => {
    const tiers = tiersOf([3, 5, 6].map((won, i) => rep(i + 1, won, null, { goal: undefined, quotaPerQuarter: 6 })));
    expect([...tiers.values()].map((d) => [d.basis, d.score, d.tier])).toEqual([['quota', 0.507, 'focused'], ['quota', 0.845, 'guided'], ['quota', 1.015, 'autonomous']]);
    expect(tiers.get(1)!.reasonText).toBe("Well behind pace: 3 won against about 6 deals expected over the last 90 days at your quota's pace.");
  });

  it('revenue goals compare won cents', () => {
    const revenue = { metric: 'revenue' as const, target: 10_000_000, periodStart: NOW - 45 * DAY, periodEnd: NOW + 45 * DAY };
    const decision = assignTiers([{ facts: facts(1, { goal: revenue }), funnel: flatFunnel(0.5, 10, { won: 5, wonCents: 5_000_000 }), previous: null }], NOW, DEFAULT_COACHING_CONFIG).get(1)!;
    expect([decision.score, decision.tier, decision.reasonText]).toEqual([0.5, 'focused', "Well behind pace: $50,000 won against $100,000 expected over the last 90 days at your goal's pace."]);
  });

  it('reads the tier policy from the config', () => {
    const d = assignTiers([rep(1, 8)], NOW, { ...DEFAULT_COACHING_CONFIG, autonomousAttainment: 0.8 }).get(1)!;
    expect(d.tier).toBe('autonomous');
  });

  it('is deterministic and independent of input order', () => {
    const reps = WON.map((won, i) => rep(i + 1, won, i % 2 ? state('guided', 'focused', 1) : null));
    expect([...tiersOf([...reps].reverse()).entries()]).toEqual([...tiersOf(reps).entries()]);
  });
});
