import { describe, expect, it } from 'vitest';
import { dealAsOf } from '../../../src/domain/coaching/deal-as-of';
import type { TDealFacts } from '../../../src/domain/coaching/inputs';
import { DEFAULT_STAGES } from '../../../src/domain/types';

const DAY = 86_400_000;
const deal = (overrides: Partial<TDealFacts>): TDealFacts => ({
  id: 1,
  repId: 1,
  name: 'Acme',
  createdAt: 0,
  stage: 'won',
  furthestStage: 'negotiation',
  outcome: 'won',
  closedAt: 10 * DAY,
  amountCents: 100,
  lastActivityAt: 9 * DAY,
  stageEnteredAt: { prospecting: 0, discovery: 2 * DAY, demo: 4 * DAY, proposal: 6 * DAY, negotiation: 8 * DAY, won: 10 * DAY },
  ...overrides,
});
/** History as listDealFacts reads it: only what was entered by `now`. */
const upTo = (d: TDealFacts, now: number): TDealFacts => ({
  ...d,
  stageEnteredAt: Object.fromEntries(Object.entries(d.stageEnteredAt).filter(([, at]) => at <= now)),
});

describe('dealAsOf', () => {
  const scenarios = [
    { what: 'after everything happened: unchanged', now: 20 * DAY, want: { outcome: 'won', stage: 'won', closedAt: 10 * DAY, furthestStage: 'negotiation' } },
    { what: 'before the win: open in negotiation', now: 9 * DAY, want: { outcome: 'open', stage: 'negotiation', closedAt: null, furthestStage: 'negotiation', lastActivityAt: 9 * DAY } },
    { what: 'during the demo stage', now: 5 * DAY, want: { outcome: 'open', stage: 'demo', closedAt: null, furthestStage: 'demo', lastActivityAt: null } },
  ];
  it.each(scenarios)('$what', ({ now, want }) => {
    expect(dealAsOf(upTo(deal({}), now), now, DEFAULT_STAGES)).toMatchObject(want);
  });

  it('leaves an open deal with nothing after now as it is (same object)', () => {
    const open = deal({ stage: 'demo', furthestStage: 'demo', outcome: 'open', closedAt: null, lastActivityAt: 4 * DAY, stageEnteredAt: { prospecting: 0, demo: 4 * DAY } });
    expect(dealAsOf(open, 5 * DAY, DEFAULT_STAGES)).toBe(open);
  });
});
