import type { TFunnel } from '../../../src/domain/coaching/funnel';
import type { TDealFacts } from '../../../src/domain/coaching/inputs';

/** Wed 11 Mar 2026, noon UTC. */
export const NOW = Date.parse('2026-03-11T12:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (days: number) => NOW - days * DAY;

const OPEN_KEYS = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation'];
const PATH = [...OPEN_KEYS, 'won'];

/** A deal with sensible defaults: open in prospecting, created 10 days ago. */
export function deal(fields: Partial<TDealFacts> & { id: number }): TDealFacts {
  return {
    repId: 1,
    name: `Deal ${fields.id}`,
    createdAt: daysAgo(10),
    stage: fields.furthestStage ?? 'prospecting',
    furthestStage: 'prospecting',
    outcome: 'open',
    closedAt: null,
    amountCents: null,
    lastActivityAt: null,
    stageEnteredAt: {},
    ...fields,
  };
}

/** A funnel from [reached, advanced, open] per default open stage (the last into won). */
export function funnel(rows: readonly [number, number, number][], extra: Partial<TFunnel> = {}): TFunnel {
  return {
    rates: rows.map(([reached, advanced, open], i) => ({
      from: OPEN_KEYS[i]!, to: PATH[i + 1]!, reached, advanced, open, rate: reached > 0 ? advanced / reached : null,
    })),
    dealsCreated: 0, won: 0, lost: 0, open: 0, wonCents: 0, avgWonCents: null, windowDays: 90,
    ...extra,
  };
}

/** The same rate on every stage, with `reached` deals each. */
export const flatFunnel = (rate: number, reached: number, extra: Partial<TFunnel> = {}) =>
  funnel(OPEN_KEYS.map(() => [reached, Math.round(rate * reached), 0] as [number, number, number]), extra);

/** A small deterministic generator (LCG), so tests never touch Math.random. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
