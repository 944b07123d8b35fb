import { describe, expect, it } from 'vitest';
import { coachingFor, GENERIC_COACHING, TIER_TONE } from '../../../src/domain/coaching/library';
import { DEFAULT_STAGES } from '../../../src/domain/types';

describe('coaching library', () => {
  const openStages = DEFAULT_STAGES.filter((s) => !s.outcome).map((s) => s.key);
  it.each(openStages)('%s has a one-sentence tip and at least four guiding questions', (key) => {
    const { tip, questions } = coachingFor(key);
    expect(tip).not.toBe(GENERIC_COACHING.tip);
    expect(tip.match(/[.!?]/g)).toHaveLength(1);
    expect(questions.length).toBeGreaterThanOrEqual(4);
    for (const q of questions) expect(q).toMatch(/^[A-Z].*\?$/);
  });

  const scenarios = [
    { key: 'Discovery ', want: 'What did the buyer say the cost of doing nothing is?' },
    { key: 'legal review', want: GENERIC_COACHING.questions[0] },
    { key: 'constructor', want: GENERIC_COACHING.questions[0] },
    { key: 'won', want: GENERIC_COACHING.questions[0] },
  ];
  it.each(scenarios)('coachingFor($key)', ({ key, want }) => {
    expect(coachingFor(key).questions[0]).toBe(want);
  });

  it('hands out copies, so a caller cannot edit the library', () => {
    coachingFor('demo').questions.push('Mutated?');
    expect(coachingFor('demo').questions).not.toContain('Mutated?');
  });

  it('has a tone for every tier; autonomous is about deals and growth, not activity counts', () => {
    expect(Object.keys(TIER_TONE).sort()).toEqual(['autonomous', 'focused', 'guided', 'ramping']);
    expect(TIER_TONE.autonomous).toMatch(/deals.*growth, not activity counts/);
  });
});
