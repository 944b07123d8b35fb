import { describe, expect, it } from 'vitest';
import { measureFocusQuality, summarize } from '../../../bench/quality-data';

// The planted-truth simulation of `npm run bench quality`, on fewer seeds and weeks to stay fast.
describe('focus quality on planted-truth teams', () => {
  const figures = [11, 12, 13].map((seed) => measureFocusQuality(seed, 3));
  const s = summarize(figures);

  it('finds the planted weak stage at least 90% of the time', () => {
    expect(s.found).toBeGreaterThanOrEqual(0.9);
  });
  it('gives at most 5% of healthy reps (on the team process) a focus', () => {
    expect(s.healthyWithFocus).toBeLessThanOrEqual(0.05);
  });
  it('keeps the focus stable week to week when nothing changed in truth', () => {
    expect(s.weeklyChanges).toBeLessThanOrEqual(0.05);
  });
  it('is deterministic', () => {
    expect(measureFocusQuality(11, 3)).toEqual(figures[0]);
  });
});
