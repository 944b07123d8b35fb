import { describe, expect, it } from 'vitest';
import { renderTargetsNotice, renderTargetsOverview, renderTargetsProposal, type TTargetsOverview } from '../../src/slack/blocks/targets';

const HOSTILE = '<!channel> *Eve* & <@U0BAD>';
const calls = [{ type: 'call', per: 'week', amount: 25 }] as const;
const view = (over: Partial<TTargetsOverview> = {}): TTargetsOverview => ({
  current: [
    { type: 'call', per: 'week', amount: 25, text: 'Agreed with Morgan on Nov 24, proposed by you.', source: 'agreed' },
    { type: 'proposal', per: 'month', amount: 1, text: 'Your goal needs about 1 proposal a month, a small step up from your recent pace.', source: 'engine' },
  ],
  proposed: null,
  tier: 'guided',
  managerName: 'Morgan',
  ...over,
});

describe('renderTargetsOverview', () => {
  const scenarios = [
    { what: 'agreed and computed, each with its sentence', v: view(), want: ['*25 calls a week* — Agreed with Morgan on Nov 24, proposed by you.', '*1 proposal a month* — Your goal needs', ':handshake:', ':bar_chart:'], not: ['outcome goals only'] },
    { what: 'autonomous: says there are no activity targets', v: view({ tier: 'autonomous' }), want: ['no weekly activity targets right now — outcome goals only'], not: [] },
    { what: 'before the first nightly update', v: view({ current: [], tier: null }), want: ['the first come with the nightly update'], not: [] },
    { what: 'a pending proposal', v: view({ proposed: { targets: [...calls], proposedTargets: [...calls], agreedByName: null } }), want: ['Proposed: *25 calls a week* — waiting for Morgan to agree'], not: [] },
    { what: 'a manager looking', v: view({ ownerName: 'Dana Rep' }), want: ["Dana Rep's activity targets", '/coach targets @rep 20 calls'], not: [] },
  ];
  it.each(scenarios)('$what', ({ v, want, not }) => {
    const json = JSON.stringify(renderTargetsOverview(v).blocks);
    for (const w of want) expect(json).toContain(JSON.stringify(w).slice(1, -1));
    for (const n of not) expect(json).not.toContain(n);
  });
});

describe('targets renderers under hostile names', () => {
  it('escape names in blocks and strip markup from the fallback text', () => {
    const rendered = [
      renderTargetsProposal({ targetsId: 1, repName: HOSTILE, targets: [...calls] }),
      renderTargetsNotice({ kind: 'set', byName: HOSTILE, set: { targets: [...calls], proposedTargets: [...calls], agreedByName: HOSTILE } }),
      renderTargetsOverview(view({ managerName: HOSTILE, proposed: { targets: [...calls], proposedTargets: [...calls], agreedByName: null } })),
    ];
    for (const r of rendered) {
      const json = JSON.stringify(r);
      expect(json).not.toContain('<!channel>');
      expect(json).not.toContain('<@U0BAD>');
    }
  });
});
