import { describe, expect, it } from 'vitest';
import { DEFAULT_COACHING_CONFIG } from '../../../src/domain/coaching/inputs';
import { classifyIdleDeals, findStalledDeals } from '../../../src/domain/coaching/stalled-deals';
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

  // Ranking by value discounted by idleness: priority = amount × threshold / idleDays.
  // 1: $10,000 in demo idle 20 days (threshold 10) → 500,000; 2: $30,000 in negotiation idle 40 days (7) → 525,000;
  // 3: $10,000 in demo idle 12 days → 833,333; 4: no amount, idle 11 days → 0; 5: no amount, idle 15 days → 0;
  // 6: $50,000 idle 120 days → dormant (over 90), never stalled; 7: idle 95 days, no amount → dormant.
  it('ranks stalled deals by value and recency and lists dormant ones apart, whatever the input order', () => {
    const deals = [
      deal({ id: 1, stage: 'demo', createdAt: daysAgo(20), amountCents: 1_000_000 }),
      deal({ id: 2, repId: 7, name: 'Acme', stage: 'negotiation', createdAt: daysAgo(40), amountCents: 3_000_000 }),
      deal({ id: 3, stage: 'demo', createdAt: daysAgo(30), lastActivityAt: daysAgo(12), amountCents: 1_000_000 }),
      deal({ id: 4, stage: 'demo', createdAt: daysAgo(11) }),
      deal({ id: 5, stage: 'demo', createdAt: daysAgo(15) }),
      deal({ id: 6, stage: 'proposal', createdAt: daysAgo(120), amountCents: 5_000_000 }),
      deal({ id: 7, stage: 'prospecting', createdAt: daysAgo(95) }),
    ];
    const idle = classifyIdleDeals(deals, NOW, DEFAULT_COACHING_CONFIG.staleDays, DEFAULT_COACHING_CONFIG.dormantDays);
    expect(idle.stalled.map((s) => [s.dealId, s.priority])).toEqual([[3, 833_333], [2, 525_000], [1, 500_000], [4, 0], [5, 0]]);
    expect(idle.dormant.map((s) => [s.dealId, s.idleDays])).toEqual([[6, 120], [7, 95]]);
    expect(idle.stalled[1]).toEqual({ dealId: 2, repId: 7, name: 'Acme', stage: 'negotiation', idleDays: 40, threshold: 7, since: daysAgo(40), amountCents: 3_000_000, priority: 525_000 });
    expect(classifyIdleDeals([...deals].reverse(), NOW, DEFAULT_COACHING_CONFIG.staleDays)).toEqual(idle);
    expect(findStalledDeals(deals, NOW, DEFAULT_COACHING_CONFIG.staleDays)).toEqual(idle.stalled);
  });

  const dormancy = [
    { name: 'idle exactly 90 days is still stalled', idle: 90, dormantDays: 90, want: 'stalled' },
    { name: 'idle 91 days is dormant', idle: 91, dormantDays: 90, want: 'dormant' },
    { name: 'the knob moves the line', idle: 40, dormantDays: 30, want: 'dormant' },
  ];
  it.each(dormancy)('$name', ({ idle, dormantDays, want }) => {
    const found = classifyIdleDeals([deal({ id: 1, stage: 'demo', createdAt: daysAgo(idle) })], NOW, staleDays, dormantDays);
    expect(found.stalled.length ? 'stalled' : found.dormant.length ? 'dormant' : null).toBe(want);
  });
});
