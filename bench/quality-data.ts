/**
 * A planted-truth simulation of a sales team for the focus-area engine, shared by `npm run bench
 * quality` and test/unit/coaching/focus-quality.test.ts. Every rep's true stage conversion rates are
 * known: healthy reps follow the base funnel, strong reps beat it everywhere (pulling the team's rates
 * up), some reps have one planted weak stage (half the base rate), some are weaker everywhere, and a few
 * are new hires with five weeks of deals. Deals flow through the stages in continuous time, so the same
 * truth can be looked at week after week. Deterministic: everything comes from a seeded PRNG.
 */
import { chooseFocus, type TFocus } from '../src/domain/coaching/focus-area';
import { computeFunnel, computeFunnelsByRep, shrinkFunnel } from '../src/domain/coaching/funnel';
import { DAY_MS, DEFAULT_COACHING_CONFIG, type TCoachingConfig, type TDealFacts } from '../src/domain/coaching/inputs';
import { DEFAULT_STAGES } from '../src/domain/types';
import { seededRandom } from '../src/cli/demo/random';

export type TRepKind = 'healthy' | 'strong' | 'weak_stage' | 'weak_overall' | 'new_hire';
export type TPlantedRep = { repId: number; kind: TRepKind; weakStage: string | null; rates: number[]; dealsPerWeek: number; startedAt: number };
type TTruthDeal = { id: number; repId: number; createdAt: number; entered: number[]; endAt: number; outcome: 'won' | 'lost' };

/** The first weekly recompute of the simulation: Monday 2 Mar 2026, 06:00 UTC. */
export const SIM_NOW = Date.parse('2026-03-02T06:00:00Z');
const OPEN = DEFAULT_STAGES.filter((s) => !s.outcome).map((s) => s.key);
/** The team's process: chance a deal in each open stage moves on (the last into won). */
export const BASE_RATES = [0.7, 0.65, 0.7, 0.75, 0.6];
const STRONG_LIFT = 0.12;
const WEAK_STAGE_FACTOR = 0.5;
const WEAK_OVERALL_FACTOR = 0.8;
/** Mean days a deal sits in a stage before it moves on or is lost. */
const MEAN_STAGE_DAYS = 6;
/** New deals a week per rep, drawn uniformly in this range (an SMB team: a few dozen deals in flight each). */
const DEALS_PER_WEEK: [number, number] = [8, 12];

/** The composition of one simulated team (36 reps, as in the report). */
export const TEAM_MIX: Record<TRepKind, number> = { healthy: 12, strong: 6, weak_stage: 10, weak_overall: 4, new_hire: 4 };


/** A team's reps and the full truth of their deals, from 200 days before SIM_NOW to `horizonDays` after. */
export function plantedTeam(seed: number, horizonDays = 28) {
  const random = seededRandom(seed);
  const reps: TPlantedRep[] = [];
  let weakIndex = 0;
  for (const kind of Object.keys(TEAM_MIX) as TRepKind[]) {
    for (let i = 0; i < TEAM_MIX[kind]; i++) {
      const repId = reps.length + 1;
      const weakStage = kind === 'weak_stage' ? OPEN[weakIndex++ % OPEN.length]! : null;
      const rates = BASE_RATES.map((rate, s) => {
        if (kind === 'strong') return Math.min(0.95, rate + STRONG_LIFT);
        if (kind === 'weak_overall') return rate * WEAK_OVERALL_FACTOR;
        if (kind === 'weak_stage' && OPEN[s] === weakStage) return rate * WEAK_STAGE_FACTOR;
        return rate;
      });
      const startedAt = kind === 'new_hire' ? SIM_NOW - 35 * DAY_MS : SIM_NOW - 200 * DAY_MS;
      reps.push({ repId, kind, weakStage, rates, dealsPerWeek: DEALS_PER_WEEK[0] + random() * (DEALS_PER_WEEK[1] - DEALS_PER_WEEK[0]), startedAt });
    }
  }
  const truth: TTruthDeal[] = [];
  const end = SIM_NOW + horizonDays * DAY_MS;
  for (const rep of reps) {
    // A Poisson stream of new deals; each stage takes an exponential time, then moves on or is lost.
    let t = rep.startedAt;
    for (;;) {
      t += (-Math.log(1 - random()) * 7 * DAY_MS) / rep.dealsPerWeek;
      if (t > end) break;
      const entered = [t];
      let at = t;
      let outcome: 'won' | 'lost' = 'won';
      for (let s = 0; s < OPEN.length; s++) {
        at += -Math.log(1 - random()) * MEAN_STAGE_DAYS * DAY_MS;
        if (random() >= rep.rates[s]!) {
          outcome = 'lost';
          break;
        }
        if (s + 1 < OPEN.length) entered.push(at);
      }
      truth.push({ id: truth.length + 1, repId: rep.repId, createdAt: t, entered, endAt: at, outcome });
    }
  }
  return { reps, dealsAt: (now: number) => dealsAsOf(truth, now) };
}

/** What the CRM shows at `now`: deals created by then, their stages entered by then, closed only once closed. */
function dealsAsOf(truth: readonly TTruthDeal[], now: number): TDealFacts[] {
  const deals: TDealFacts[] = [];
  for (const d of truth) {
    if (d.createdAt > now) continue;
    let furthest = 0;
    while (furthest + 1 < d.entered.length && d.entered[furthest + 1]! <= now) furthest++;
    const closed = d.endAt <= now;
    const stageEnteredAt = Object.fromEntries(d.entered.slice(0, furthest + 1).map((at, i) => [OPEN[i]!, at]));
    deals.push({
      id: d.id, repId: d.repId, name: `Deal ${d.id}`, createdAt: d.createdAt, stage: closed ? d.outcome : OPEN[furthest]!, furthestStage: OPEN[furthest]!,
      outcome: closed ? d.outcome : 'open', closedAt: closed ? d.endAt : null, amountCents: 1_000_000, lastActivityAt: closed ? d.endAt : d.entered[furthest]!, stageEnteredAt,
    });
  }
  return deals;
}

/** Every rep's focus at `now`, given each rep's previous focus stage, as the nightly recompute would choose it. */
export function focusesAt(deals: readonly TDealFacts[], now: number, previous: ReadonlyMap<number, string | null>, config: TCoachingConfig): Map<number, TFocus | null> {
  const teamFunnel = computeFunnel(deals, DEFAULT_STAGES, now, config.windowDays);
  const funnels = computeFunnelsByRep(deals, DEFAULT_STAGES, now, config.windowDays);
  const empty = computeFunnel([], DEFAULT_STAGES, now, config.windowDays);
  const out = new Map<number, TFocus | null>();
  for (const [repId, prev] of previous) {
    const repFunnel = funnels.get(repId) ?? empty;
    const shrunk = shrinkFunnel(repFunnel, teamFunnel, config.priorStrength);
    out.set(repId, chooseFocus({ shrunk, repFunnel, teamFunnel, previous: prev ? { stage: prev } : null, config }));
  }
  return out;
}

export type TQualityFigures = {
  seed: number;
  /** Planted weak-stage reps whose focus is that stage, at the first recompute. */
  plantedFound: number; planted: number;
  /** Healthy reps (on the base funnel) given any focus, at the first recompute. */
  healthyWithFocus: number; healthy: number;
  strongWithFocus: number; strong: number;
  weakOverallWithFocus: number; weakOverall: number;
  newHireWithFocus: number; newHires: number;
  /** Rep-weeks whose focus (or having none) changed from one weekly recompute to the next, truth unchanged. */
  focusChanges: number; repWeeks: number;
};

/** One seeded team through `weeks` weekly recomputes (the first from no history), scored against its planted truth. */
export function measureFocusQuality(seed: number, weeks = 4, config: TCoachingConfig = DEFAULT_COACHING_CONFIG): TQualityFigures {
  const { reps, dealsAt } = plantedTeam(seed, weeks * 7);
  let previous = new Map<number, string | null>(reps.map((r) => [r.repId, null]));
  let first: Map<number, TFocus | null> | null = null;
  let focusChanges = 0, repWeeks = 0;
  for (let w = 0; w < weeks; w++) {
    const now = SIM_NOW + w * 7 * DAY_MS;
    const focuses = focusesAt(dealsAt(now), now, previous, config);
    if (first === null) first = focuses;
    else {
      for (const rep of reps) {
        repWeeks++;
        if ((focuses.get(rep.repId)?.stage ?? null) !== previous.get(rep.repId)) focusChanges++;
      }
    }
    previous = new Map(reps.map((r) => [r.repId, focuses.get(r.repId)?.stage ?? null]));
  }
  const of = (kind: TRepKind) => reps.filter((r) => r.kind === kind);
  const withFocus = (kind: TRepKind) => of(kind).filter((r) => first!.get(r.repId) !== null).length;
  return {
    seed,
    plantedFound: of('weak_stage').filter((r) => first!.get(r.repId)?.stage === r.weakStage).length, planted: of('weak_stage').length,
    healthyWithFocus: withFocus('healthy'), healthy: of('healthy').length,
    strongWithFocus: withFocus('strong'), strong: of('strong').length,
    weakOverallWithFocus: withFocus('weak_overall'), weakOverall: of('weak_overall').length,
    newHireWithFocus: withFocus('new_hire'), newHires: of('new_hire').length,
    focusChanges, repWeeks,
  };
}

/** The figures of several seeds summed, as shares. */
export function summarize(figures: readonly TQualityFigures[]) {
  const sum = (key: keyof TQualityFigures) => figures.reduce((n, f) => n + f[key], 0);
  const share = (a: keyof TQualityFigures, b: keyof TQualityFigures) => sum(a) / Math.max(1, sum(b));
  return {
    found: share('plantedFound', 'planted'),
    healthyWithFocus: share('healthyWithFocus', 'healthy'),
    strongWithFocus: share('strongWithFocus', 'strong'),
    weakOverallWithFocus: share('weakOverallWithFocus', 'weakOverall'),
    newHireWithFocus: share('newHireWithFocus', 'newHires'),
    weeklyChanges: share('focusChanges', 'repWeeks'),
  };
}
