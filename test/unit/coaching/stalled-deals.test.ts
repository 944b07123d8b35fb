import { describe, expect, it } from 'vitest';
import { DEFAULT_COACHING_CONFIG } from '../../../src/domain/coaching/inputs';
import { findStalledDeals } from '../../../src/domain/coaching/stalled-deals';
import { daysAgo, deal, NOW } from './builders';

const staleDays = { demo: 10, negotiation: 7, '*': 14 };

describe('findStalledDeals', () => {
  const scenarios = [
    { name: 'demo idle 12 days (threshold 10)', deal: deal({ id: 1, stage: 'demo', createdAt: daysAgo(30), lastActivityAt: daysAgo(12) }), want: { idleDays: 12, threshold: 10 } },
    { name: 'demo idle exactly 10 days', deal: deal({ id: 2, stage: 'demo', createdAt: daysAgo(30), lastActivityAt: daysAgo(10) }), want: { idleDays: 10, threshold: 10 } },
    { name: 'demo idle 9 days', deal: deal({ id: 3, stage: 'demo', createdAt: daysAgo(30), lastActivityAt: daysAgo(9) }), want: null },
    { name: 'negotiation entered 8 days ago, last activity long before', deal: deal({ id: 4, stage: 'negotiation', createdAt: daysAgo(60), lastActivityAt: daysAgo(20), stageEnteredAt: { negotiation: daysAgo(8) } }), want: { idleDays: 8, threshold: 7 } },
    { name: 'negotiation just entered', deal: deal({ id: 5, stage: 'negotiation', createdAt: daysAgo(60), lastActivityAt: daysAgo(30), stageEnteredAt: { negotiation: daysAgo(3) } }), want: null },
    { name: 'never any activity: idle since created', deal: deal({ id: 6, stage: 'prospecting', createdAt: daysAgo(15) }), want: { idleDays: 15, threshold: 14 } },
    { name: "a custom stage uses '*'", deal: deal({ id: 7, stage: 'legal review', createdAt: daysAgo(40), lastActivityAt: daysAgo(14.5) }), want: { idleDays: 14, threshold: 14 } },
    { name: 'won deals are never stalled', deal: deal({ id: 8, stage: 'won', outcome: 'won', closedAt: daysAgo(90), createdAt: daysAgo(200) }), want: null },
    { name: 'lost deals are never stalled', deal: deal({ id: 9, stage: 'lost', outcome: 'lost', closedAt: daysAgo(90), createdAt: daysAgo(200) }), want: null },
  ];
  it.each(scenarios)('$name', ({ deal: d, want }) => {
    const found = findStalledDeals([d], NOW, staleDays)[0];
    expect(found ? { idleDays: found.idleDays, threshold: found.threshold } : null).toEqual(want);
  });

  it("skips stages without a threshold when there is no '*'", () => {
    expect(findStalledDeals([deal({ id: 1, stage: 'legal review', createdAt: daysAgo(100) })], NOW, { demo: 10 })).toEqual([]);
  });

  it('lists the longest idle first, deal id breaking ties, whatever the input order', () => {
    const deals = [
      deal({ id: 3, stage: 'demo', createdAt: daysAgo(20) }),
      deal({ id: 1, stage: 'demo', createdAt: daysAgo(20) }),
      deal({ id: 2, repId: 7, name: 'Acme', stage: 'negotiation', createdAt: daysAgo(40) }),
    ];
    const stalled = findStalledDeals(deals, NOW, DEFAULT_COACHING_CONFIG.staleDays);
    expect(stalled.map((s) => s.dealId)).toEqual([2, 1, 3]);
    expect(stalled[0]).toEqual({ dealId: 2, repId: 7, name: 'Acme', stage: 'negotiation', idleDays: 40, threshold: 7, since: daysAgo(40) });
    expect(findStalledDeals([...deals].reverse(), NOW, DEFAULT_COACHING_CONFIG.staleDays)).toEqual(stalled);
  });
});
