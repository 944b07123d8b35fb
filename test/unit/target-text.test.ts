import { describe, expect, it } from 'vitest';
import { parseTargets, sameTargets, type TActivityTarget, targetsInputValue, targetsPhrase } from '../../src/domain/target-text';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('parseTargets: what reps type', () => {
  const scenarios = [
    { text: '25 calls 10 emails 2 demos', want: [{ type: 'call', per: 'week', amount: 25 }, { type: 'email', per: 'week', amount: 10 }, { type: 'demo', per: 'week', amount: 2 }] },
    { text: '25 calls, 10 emails and 2 demos', want: [{ type: 'call', per: 'week', amount: 25 }, { type: 'email', per: 'week', amount: 10 }, { type: 'demo', per: 'week', amount: 2 }] },
    { text: 'calls 25, emails 10', want: [{ type: 'call', per: 'week', amount: 25 }, { type: 'email', per: 'week', amount: 10 }] },
    { text: '20 Calls a week', want: [{ type: 'call', per: 'week', amount: 20 }] },
    { text: '20 dials per week', want: [{ type: 'call', per: 'week', amount: 20 }] },
    { text: '20 calls/wk + 3 mtgs', want: [{ type: 'call', per: 'week', amount: 20 }, { type: 'meeting', per: 'week', amount: 3 }] },
    { text: '25 calls 2 proposals a month', want: [{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 2 }] },
    { text: '1 quote per month', want: [{ type: 'proposal', per: 'month', amount: 1 }] },
    { text: '3 proposals monthly', want: [{ type: 'proposal', per: 'month', amount: 3 }] },
    { text: '2 proposals/mo', want: [{ type: 'proposal', per: 'month', amount: 2 }] },
    { text: '15 social touches', want: [{ type: 'social', per: 'week', amount: 15 }] },
    { text: '5 linkedin messages 10 follow ups', want: [{ type: 'social', per: 'week', amount: 5 }, { type: 'email', per: 'week', amount: 10 }] },
    { text: '500 calls', want: [{ type: 'call', per: 'week', amount: 500 }] },
    { text: '1 demo.', want: [{ type: 'demo', per: 'week', amount: 1 }] },
  ] as const;

  it.each(scenarios)('$text', ({ text, want }) => {
    expect(parseTargets(words(text))).toEqual({ ok: true, targets: want });
  });
});

describe('parseTargets: what is refused, and how it is said', () => {
  const scenarios = [
    { text: '', want: /Which targets\?/ },
    { text: '25', want: /`25` what\?/ },
    { text: 'calls', want: /How many calls\?/ },
    { text: '25 widgets', want: /didn't understand `widgets`/ },
    { text: '0 calls', want: /between 1 and 500 calls a week/ },
    { text: '-3 calls', want: /between 1 and 500/ },
    { text: '501 calls', want: /between 1 and 500 calls a week/ },
    { text: '501 proposals a month', want: /between 1 and 500 proposals a month/ },
    { text: '0.5 proposals', want: /Under one a week is said per month, like `2 proposals a month`/ },
    { text: '2.5 calls', want: /whole numbers/ },
    { text: '5 calls a day', want: /Targets are for the week.*`25 calls` a week/ },
    { text: '40 calls a quarter', want: /your goal covers the quarter/ },
    { text: '3 other', want: /"Other" activity can't have a target/ },
    { text: '10 calls 5 calls', want: /Calls twice/ },
    { text: '25 calls 10 emails 2 demos 1 proposal', want: /At most 3 targets/ },
    { text: '3 called', want: /didn't understand `called`/ },
    { text: '5 <@U123> calls', want: /didn't understand `u123`/ },
    { text: 'x'.repeat(200), want: /too long/ },
  ] as const;

  it.each(scenarios)('$text', ({ text, want }) => {
    const got = parseTargets(words(text));
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.message).toMatch(want);
  });
});

describe('target phrases read back', () => {
  const sets: { set: TActivityTarget[] }[] = [
    { set: [{ type: 'call', per: 'week', amount: 25 }] },
    { set: [{ type: 'call', per: 'week', amount: 1 }, { type: 'email', per: 'week', amount: 10 }] },
    { set: [{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 1 }, { type: 'social', per: 'week', amount: 4 }] },
  ];
  it.each(sets)('the adjust modal value parses back to the same set (%#)', ({ set }) => {
    const parsed = parseTargets(words(targetsInputValue(set)));
    expect(parsed.ok && sameTargets(parsed.targets, set)).toBe(true);
  });
  it('phrases say the period once when all are weekly', () => {
    expect(targetsPhrase([{ type: 'call', per: 'week', amount: 25 }, { type: 'email', per: 'week', amount: 1 }])).toBe('25 calls and 1 email a week');
    expect(targetsPhrase([{ type: 'call', per: 'week', amount: 25 }, { type: 'proposal', per: 'month', amount: 2 }])).toBe('25 calls a week and 2 proposals a month');
  });
});
