import { describe, expect, it } from 'vitest';
import { DEFAULT_COACHING_CONFIG } from '../../../src/domain/coaching/inputs';
import { recomputeTeam, syntheticTeam } from './team-synthetic';

describe('a whole-team recompute', () => {
  it('is deterministic: the same input twice gives deep-equal output', () => {
    const first = recomputeTeam(syntheticTeam(40, 30), DEFAULT_COACHING_CONFIG);
    const second = recomputeTeam(syntheticTeam(40, 30), DEFAULT_COACHING_CONFIG);
    expect(second).toEqual(first);
  });

  it('gives every tier its own treatment', () => {
    const { tiers, perRep } = recomputeTeam(syntheticTeam(40, 30), DEFAULT_COACHING_CONFIG);
    const seen = new Set([...tiers.values()].map((d) => d.tier));
    expect([...seen].sort()).toEqual(['autonomous', 'focused', 'guided', 'ramping']);
    for (const { repId, expectations } of perRep) {
      const tier = tiers.get(repId)!.tier;
      if (tier === 'autonomous') expect(expectations).toEqual([]);
      else expect(expectations.length).toBeGreaterThan(0);
      // Daily only for focused; a need under one a week may be per month for anyone.
      if (tier !== 'focused') expect(expectations.every((e) => e.per !== 'day')).toBe(true);
      expect(expectations.length).toBeLessThanOrEqual(3);
    }
    for (const decision of tiers.values()) expect(decision.reasonText.length).toBeGreaterThan(20);
  });
});
