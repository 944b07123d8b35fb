import { describe, expect, it } from 'vitest';
import { chooseFocus } from '../../../src/domain/coaching/focus-area';
import { shrinkFunnel, type TFunnel } from '../../../src/domain/coaching/funnel';
import { DEFAULT_COACHING_CONFIG } from '../../../src/domain/coaching/inputs';
import { flatFunnel, funnel } from './builders';

// The rest of the team converts 50% everywhere; the team funnel adds the rep's own deals to it, and
// chooseFocus takes them out again (leave-one-out), so the rep is compared with exactly 50%.
const rest = flatFunnel(0.5, 10_000, { avgWonCents: 1_000_000 });
const withRep = (rep: TFunnel): TFunnel => ({
  ...rest,
  rates: rest.rates.map((r, i) => {
    const mine = rep.rates[i]!;
    const reached = r.reached + mine.reached, advanced = r.advanced + mine.advanced;
    return { ...r, reached, advanced, open: r.open + mine.open, rate: advanced / reached };
  }),
});
const focusOf = (rep: TFunnel, previous: string | null) => {
  const teamFunnel = withRep(rep);
  return chooseFocus({ shrunk: shrinkFunnel(rep, teamFunnel, 8), repFunnel: rep, teamFunnel, previous: previous ? { stage: previous } : null, config: DEFAULT_COACHING_CONFIG });
};

// Planted weak demo stage: 10 of 40 demos moved on vs 50% for the team.
// demo shrunk = (10 + 8·0.5) / 48 = 0.2917, gap 0.2083; volume 40 · 91.3125 / 90 = 40.58 a quarter;
// downstream = proposal 0.5 · negotiation 0.5 = 0.25 → gain 0.2083 · 40.58 · 0.25 = 2.114 won deals a quarter.
// discovery: 12 of 40, shrunk (12 + 4) / 48 = 0.3333, gap 0.1667, downstream 0.2917 · 0.25 → gain 0.493.
const weakDemo = funnel([[40, 20, 0], [40, 12, 0], [40, 10, 0], [20, 10, 0], [20, 10, 0]]);
// Two weak late stages, close in gain (shrunk toward the rest's 50%; downstream toward the whole team's):
// proposal: 54 of 180, shrunk 58/188 = 0.3085, gap 0.1915, volume 182.63, downstream = negotiation (16 + 8·0.4989)/62 = 0.3224 → 11.276;
// negotiation: 16 of 54, shrunk 20/62 = 0.3226, gap 0.1774, volume 54.79, downstream 1 → 9.72 (proposal only 1.16× better).
const weakLate = funnel([[200, 100, 0], [200, 100, 0], [200, 100, 0], [180, 54, 0], [54, 16, 0]]);
// Three deals, none past demo: shrunk demo (0 + 4) / 11 = 0.364, but 3 < 5 resolved deals.
const littleData = funnel([[3, 3, 0], [3, 3, 0], [3, 0, 0], [0, 0, 0], [0, 0, 0]]);

describe('chooseFocus', () => {
  it('finds a planted weak stage and explains it', () => {
    const focus = focusOf(weakDemo, null)!;
    expect({ stage: focus.stage, to: focus.to, expectedGain: focus.expectedGain, reasonCode: focus.reasonCode }).toEqual({ stage: 'demo', to: 'proposal', expectedGain: 2.114, reasonCode: 'new' });
    expect(focus.evidence).toMatchObject({
      repRate: 0.292, repRaw: 0.25, teamRate: 0.5, gap: 0.208, reached: 40, advanced: 10, volumePerQuarter: 40.58,
      downstreamWinProbability: 0.25, downstreamValueCents: 250_000, expectedValueCents: 2_113_715,
    });
    expect(focus.evidence.credibility).toBeGreaterThan(0.99);
    expect(focus.evidence.text).toBe('Demo → Proposal: 10 of 40 deals moved on (25%) vs 50% for the rest of the team. Matching them here could add about 2 more won deals a quarter (about $21,137).');
  });

  const scenarios = [
    { name: 'little data: no focus rather than a noisy one', rep: littleData, previous: null, want: null },
    { name: 'a rep level with the team: no focus', rep: flatFunnel(0.5, 40), previous: null, want: null },
    { name: 'a kept focus stays', rep: weakDemo, previous: 'demo', want: ['demo', 'kept'] },
    { name: 'a clearly better candidate (≥ 1.25×) replaces it', rep: weakDemo, previous: 'discovery', want: ['demo', 'switched'] },
    { name: 'a slightly better candidate (1.16×) does not', rep: weakLate, previous: 'negotiation', want: ['negotiation', 'kept'] },
    { name: 'without history the best candidate wins', rep: weakLate, previous: null, want: ['proposal', 'new'] },
    { name: 'a closed gap ends the focus', rep: weakLate, previous: 'demo', want: ['proposal', 'replaced'] },
    { name: 'a closed gap with nothing credible: null', rep: flatFunnel(0.5, 40), previous: 'demo', want: null },
    { name: 'a still-open gap is kept even on thin data', rep: littleData, previous: 'demo', want: ['demo', 'kept'] },
    { name: 'an unknown previous stage is replaced', rep: weakDemo, previous: 'legal', want: ['demo', 'replaced'] },
  ];
  it.each(scenarios)('$name', ({ rep, previous, want }) => {
    const focus = focusOf(rep, previous);
    expect(focus && [focus.stage, focus.reasonCode]).toEqual(want);
  });

  it('needs a credible gap: 2 of 6 vs 50% is not enough evidence', () => {
    // 6 resolved deals at 33%: P(rate < 45%) under Beta(2.5, 4.5) is about 0.72, far under 1 − 0.05/5 = 0.99.
    const rep = funnel([[6, 6, 0], [6, 6, 0], [6, 2, 0], [2, 1, 0], [1, 1, 0]]);
    expect(focusOf(rep, null)).toBeNull();
  });

  it('breaks an exact tie by stage order, and is deterministic', () => {
    // No prior (priorStrength 0) and a window of exactly a quarter make shrunk = raw and volume = reached.
    // discovery: 0.25 gap · 80 · 0.5 downstream = 10; demo: 0.25 gap · 40 · 1 = 10. Equal gains: the earlier stage wins.
    const rate = (from: string, to: string, shrunk: number, team: number, reached: number) => ({ from, to, raw: shrunk, shrunk, team, reached, advanced: shrunk * reached });
    const shrunk = [rate('discovery', 'demo', 0.25, 0.5, 80), rate('demo', 'won', 0.5, 0.75, 40)];
    const repFunnel: TFunnel = { ...funnel([]), windowDays: 91.3125, rates: shrunk.map((r) => ({ ...r, open: 0, rate: r.raw })) };
    // The rest of the team: 10,000 deals at each stage's team rate, plus the rep's own.
    const teamFunnel: TFunnel = { ...rest, rates: shrunk.map((r) => ({ from: r.from, to: r.to, reached: 10_000 + r.reached, advanced: 10_000 * r.team + r.advanced, open: 0, rate: null })) };
    const input = { shrunk, repFunnel, teamFunnel, previous: null, config: { ...DEFAULT_COACHING_CONFIG, priorStrength: 0 } };
    const once = chooseFocus(input);
    expect([once?.stage, once?.expectedGain]).toEqual(['discovery', 10]);
    expect(chooseFocus({ ...input, shrunk: [...shrunk] })).toEqual(once);
  });
});
