import { probabilityBelow } from './beta';
import { leaveOneOut, type TFunnel, type TShrunkRate, winProbabilityFrom } from './funnel';
import { money, pct, QUARTER_DAYS, resolveConfig, round, type TCoachingConfig, type TResolvedCoachingConfig } from './inputs';

/** new: first focus · kept: the previous one still holds · switched: a clearly better one · replaced: the previous gap closed. */
/** new: first focus · kept: the previous one still holds · switched: a clearly better one · replaced: the previous gap closed. */
export type TFocusReason = 'new' | 'kept' | 'switched' | 'replaced';
/** The stage (conversion out of `stage` into `to`) where coaching would gain the most; `expectedGain` in won deals per quarter. */
export type TFocus = {
  stage: string;
  to: string;
  expectedGain: number;
  reasonCode: TFocusReason;
  evidence: {
    /** The rep's rate shrunk toward the rest of the team. */
    repRate: number;
    repRaw: number | null;
    /** The rate of the rest of the team (the team without this rep). */
    teamRate: number;
    gap: number;
    reached: number;
    advanced: number;
    /** Deals that reach this stage in a quarter at the rep's recent pace (resolved and still open). */
    volumePerQuarter: number;
    /** Chance a deal that moves on ends won. */
    downstreamWinProbability: number;
    /** downstreamWinProbability × the average won deal (0 when no amounts are known). */
    downstreamValueCents: number;
    /** expectedGain × the average won deal. */
    expectedValueCents: number;
    /** Posterior probability (Beta, Jeffreys prior) that the rep's rate is below the rest of the team's by more than focusMinGap. */
    credibility: number;
    /** What a new focus needed: 1 − focusFamilyAlpha / stages examined (a kept one needs focusKeepConfidence that the rate is below the team's at all). */
    credibilityNeeded: number;
    /** Transitions looked at (every stage of the selling path), the m of the correction. */
    stagesExamined: number;
    text: string;
  };
};
export type TFocusInput = {
  /** The rep's rates shrunk toward the team's (as shrinkFunnel gives), used for the chance a deal ends won downstream. */
  shrunk: readonly TShrunkRate[];
  repFunnel: TFunnel;
  /** The whole team's funnel, this rep included: the rep is compared with the rest (leave-one-out). */
  teamFunnel: TFunnel;
  previous: { stage: string } | null;
  config: TCoachingConfig;
};
type TCandidate = {
  index: number; from: string; to: string; raw: number | null; shrunk: number; rest: number; reached: number; advanced: number;
  gap: number; volume: number; downstream: number; gain: number; credibility: number; below: number; eligible: boolean;
};

/**
 * The stage with the largest expected gain (gap to the rest of the team × volume × downstream value),
 * only when the evidence survives having looked at every transition (Beta posterior that the rep
 * is below the rest of the team by the margin ≥ 1 − α/m); kept while the gap stays credible unless a
 * candidate is clearly better (× focusSwitchFactor). Returns null rather than a noisy focus.
 */
export function chooseFocus(input: TFocusInput): TFocus | null {
  const cfg = resolveConfig(input.config);
  const rest = leaveOneOut(input.teamFunnel, input.repFunnel);
  const all = input.shrunk.map((rate, index) => evaluate(input, rest, rate, index, cfg));
  // Every transition of the path counts as looked at, eligible or not: the correction does not weaken for a rep with thin data.
  const examined = Math.max(1, all.length);
  const needed = 1 - cfg.focusFamilyAlpha / examined;
  // Largest gain first; ties go to the earlier stage.
  const best = all.filter((c) => c.eligible && c.credibility >= needed && c.gain > 0).sort((a, b) => b.gain - a.gain || a.index - b.index)[0];
  const previousStage = input.previous?.stage;
  const held = all.find((c) => c.from === previousStage && c.gap >= cfg.focusMinGap && c.gain > 0 && c.below >= cfg.focusKeepConfidence);
  const context = { input, needed, examined };
  if (held) {
    const switchTo = best && best.index !== held.index && best.gain >= cfg.focusSwitchFactor * held.gain;
    return switchTo ? describe(best, 'switched', context) : describe(held, 'kept', { ...context, needed: cfg.focusKeepConfidence });
  }
  if (!best) return null;
  return describe(best, previousStage === undefined ? 'new' : 'replaced', context);
}

function evaluate(input: TFocusInput, rest: TFunnel, rate: TShrunkRate, index: number, cfg: TResolvedCoachingConfig): TCandidate {
  const { repFunnel } = input;
  const repRate = repFunnel.rates[index]?.from === rate.from ? repFunnel.rates[index]! : repFunnel.rates.find((r) => r.from === rate.from);
  const restRate = rest.rates[index]?.from === rate.from ? rest.rates[index]! : rest.rates.find((r) => r.from === rate.from);
  const { reached, advanced } = rate;
  const volume = ((reached + (repRate?.open ?? 0)) * QUARTER_DAYS) / Math.max(1, repFunnel.windowDays);
  // Without data for the rest of the team there is nothing to compare with.
  const restValue = restRate?.rate ?? null;
  const restOf = restValue ?? rate.team;
  const k = cfg.priorStrength;
  const shrunk = reached + k > 0 ? (advanced + k * restOf) / (reached + k) : restOf;
  const gap = restOf - shrunk;
  const downstream = winProbabilityFrom(input.shrunk, index + 1);
  const gain = Math.max(0, gap) * volume * downstream;
  const eligible = restValue !== null && reached >= cfg.focusMinReached;
  const credibility = eligible ? probabilityBelow(advanced, reached, restOf - cfg.focusMinGap) : 0;
  const below = reached > 0 && restValue !== null ? probabilityBelow(advanced, reached, restOf) : 0;
  return { index, from: rate.from, to: rate.to, raw: rate.raw, shrunk, rest: restOf, reached, advanced, gap, volume, downstream, gain, credibility, below, eligible };
}

type TContext = { input: TFocusInput; needed: number; examined: number };

/** The chosen candidate with its evidence in numbers and words (built only for the one returned). */
function describe(c: TCandidate, reasonCode: TFocusReason, { input, needed, examined }: TContext): TFocus {
  const { gain } = c;
  const dealCents = input.teamFunnel.avgWonCents ?? input.repFunnel.avgWonCents ?? 0;
  const expectedValueCents = Math.round(gain * dealCents);
  const text =
    `${label(c.from)} → ${label(c.to)}: ${c.advanced} of ${c.reached} deals moved on (${pct(c.raw ?? c.shrunk)}) ` +
    `vs ${pct(c.rest)} for the rest of the team. Matching them here could add ${wonDealsPhrase(gain)} a quarter` +
    `${dealCents > 0 ? ` (about ${money(expectedValueCents)})` : ''}.`;
  return {
    stage: c.from,
    to: c.to,
    expectedGain: round(gain),
    reasonCode,
    evidence: {
      repRate: round(c.shrunk), repRaw: c.raw === null ? null : round(c.raw), teamRate: round(c.rest), gap: round(c.gap),
      reached: c.reached, advanced: c.advanced, volumePerQuarter: round(c.volume, 2),
      downstreamWinProbability: round(c.downstream), downstreamValueCents: Math.round(c.downstream * dealCents), expectedValueCents,
      credibility: round(reasonCode === 'kept' ? c.below : c.credibility), credibilityNeeded: round(needed), stagesExamined: examined, text,
    },
  };
}

function label(key: string): string {
  const words = key.replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A focus's expected gain in plain words, the same on every surface: 'about 1 more won deal', 'about 3 more won deals', 'less than one more won deal'. */
export function wonDealsPhrase(gain: number): string {
  if (gain < 0.5) return 'less than one more won deal';
  const n = Math.round(gain);
  return `about ${n} more won ${n === 1 ? 'deal' : 'deals'}`;
}
