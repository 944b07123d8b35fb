import { seededRandom } from '../../../src/cli/demo/random';
import { closedDealFacts, stageDays } from '../../../src/domain/coaching/deal-stage-facts';
import { type TDealPattern, findDealPattern, PATTERN_WINDOW_DAYS } from '../../../src/domain/coaching/deal-patterns';
import type { TDealFacts } from '../../../src/domain/coaching/inputs';
import { DEFAULT_STAGES } from '../../../src/domain/types';
import { DAY, NOW } from './builders';

/*
 * Planted-truth teams for the deal patterns: reps whose deals follow the team's process (with the small
 * differences any two people have), and reps with one planted pattern — most lost deals dying after one
 * stage, or one stage taking far longer than the team's. Seeded, so every run draws the same teams.
 */

const OPEN = DEFAULT_STAGES.filter((s) => !s.outcome).map((s) => s.key);
/** The team's process: the chance a deal moves on from each open stage, and the median days spent there. */
const BASE_RATES = [0.6, 0.6, 0.55, 0.6, 0.6];
const BASE_DAYS = [5, 7, 6, 9, 8];
/** Spread of one deal's days in a stage around the median (log scale), and of one rep's process around the team's. */
const DEAL_SIGMA = 0.6;
const REP_SIGMA = 0.15;

export type TPlanted = { kind: TDealPattern['kind']; stage: string } | null;
type TRepProcess = { rates: number[]; days: number[]; dealsPerWeek: number; planted: TPlanted };

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A rep's process: the team's, nudged a little; a planted pattern changes one stage for good (`slowFactor`: how much slower a planted slow stage is). */
function repProcess(random: () => number, planted: TPlanted, slowFactor: number): TRepProcess {
  const rates = BASE_RATES.map((r) => Math.min(0.95, Math.max(0.05, r * Math.exp(REP_SIGMA * normal(random)))));
  const days = BASE_DAYS.map((d) => d * Math.exp(REP_SIGMA * normal(random)));
  const at = planted ? OPEN.indexOf(planted.stage) : -1;
  if (planted?.kind === 'lost-after') {
    // Deals get through the earlier stages and die at this one: most lost deals are lost after it.
    for (let i = 0; i < at; i++) rates[i] = 0.9;
    rates[at] = 0.1;
  }
  if (planted?.kind === 'slow-stage') days[at] = days[at]! * slowFactor;
  // Between 1 and 4 new deals a week: some reps have few deals through the later stages.
  return { rates, days, dealsPerWeek: 1 + 3 * random(), planted };
}

/** One deal's path: created `createdAt`, each stage left after its days, moved on or lost; as of NOW. */
function drawDeal(random: () => number, process: TRepProcess, id: number, repId: number, createdAt: number): TDealFacts {
  const stageEnteredAt: Record<string, number> = {};
  let at = createdAt;
  let outcome: TDealFacts['outcome'] = 'open';
  let closedAt: number | null = null;
  let stage = OPEN[0]!;
  for (let i = 0; i < OPEN.length; i++) {
    stage = OPEN[i]!;
    stageEnteredAt[stage] = at;
    const left = at + process.days[i]! * Math.exp(DEAL_SIGMA * normal(random)) * DAY;
    if (left > NOW) break;
    const movesOn = random() < process.rates[i]!;
    if (!movesOn || i === OPEN.length - 1) {
      outcome = movesOn ? 'won' : 'lost';
      closedAt = left;
      break;
    }
    at = left;
  }
  const furthestStage = stage;
  return {
    id, repId, name: `Deal ${id}`, createdAt, stage: outcome === 'open' ? stage : outcome, furthestStage, outcome, closedAt,
    amountCents: null, lastActivityAt: null, stageEnteredAt,
  };
}

/** A team of reps (the first `planted.length` with those patterns), each with deals created over the last 240 days. */
export function drawTeam(seed: number, planted: readonly TPlanted[], size: number, slowFactor = 3): { deals: TDealFacts[]; truth: Map<number, TPlanted> } {
  const random = seededRandom(seed);
  const deals: TDealFacts[] = [];
  const truth = new Map<number, TPlanted>();
  for (let repId = 1; repId <= size; repId++) {
    const process = repProcess(random, planted[repId - 1] ?? null, slowFactor);
    truth.set(repId, process.planted);
    const weeks = 240 / 7;
    const count = Math.round(process.dealsPerWeek * weeks);
    for (let i = 0; i < count; i++) deals.push(drawDeal(random, process, deals.length + 1, repId, NOW - random() * 240 * DAY));
  }
  return { deals, truth };
}

/** The pattern found for each rep of the team, each compared with the rest of the team. */
export function patternsOf(deals: readonly TDealFacts[], repIds: Iterable<number>): Map<number, TDealPattern | undefined> {
  const since = NOW - PATTERN_WINDOW_DAYS * DAY;
  const found = new Map<number, TDealPattern | undefined>();
  for (const repId of repIds) {
    const mine = deals.filter((d) => d.repId === repId);
    const rest = deals.filter((d) => d.repId !== repId);
    found.set(
      repId,
      findDealPattern({
        stages: DEFAULT_STAGES,
        rep: { closed: closedDealFacts(mine, DEFAULT_STAGES, since, NOW), stageDays: stageDays(mine, DEFAULT_STAGES, since, NOW) },
        team: { closed: closedDealFacts(rest, DEFAULT_STAGES, since, NOW), stageDays: stageDays(rest, DEFAULT_STAGES, since, NOW) },
      }),
    );
  }
  return found;
}

export type TPatternQuality = { planted: number; hits: number; wrong: number; healthy: number; falsePositives: number; byKind: Record<string, { planted: number; hits: number }> };

/** Over `teams` teams of 8 (2 planted reps each, kinds and stages taking turns): how often the truth is found. */
export function measurePatternQuality(firstSeed: number, teams: number, slowFactor = 3): TPatternQuality {
  const q: TPatternQuality = { planted: 0, hits: 0, wrong: 0, healthy: 0, falsePositives: 0, byKind: {} };
  const kinds: TDealPattern['kind'][] = ['lost-after', 'slow-stage'];
  const plantedStages = ['discovery', 'demo', 'proposal'];
  for (let t = 0; t < teams; t++) {
    const planted: TPlanted[] = [0, 1].map((i) => ({ kind: kinds[(t + i) % 2]!, stage: plantedStages[(t + 2 * i) % plantedStages.length]! }));
    const { deals, truth } = drawTeam(firstSeed + t, planted, 8, slowFactor);
    for (const [repId, found] of patternsOf(deals, truth.keys())) {
      const plant = truth.get(repId);
      if (!plant) {
        q.healthy++;
        if (found) q.falsePositives++;
        continue;
      }
      q.planted++;
      const kind = (q.byKind[plant.kind] ??= { planted: 0, hits: 0 });
      kind.planted++;
      if (found?.kind === plant.kind && found.stage === plant.stage) {
        q.hits++;
        kind.hits++;
      } else if (found) q.wrong++;
    }
  }
  return q;
}
