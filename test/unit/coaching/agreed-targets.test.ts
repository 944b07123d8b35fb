import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { agreedExpectations, agreedTargetText, withAgreedTargets, type TExpectationLike } from '../../../src/domain/coaching/agreed-targets';

const AT = DateTime.fromISO('2026-11-24T18:00:00', { zone: 'America/Los_Angeles' });
const calls25 = [{ type: 'call', per: 'week', amount: 25 }] as const;

describe('agreedTargetText', () => {
  const scenarios = [
    { what: 'proposed by the rep, agreed as is', x: { proposedByRep: true, proposedTargets: calls25 }, want: 'Agreed with Morgan on Nov 24, proposed by you.' },
    { what: 'adjusted', x: { proposedByRep: true, proposedTargets: [{ type: 'call', per: 'week', amount: 40 }] }, want: 'Agreed with Morgan on Nov 24, adjusted from what you proposed (40 calls a week).' },
    { what: 'set by the manager', x: { proposedByRep: false, proposedTargets: calls25 }, want: 'Set by Morgan on Nov 24.' },
  ] as const;
  it.each(scenarios)('$what', ({ x, want }) => {
    expect(agreedTargetText({ targets: calls25, agreedByName: 'Morgan', agreedAt: AT, ...x })).toBe(want);
  });
});

describe('withAgreedTargets', () => {
  const engine = (type: TExpectationLike['type'], amount: number): TExpectationLike => ({ type, per: 'week', amount, derivation: { text: `engine ${type}` } });
  const agreed = agreedExpectations({
    id: 7, agreedByName: 'Morgan', agreedAt: AT, proposedByRep: true,
    targets: [{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 2 }],
    proposedTargets: [{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 2 }],
  });
  it('agreed targets replace the engine\'s for their types, come first, and the total stays at most three', () => {
    const got = withAgreedTargets([engine('email', 12), engine('call', 71), engine('demo', 3)], agreed, 3);
    expect(got.map((e) => `${e.type}:${e.amount}/${e.per}`)).toEqual(['call:25/week', 'proposal:2/month', 'email:12/week']);
    expect(got[0]!.derivation).toMatchObject({ basis: 'agreed', agreedTargetsId: 7, weeklyAmount: 25, text: 'Agreed with Morgan on Nov 24, proposed by you.' });
    expect(got[1]!.derivation).toMatchObject({ weeklyAmount: 0.46 });
  });
  it('without agreed targets the engine\'s stand as they are', () => {
    const computed = [engine('email', 12), engine('call', 71)];
    expect(withAgreedTargets(computed, [], 3)).toEqual(computed);
  });
});
