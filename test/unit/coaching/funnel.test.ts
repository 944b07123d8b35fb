import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFunnel, computeFunnelsByRep, leaveOneOut, shrinkFunnel, type TFunnel } from '../../../src/domain/coaching/funnel';
import { DEFAULT_STAGES } from '../../../src/domain/types';
import { daysAgo, deal, flatFunnel, funnel, NOW } from './builders';

const rateTable = (f: TFunnel) => f.rates.map((r) => [r.from, r.reached, r.advanced, r.open]);

describe('computeFunnel', () => {
  it('censors open deals: a deal still sitting in a stage is not a failure there', () => {
    const deals = [
      deal({ id: 1, furthestStage: 'negotiation', stage: 'won', outcome: 'won', closedAt: daysAgo(2), amountCents: 1_000_000 }),
      deal({ id: 2, furthestStage: 'demo', stage: 'lost', outcome: 'lost', closedAt: daysAgo(3) }),
      deal({ id: 3, furthestStage: 'demo', stage: 'demo' }), // open at demo: counted as open, not as lost
      deal({ id: 4, furthestStage: 'prospecting' }),
    ];
    const f = computeFunnel(deals, DEFAULT_STAGES, NOW, 90);
    // prospecting: 1, 2, 3 moved on (4 still there); demo: 1 moved on, 2 lost, 3 still there → 1/2, not 1/3.
    expect(rateTable(f)).toEqual([
      ['prospecting', 3, 3, 1],
      ['discovery', 3, 3, 0],
      ['demo', 2, 1, 1],
      ['proposal', 1, 1, 0],
      ['negotiation', 1, 1, 0],
    ]);
    expect(f.rates.map((r) => r.rate)).toEqual([1, 1, 0.5, 1, 1]);
    expect(f.rates.at(-1)?.to).toBe('won');
    expect({ won: f.won, lost: f.lost, open: f.open, dealsCreated: f.dealsCreated, avgWonCents: f.avgWonCents }).toEqual({
      won: 1, lost: 1, open: 2, dealsCreated: 4, avgWonCents: 1_000_000,
    });
  });

  const scenarios = [
    { name: 'closed long before the window', deal: deal({ id: 1, createdAt: daysAgo(300), furthestStage: 'demo', outcome: 'lost', closedAt: daysAgo(200) }), want: { counted: false, created: 0, lost: 0 } },
    { name: 'created before the window, closed inside it', deal: deal({ id: 2, createdAt: daysAgo(120), furthestStage: 'demo', outcome: 'lost', closedAt: daysAgo(10) }), want: { counted: true, created: 0, lost: 1 } },
    { name: 'created after now (a --now backfill)', deal: deal({ id: 3, createdAt: NOW + 1, furthestStage: 'demo', outcome: 'lost', closedAt: NOW + 2 }), want: { counted: false, created: 0, lost: 0 } },
    { name: 'old but entered a stage in the window', deal: deal({ id: 4, createdAt: daysAgo(200), furthestStage: 'demo', outcome: 'lost', closedAt: daysAgo(150), stageEnteredAt: { demo: daysAgo(5) } }), want: { counted: true, created: 0, lost: 0 } },
    { name: 'old, open, worked this week', deal: deal({ id: 5, createdAt: daysAgo(200), furthestStage: 'discovery', lastActivityAt: daysAgo(2) }), want: { counted: true, created: 0, lost: 0 } },
  ];
  it.each(scenarios)('window: $name', ({ deal: d, want }) => {
    const f = computeFunnel([d], DEFAULT_STAGES, NOW, 90);
    expect({ counted: f.rates[0]!.reached + f.rates[0]!.open > 0, created: f.dealsCreated, lost: f.lost }).toEqual(want);
  });

  it('counts a won deal through every stage, even ones it skipped', () => {
    const f = computeFunnel([deal({ id: 1, furthestStage: 'demo', stage: 'won', outcome: 'won', closedAt: daysAgo(1) })], DEFAULT_STAGES, NOW, 90);
    expect(rateTable(f).map((r) => r.slice(1))).toEqual([[1, 1, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0]]);
  });

  it('falls back to the current stage, then history, for an unknown furthest stage', () => {
    const f = computeFunnel(
      [
        deal({ id: 1, furthestStage: 'legal', stage: 'proposal' }),
        deal({ id: 2, furthestStage: 'legal', stage: 'lost', outcome: 'lost', closedAt: daysAgo(1), stageEnteredAt: { discovery: daysAgo(5), legal: daysAgo(3) } }),
      ],
      DEFAULT_STAGES, NOW, 90,
    );
    expect(rateTable(f)).toEqual([['prospecting', 2, 2, 0], ['discovery', 2, 1, 0], ['demo', 1, 1, 0], ['proposal', 0, 0, 1], ['negotiation', 0, 0, 0]]);
  });

  it('computeFunnelsByRep equals one computeFunnel per rep, keyed by ascending repId', () => {
    const deals = [3, 1, 2, 1, 3, 3].map((repId, i) => deal({ id: i + 1, repId, furthestStage: i % 2 ? 'demo' : 'proposal', outcome: i % 3 ? 'open' : 'lost', closedAt: i % 3 ? null : daysAgo(1) }));
    const byRep = computeFunnelsByRep(deals, DEFAULT_STAGES, NOW, 90);
    expect([...byRep.keys()]).toEqual([1, 2, 3]);
    for (const [repId, f] of byRep) expect(f).toEqual(computeFunnel(deals.filter((d) => d.repId === repId), DEFAULT_STAGES, NOW, 90));
  });
});

describe('shrinkFunnel', () => {
  const team = flatFunnel(0.6, 1000);
  const scenarios = [
    // 0 of 3 demos moved on: (0 + 8·0.6) / (3 + 8) = 4.8 / 11 = 0.436 — not "bad at demos", just little data;
    // 3 of 3 elsewhere: (3 + 4.8) / 11 = 0.709, not "perfect" either.
    { name: 'three deals, none advanced', rep: funnel([[3, 3, 0], [3, 3, 0], [3, 0, 0], [0, 0, 0], [0, 0, 0]]), k: 8, want: [0.7091, 0.7091, 0.4364, 0.6, 0.6] },
    // 10 of 40: (10 + 4.8) / 48 = 0.3083; 36 of 40: (36 + 4.8) / 48 = 0.85.
    { name: 'plenty of data moves little', rep: funnel([[40, 10, 0], [40, 36, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]), k: 8, want: [0.3083, 0.85, 0.6, 0.6, 0.6] },
    { name: 'no prior keeps the raw rate', rep: funnel([[4, 1, 0], [1, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]), k: 0, want: [0.25, 1, 0.6, 0.6, 0.6] },
  ];
  it.each(scenarios)('$name', ({ rep, k, want }) => {
    const shrunk = shrinkFunnel(rep, team, k);
    expect(shrunk.map((r) => Math.round(r.shrunk * 10_000) / 10_000)).toEqual(want);
    expect(shrunk.map((r) => r.team)).toEqual([0.6, 0.6, 0.6, 0.6, 0.6]);
    expect(shrunk.map((r) => r.raw)).toEqual(rep.rates.map((r) => r.rate));
  });

  it('property: shrunk lies between the raw and team rates (inclusive) and in [0, 1]', () => {
    const stage = fc.tuple(fc.nat(200), fc.nat(200), fc.nat(5)).map(([a, b, open]) => [Math.max(a, b), Math.min(a, b), open] as [number, number, number]);
    const anyFunnel = fc.array(stage, { minLength: 5, maxLength: 5 }).map((rows) => funnel(rows));
    fc.assert(
      fc.property(anyFunnel, anyFunnel, fc.double({ min: 0, max: 1000, noNaN: true }), (rep, teamFunnel, k) => {
        for (const r of shrinkFunnel(rep, teamFunnel, k)) {
          const low = Math.min(r.raw ?? r.team, r.team);
          const high = Math.max(r.raw ?? r.team, r.team);
          if (!(r.shrunk >= low && r.shrunk <= high && r.shrunk >= 0 && r.shrunk <= 1)) return false;
        }
        return true;
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('leaveOneOut', () => {
  it("takes the rep's own deals out of the team's counts", () => {
    // Team 100/60 at every stage including the rep's 20/5: the rest is 80/55 = 0.6875.
    const team = funnel([[100, 60, 4], [100, 60, 0], [0, 0, 0], [10, 5, 0], [10, 5, 0]], { won: 12, dealsCreated: 50 });
    const rep = funnel([[20, 5, 1], [20, 5, 0], [0, 0, 0], [10, 5, 0], [0, 0, 0]], { won: 2, dealsCreated: 10 });
    const rest = leaveOneOut(team, rep);
    expect(rest.rates.map((r) => [r.from, r.reached, r.advanced, r.open, r.rate])).toEqual([
      ['prospecting', 80, 55, 3, 0.6875], ['discovery', 80, 55, 0, 0.6875], ['demo', 0, 0, 0, null], ['proposal', 0, 0, 0, null], ['negotiation', 10, 5, 0, 0.5],
    ]);
    expect([rest.won, rest.dealsCreated]).toEqual([10, 40]);
  });
});
