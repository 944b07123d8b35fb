import { describe, expect, it } from 'vitest';
import { binomialUpperTail, findDealPattern, type TDealPatternInput, welchUpperTail } from '../../../src/domain/coaching/deal-patterns';
import { closedDealFacts, type TClosedDealFact, stageDays } from '../../../src/domain/coaching/deal-stage-facts';
import { DEFAULT_STAGES } from '../../../src/domain/types';
import { daysAgo, deal, NOW } from './builders';
import { measurePatternQuality } from './deal-patterns-synthetic';

/** `n` deals lost after `stage`, closed one a day counting back from `from` days ago. */
const lost = (stage: string, n: number, from = 1): TClosedDealFact[] =>
  Array.from({ length: n }, (_, i) => ({ outcome: 'lost', lastStage: stage, closedAt: daysAgo(from + i) }));
const won = (n: number): TClosedDealFact[] => Array.from({ length: n }, (_, i) => ({ outcome: 'won', lastStage: 'negotiation', closedAt: daysAgo(1 + i) }));
/** The rest of the team: 100 lost deals, spread as most teams lose them (prospecting 45, discovery 25, demo 15, proposal 10, negotiation 5). */
const TEAM_LOST = [...lost('prospecting', 45), ...lost('discovery', 25), ...lost('demo', 15), ...lost('proposal', 10), ...lost('negotiation', 5)];
const days = (n: number, value: number) => Array.from({ length: n }, (_, i) => value * (0.8 + (0.4 * i) / Math.max(1, n - 1)));

const input = (over: { repClosed?: TClosedDealFact[]; teamClosed?: TClosedDealFact[]; repDays?: Record<string, number[]>; teamDays?: Record<string, number[]> }): TDealPatternInput => ({
  stages: DEFAULT_STAGES,
  rep: { closed: over.repClosed ?? [], stageDays: over.repDays ?? {} },
  team: { closed: over.teamClosed ?? TEAM_LOST, stageDays: over.teamDays ?? { proposal: days(30, 8), demo: days(30, 6) } },
});

describe('findDealPattern', () => {
  const scenarios: { what: string; given: TDealPatternInput; want: Record<string, unknown> | undefined }[] = [
    { what: 'no deals at all', given: input({}), want: undefined },
    { what: '3 lost deals, all after Proposal: too few', given: input({ repClosed: lost('proposal', 3) }), want: undefined },
    {
      what: '4 of the last 4 lost after Proposal (team: 1 in 10)',
      given: input({ repClosed: lost('proposal', 4) }),
      want: { kind: 'lost-after', stage: 'proposal', lost: 4, of: 4, teamLost: 10, teamOf: 100 },
    },
    {
      what: '5 of the last 8 lost after Proposal',
      given: input({ repClosed: [...lost('proposal', 5), ...lost('prospecting', 3, 10)] }),
      want: { kind: 'lost-after', stage: 'proposal', lost: 5, of: 8 },
    },
    { what: '4 of the last 8 lost after Demo (team: 15 in 100): within chance', given: input({ repClosed: [...lost('demo', 4), ...lost('prospecting', 4, 10)] }), want: undefined },
    { what: '6 of 8 lost after Prospecting, as most teams lose them', given: input({ repClosed: [...lost('prospecting', 6), ...lost('demo', 2, 10)] }), want: undefined },
    { what: 'only the last 8 lost deals count', given: input({ repClosed: [...lost('prospecting', 8), ...lost('proposal', 5, 20)] }), want: undefined },
    { what: 'won deals are not lost deals', given: input({ repClosed: [...won(10), ...lost('proposal', 3)] }), want: undefined },
    { what: 'a team with under 10 lost deals says nothing', given: input({ repClosed: lost('proposal', 6), teamClosed: lost('demo', 9) }), want: undefined },
    {
      what: 'Proposal 3× the team’s, 6 deals',
      given: input({ repDays: { proposal: days(6, 24) } }),
      want: { kind: 'slow-stage', stage: 'proposal', deals: 6, teamMedianDays: 8 },
    },
    { what: 'Proposal 3× the team’s, but 4 deals', given: input({ repDays: { proposal: days(4, 24) } }), want: undefined },
    { what: 'Proposal 3× the team’s, but the team has 9 deals through it', given: input({ repDays: { proposal: days(8, 24) }, teamDays: { proposal: days(9, 8) } }), want: undefined },
    { what: 'Proposal 1.9× the team’s', given: input({ repDays: { proposal: days(20, 15.2) } }), want: undefined },
    { what: 'a team median of hours is read as a day', given: input({ repDays: { demo: days(10, 1.5) }, teamDays: { demo: days(30, 0.2) } }), want: undefined },
    {
      what: 'both hold: the stronger wins (10 slow deals beat 4 of 8 lost)',
      given: input({ repClosed: [...lost('negotiation', 4), ...lost('prospecting', 4, 10)], repDays: { demo: days(12, 30) } }),
      want: { kind: 'slow-stage', stage: 'demo' },
    },
    {
      what: 'both hold: the stronger wins (8 of 8 lost beat 5 slow deals)',
      given: input({ repClosed: lost('negotiation', 8), repDays: { proposal: days(5, 18) } }),
      want: { kind: 'lost-after', stage: 'negotiation', lost: 8, of: 8 },
    },
    { what: 'a selling system without open stages', given: { ...input({ repClosed: lost('proposal', 8) }), stages: DEFAULT_STAGES.filter((s) => s.outcome) }, want: undefined },
  ];
  it.each(scenarios)('$what', ({ given, want }) => {
    const found = findDealPattern(given);
    if (want === undefined) expect(found).toBeUndefined();
    else expect(found).toMatchObject(want);
  });
});

describe('the statistics', () => {
  it('binomialUpperTail is P(X ≥ k)', () => {
    expect(binomialUpperTail(0, 8, 0.2)).toBe(1);
    expect(binomialUpperTail(9, 8, 0.2)).toBe(0);
    expect(binomialUpperTail(8, 8, 0.5)).toBeCloseTo(1 / 256, 10);
    // 4 of 6 at 1 in 5: 15·0.2⁴·0.8² + 6·0.2⁵·0.8 + 0.2⁶
    expect(binomialUpperTail(4, 6, 0.2)).toBeCloseTo(0.01696, 5);
  });
  it('welchUpperTail is small only when the rep is clearly slower', () => {
    expect(welchUpperTail(days(10, 30), days(30, 8))).toBeLessThan(1e-4);
    expect(welchUpperTail(days(10, 8), days(30, 8))).toBeGreaterThan(0.3);
    expect(welchUpperTail(days(10, 4), days(30, 8))).toBeGreaterThan(0.9);
    // Against a margin of 1.25×, a rep 1.2× slower is no evidence.
    expect(welchUpperTail(days(10, 9.6), days(30, 8), 1.25)).toBeGreaterThan(0.5);
  });
});

describe('deal facts for patterns', () => {
  const stages = DEFAULT_STAGES;
  const deals = [
    // Lost from proposal after 4 days there.
    deal({ id: 1, outcome: 'lost', closedAt: daysAgo(10), stage: 'lost', furthestStage: 'proposal', stageEnteredAt: { prospecting: daysAgo(30), demo: daysAgo(20), proposal: daysAgo(14), lost: daysAgo(10) } }),
    // Won, no history: its furthest stage stands in.
    deal({ id: 2, outcome: 'won', closedAt: daysAgo(5), stage: 'won', furthestStage: 'negotiation' }),
    // Still in demo: no days for demo yet.
    deal({ id: 3, stage: 'demo', furthestStage: 'demo', stageEnteredAt: { prospecting: daysAgo(9), demo: daysAgo(3) } }),
    // Closed before the window.
    deal({ id: 4, outcome: 'lost', closedAt: daysAgo(400), stage: 'lost', furthestStage: 'demo', stageEnteredAt: { demo: daysAgo(410) } }),
  ];
  it('closedDealFacts: the last open stage each closed deal was in', () => {
    expect(closedDealFacts(deals, stages, daysAgo(180), NOW)).toEqual([
      { outcome: 'lost', lastStage: 'proposal', closedAt: daysAgo(10) },
      { outcome: 'won', lastStage: 'negotiation', closedAt: daysAgo(5) },
    ]);
  });
  it('stageDays: days in each stage a deal left inside the window', () => {
    expect(stageDays(deals, stages, daysAgo(180), NOW)).toEqual({ prospecting: [10, 6], demo: [6], proposal: [4] });
  });
  it('a close after `now` is not known yet', () => {
    expect(closedDealFacts(deals, stages, daysAgo(180), daysAgo(7))).toHaveLength(1);
    expect(stageDays(deals, stages, daysAgo(180), daysAgo(12))).toEqual({ prospecting: [10], demo: [6] });
  });
});

describe('deal patterns on planted-truth teams', () => {
  // 150 teams of 8 (seeded): 2 reps each with a planted pattern (most lost deals dying after one stage, or one
  // stage 3× the team's), 6 following the team's process with the small differences any two people have.
  const q = measurePatternQuality(1000, 150);
  const rate = (hits: number, of: number) => hits / of;

  it('finds a planted "lost after" pattern most of the time', () => {
    const { hits, planted } = q.byKind['lost-after']!;
    expect(rate(hits, planted)).toBeGreaterThanOrEqual(0.5);
  });
  it('finds a planted slow stage at least 3 times in 4', () => {
    const { hits, planted } = q.byKind['slow-stage']!;
    expect(rate(hits, planted)).toBeGreaterThanOrEqual(0.75);
  });
  it('names a pattern for at most 1% of the reps without one', () => {
    expect(q.healthy).toBe(900);
    expect(rate(q.falsePositives, q.healthy)).toBeLessThanOrEqual(0.01);
  });
  it('hardly ever names the wrong pattern for a planted rep', () => {
    expect(rate(q.wrong, q.planted)).toBeLessThanOrEqual(0.02);
  });
});
