import { describe, expect, it } from 'vitest';
import { assignTiers, type TTierState } from '../../../src/domain/coaching/tiers';
import { DEFAULT_COACHING_CONFIG, type TRepFacts } from '../../../src/domain/coaching/inputs';
import { daysAgo, DAY, flatFunnel, NOW } from './builders';

// Goal: 10 deals won per 90 days, so with a 90-day window the score is won / 10.
const goal = { metric: 'deals_won' as const, target: 10, periodStart: NOW - 45 * DAY, periodEnd: NOW + 45 * DAY };
const facts = (repId: number, extra: Partial<TRepFacts> = {}): TRepFacts => ({ repId, firstActivityAt: daysAgo(200), quotaPerQuarter: null, goal, ...extra });
const rep = (repId: number, won: number, previous: TTierState | null = null, extra: Partial<TRepFacts> = {}) => ({
  facts: facts(repId, extra), funnel: flatFunnel(0.5, 20, { won }), previous,
});
const state = (tier: TTierState['tier'], pendingTier: TTierState['tier'] | null = null, pendingCount = 0): TTierState => ({ tier, pendingTier, pendingCount });

// Scores 0, .2, .3, .4, .5, .6, 1.2, 1.5 (reps 1–8); percentiles i/7.
// Bottom line = 25th percentile = .2 + .75·(.3 − .2) = .275; top line = 75th = .6 + .25·(1.2 − .6) = .75, raised to 1 (on pace).
const WON = [0, 2, 3, 4, 5, 6, 12, 15];
const team = (previous: (repId: number) => TTierState | null) => WON.map((won, i) => rep(i + 1, won, previous(i + 1)));

describe('assignTiers', () => {
  it('places a team by percentile: bottom quarter focused, top quarter autonomous, the rest guided', () => {
    const tiers = assignTiers(team(() => null), NOW, DEFAULT_COACHING_CONFIG);
    expect([...tiers.values()].map((d) => [d.tier, d.placement, d.reasonCode, d.changed])).toEqual([
      ['focused', 'bottom', 'placed', false],
      ['focused', 'bottom', 'placed', false],
      ['guided', 'middle', 'placed', false],
      ['guided', 'middle', 'placed', false],
      ['guided', 'middle', 'placed', false],
      ['guided', 'middle', 'placed', false],
      ['autonomous', 'top', 'placed', false],
      ['autonomous', 'top', 'placed', false],
    ]);
    const first = tiers.get(1)!;
    expect({ score: first.score, percentile: first.percentile, lines: first.lines, basis: first.basis }).toEqual({ score: 0, percentile: 0, lines: { bottom: 0.275, top: 0.75 }, basis: 'goal' });
    expect(first.reasonText).toBe("Focused: 0 deals won in the last 90 days, 0% of goal pace (10 expected), in the team's bottom 25%.");
    expect(tiers.get(8)!.reasonText).toBe("Autonomous: 15 deals won in the last 90 days, 150% of goal pace (10 expected), in the team's top 25%.");
  });

  // Everyone was guided last time. Margins: rep 1 .275 − 0 = .275 (large), rep 2 .275 − .2 = .075,
  // rep 7 1.2 − 1 = .2, rep 8 1.5 − 1 = .5 (large). Large means ≥ 0.25 of goal pace past the line.
  const hysteresis = [
    { name: 'a small slip waits for a second recompute', repId: 2, previous: state('guided'), want: { tier: 'guided', pendingTier: 'focused', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.075 } },
    { name: 'the second consecutive recompute confirms it', repId: 2, previous: state('guided', 'focused', 1), want: { tier: 'focused', pendingTier: null, pendingCount: 0, reasonCode: 'confirmed', changed: true, margin: 0.075 } },
    { name: 'a pending change towards another tier starts counting again', repId: 2, previous: state('guided', 'autonomous', 1), want: { tier: 'guided', pendingTier: 'focused', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.075 } },
    { name: 'a large margin changes at once', repId: 1, previous: state('guided'), want: { tier: 'focused', pendingTier: null, pendingCount: 0, reasonCode: 'large_margin', changed: true, margin: 0.275 } },
    { name: 'a small rise waits', repId: 7, previous: state('guided'), want: { tier: 'guided', pendingTier: 'autonomous', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.2 } },
    { name: 'a large rise changes at once', repId: 8, previous: state('guided'), want: { tier: 'autonomous', pendingTier: null, pendingCount: 0, reasonCode: 'large_margin', changed: true, margin: 0.5 } },
    { name: 'back in the middle after a noisy week: pending cleared', repId: 4, previous: state('guided', 'focused', 1), want: { tier: 'guided', pendingTier: null, pendingCount: 0, reasonCode: 'steady', changed: false, margin: null } },
    { name: 'leaving focused by a small margin waits', repId: 4, previous: state('focused'), want: { tier: 'focused', pendingTier: 'guided', pendingCount: 1, reasonCode: 'held', changed: false, margin: 0.125 } },
    { name: 'after ramping the first judgement applies at once', repId: 1, previous: state('ramping'), want: { tier: 'focused', pendingTier: null, pendingCount: 0, reasonCode: 'placed', changed: true, margin: null } },
  ] as const;
  it.each(hysteresis)('hysteresis: $name', ({ repId, previous, want }) => {
    const decision = assignTiers(team((id) => (id === repId ? previous : state('guided'))), NOW, DEFAULT_COACHING_CONFIG).get(repId)!;
    const { tier, pendingTier, pendingCount, reasonCode, changed, margin } = decision;
    expect({ tier, pendingTier, pendingCount, reasonCode, changed, margin }).toEqual(want);
  });

  it('a noisy week then a return is never a change; the same slip twice is', () => {
    const config = DEFAULT_COACHING_CONFIG;
    const slip = (previous: TTierState) => assignTiers(team((id) => (id === 2 ? previous : state('guided'))), NOW, config).get(2)!;
    const recover = (previous: TTierState) => assignTiers(WON.map((won, i) => rep(i + 1, i === 1 ? 4 : won, i === 1 ? previous : state('guided'))), NOW, config).get(2)!;
    const week1 = slip(state('guided'));
    const week2 = recover(week1);
    expect([week1.tier, week2.tier, week2.pendingTier]).toEqual(['guided', 'guided', null]);
    const week2b = slip(week1);
    expect([week2b.tier, week2b.changed]).toEqual(['focused', true]);
    expect(week1.reasonText).toBe("Staying guided for now: 2 deals won in the last 90 days, 20% of goal pace (10 expected), in the team's bottom 25%, which points to focused; it changes if the next recompute agrees.");
    expect(week2b.reasonText).toBe("Now focused: 2 deals won in the last 90 days, 20% of goal pace (10 expected), in the team's bottom 25%, for 2 recomputes in a row.");
  });

  const placements = [
    { name: 'bottom of the team but on pace stays guided', won: [10, 11, 12, 13], want: ['guided', 'bottom_on_pace'] },
    { name: 'top of the team but below pace stays guided', won: [1, 2, 3, 4], want: ['guided', 'top_below_pace'] },
    { name: 'a team of one is in the middle', won: [3], want: ['guided', 'middle'] },
  ];
  it.each(placements)('guards: $name', ({ won, want }) => {
    const tiers = assignTiers(won.map((w, i) => rep(i + 1, w)), NOW, DEFAULT_COACHING_CONFIG);
    const subject = won.length === 1 ? tiers.get(1)! : want[1] === 'bottom_on_pace' ? tiers.get(1)! : tiers.get(won.length)!;
    expect([subject.tier, subject.placement]).toEqual(want);
  });

  it('ramping under 60 days of data: no judgement, left out of the percentiles', () => {
    const reps = [...team(() => null), rep(9, 0, state('guided'), { firstActivityAt: daysAgo(30) }), rep(10, 0, null, { firstActivityAt: null })];
    const tiers = assignTiers(reps, NOW, DEFAULT_COACHING_CONFIG);
    const ramping = tiers.get(9)!;
    expect({ tier: ramping.tier, percentile: ramping.percentile, reasonCode: ramping.reasonCode, changed: ramping.changed }).toEqual({ tier: 'ramping', percentile: null, reasonCode: 'ramping', changed: true });
    expect(ramping.reasonText).toBe('Ramping: 30 days of data so far; tiers start after 60. Weekly expectations in the meantime.');
    expect(tiers.get(10)!.reasonText).toBe('Ramping: No activity logged yet; tiers start after 60. Weekly expectations in the meantime.');
    // The eight judged reps are placed exactly as without the newcomers.
    const judged = assignTiers(team(() => null), NOW, DEFAULT_COACHING_CONFIG);
    for (const [repId, decision] of judged) expect(tiers.get(repId)).toEqual(decision);
  });

  const bases = [
    { name: 'no goal: won vs the team median', extra: { goal: undefined }, won: [2, 4, 6], want: { basis: 'team_median', scores: [0.5, 1, 1.5] } },
    // Quota 6 a quarter: 6 · 90 / 91.3125 = 5.914 expected; 3 won → 0.507.
    { name: 'quota when no goal', extra: { goal: undefined, quotaPerQuarter: 6 }, won: [3, 6, 9], want: { basis: 'quota', scores: [0.507, 1.015, 1.522] } },
  ];
  it.each(bases)('score basis: $name', ({ extra, won, want }) => {
    const tiers = assignTiers(won.map((w, i) => rep(i + 1, w, null, extra)), NOW, DEFAULT_COACHING_CONFIG);
    expect({ basis: tiers.get(1)!.basis, scores: [...tiers.values()].map((d) => d.score) }).toEqual(want);
  });

  it('revenue goals compare won cents', () => {
    const revenue = { metric: 'revenue' as const, target: 10_000_000, periodStart: NOW - 45 * DAY, periodEnd: NOW + 45 * DAY };
    const decision = assignTiers([{ facts: facts(1, { goal: revenue }), funnel: flatFunnel(0.5, 10, { won: 5, wonCents: 5_000_000 }), previous: null }], NOW, DEFAULT_COACHING_CONFIG).get(1)!;
    expect([decision.score, decision.reasonText]).toEqual([0.5, 'Guided: $50,000 won in the last 90 days, 50% of goal pace ($100,000 expected), in the middle of the team.']);
  });

  it('is deterministic and independent of input order', () => {
    const reps = team((id) => (id % 2 ? state('guided', 'focused', 1) : null));
    const once = assignTiers(reps, NOW, DEFAULT_COACHING_CONFIG);
    const again = assignTiers([...reps].reverse(), NOW, DEFAULT_COACHING_CONFIG);
    expect([...again.entries()]).toEqual([...once.entries()]);
  });
});
