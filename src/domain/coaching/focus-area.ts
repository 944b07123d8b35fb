import { type TFunnel, type TShrunkRate, winProbabilityFrom } from './funnel';
import { money, pct, QUARTER_DAYS, resolveConfig, round, type TCoachingConfig, type TResolvedCoachingConfig } from './inputs';

/** new: first focus · kept: the previous one still holds · switched: a clearly better one · replaced: the previous gap closed. */
export type TFocusReason = 'new' | 'kept' | 'switched' | 'replaced';
/** The stage (conversion out of `stage` into `to`) where coaching would gain the most; `expectedGain` in won deals per quarter. */
export type TFocus = {
  stage: string;
  to: string;
  expectedGain: number;
  reasonCode: TFocusReason;
  evidence: {
    /** The rep's shrunk rate. */
    repRate: number;
    repRaw: number | null;
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
    /** One-sided confidence (normal approximation) that the rep's true rate is below the team's. */
    credibility: number;
    text: string;
  };
};
export type TFocusInput = {
  shrunk: readonly TShrunkRate[];
  repFunnel: TFunnel;
  teamFunnel: TFunnel;
  previous: { stage: string } | null;
  config: TCoachingConfig;
};
type TCandidate = { index: number; rate: TShrunkRate; gap: number; volume: number; downstream: number; gain: number; credibility: number; credible: boolean };

/** The stage with the largest expected gain (gap to team × volume × downstream value), only when the gap is credible, kept unless a candidate is clearly better (× focusSwitchFactor) or the gap closed. Returns null rather than a noisy focus. */
export function chooseFocus(input: TFocusInput): TFocus | null {
  const cfg = resolveConfig(input.config);
  const all = input.shrunk.map((rate, index) => evaluate(input, rate, index, cfg));
  // Largest gain first; ties go to the earlier stage.
  const best = all.filter((c) => c.credible).sort((a, b) => b.gain - a.gain || a.index - b.index)[0];
  const previousStage = input.previous?.stage;
  const held = all.find((c) => c.rate.from === previousStage && c.gap >= cfg.focusMinGap && c.gain > 0);
  if (held) {
    const switchTo = best && best.index !== held.index && best.gain >= cfg.focusSwitchFactor * held.gain;
    return switchTo ? describe(best, 'switched', input) : describe(held, 'kept', input);
  }
  if (!best) return null;
  return describe(best, previousStage === undefined ? 'new' : 'replaced', input);
}

function evaluate(input: TFocusInput, rate: TShrunkRate, index: number, cfg: TResolvedCoachingConfig): TCandidate {
  const { repFunnel } = input;
  const open = repFunnel.rates[index]?.from === rate.from ? repFunnel.rates[index]!.open : (repFunnel.rates.find((r) => r.from === rate.from)?.open ?? 0);
  const volume = ((rate.reached + open) * QUARTER_DAYS) / Math.max(1, repFunnel.windowDays);
  const gap = rate.team - rate.shrunk;
  const downstream = winProbabilityFrom(input.shrunk, index + 1);
  const gain = Math.max(0, gap) * volume * downstream;
  const credibility = rate.raw === null ? 0 : belowConfidence(rate.raw, rate.team, rate.reached);
  const credible = rate.reached >= cfg.focusMinReached && gap >= cfg.focusMinGap && credibility >= cfg.focusMinCredibility && gain > 0;
  return { index, rate, gap, volume, downstream, gain, credibility, credible };
}

/** The chosen candidate with its evidence in numbers and words (built only for the one returned). */
function describe(c: TCandidate, reasonCode: TFocusReason, input: TFocusInput): TFocus {
  const { rate, gain } = c;
  const dealCents = input.teamFunnel.avgWonCents ?? input.repFunnel.avgWonCents ?? 0;
  const expectedValueCents = Math.round(gain * dealCents);
  const text =
    `${label(rate.from)} → ${label(rate.to)}: ${rate.advanced} of ${rate.reached} deals moved on (${pct(rate.raw ?? rate.shrunk)}) ` +
    `vs ${pct(rate.team)} for the team. Matching the team here could add about ${round(gain, 1)} won deals a quarter` +
    `${dealCents > 0 ? ` (about ${money(expectedValueCents)})` : ''}.`;
  return {
    stage: rate.from,
    to: rate.to,
    expectedGain: round(gain),
    reasonCode,
    evidence: {
      repRate: round(rate.shrunk), repRaw: rate.raw === null ? null : round(rate.raw), teamRate: round(rate.team), gap: round(c.gap),
      reached: rate.reached, advanced: rate.advanced, volumePerQuarter: round(c.volume, 2),
      downstreamWinProbability: round(c.downstream), downstreamValueCents: Math.round(c.downstream * dealCents), expectedValueCents,
      credibility: round(c.credibility), text,
    },
  };
}

/** P(true rate < team) from `reached` trials at `raw`, by the normal approximation around the team rate. */
function belowConfidence(raw: number, team: number, reached: number): number {
  if (reached <= 0) return 0;
  // A team rate of exactly 0 or 1 has no spread; a small floor keeps z finite.
  const spread = Math.sqrt(Math.max(team * (1 - team), 0.01) / reached);
  return normalCdf((team - raw) / spread);
}

/** Standard normal CDF via Abramowitz–Stegun 7.1.26 (error < 1.5e-7), deterministic. */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function label(key: string): string {
  const words = key.replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
