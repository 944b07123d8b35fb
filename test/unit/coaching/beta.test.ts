import { describe, expect, it } from 'vitest';
import { betaCdf, probabilityBelow } from '../../../src/domain/coaching/beta';

describe('betaCdf', () => {
  // Reference values from scipy.stats.beta.cdf.
  const scenarios = [
    { x: 0.5, a: 1, b: 1, want: 0.5 },
    { x: 0.3, a: 2, b: 3, want: 0.3483 },
    { x: 0.5, a: 10.5, b: 30.5, want: 0.999376 },
    { x: 0.9, a: 0.5, b: 0.5, want: 0.795167 },
    { x: 0, a: 2, b: 2, want: 0 },
    { x: 1, a: 2, b: 2, want: 1 },
  ];
  it.each(scenarios)('I_$x($a, $b) = $want', ({ x, a, b, want }) => {
    expect(betaCdf(x, a, b)).toBeCloseTo(want, 5);
  });

  it('gives the posterior chance a rate is below a line (Jeffreys prior)', () => {
    // 10 of 40 moved on: Beta(10.5, 30.5); P(rate < 0.5) as above.
    expect(probabilityBelow(10, 40, 0.5)).toBeCloseTo(0.999376, 5);
    expect(probabilityBelow(20, 40, 0.5)).toBeCloseTo(0.5, 5);
  });
});
