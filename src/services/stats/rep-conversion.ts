import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listDealFacts, listTeamRepIds } from '../../../db/repositories/coaching';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import type { TPersonRow } from '../../../db/repositories/people';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { computeFunnel } from '../../domain/coaching/funnel';
import { DAY_MS, DEFAULT_COACHING_CONFIG } from '../../domain/coaching/inputs';
import type { TStage } from '../../domain/types';

/*
 * One number per metric (SPEC §2): a rep's stage-to-stage conversion is computed here, once, and every
 * surface (`/stats`, Home, `/coach focus`, the brief, `/coach team`) shows this figure. It is counted as
 * the nightly recompute counts it — the recompute's trailing window, as of that run, the deals as they
 * stood then — so it agrees with the focus evidence the run stored. Before the first run it is live.
 */

/** One step: `advanced` of the `reached` deals moved on; the rest of the team (without the rep) beside it. */
export type TConversionStep = {
  from: string;
  to: string;
  fromName: string;
  toName: string;
  advanced: number;
  reached: number;
  /** advanced / reached, the raw rate a person sees (never the shrunk one); null without deals. */
  rate: number | null;
  /** The same for the rep's teammates (the reps of the same manager, this rep left out). */
  teamRate: number | null;
};

export type TRepConversion = {
  /** The instant the figures are as of: the latest recompute at or before `now`, else `now`. */
  asOf: Date;
  /** True when `asOf` is a nightly recompute's (surfaces say "as of last night's recompute"). */
  fromSnapshot: boolean;
  windowDays: number;
  steps: TConversionStep[];
};

/** The rep's conversion at each stage over the recompute's window, as of its latest run at or before `now`. */
export async function repConversion(db: TDb, rep: TPersonRow, stages: readonly TStage[], now: Date): Promise<TRepConversion> {
  const snapshot = await findLatestTierSnapshot(db, rep.id, now);
  const asOf = snapshot?.computedAt ?? now;
  const at = asOf.getTime();
  const { windowDays } = DEFAULT_COACHING_CONFIG;
  const repIds = [...new Set([...await listTeamRepIds(db, rep.workspaceId, rep.managerId), rep.id])];
  const deals = (await listDealFacts(db, repIds, at - windowDays * DAY_MS, at)).map((deal) => dealAsOf(deal, at, stages));
  const mine = computeFunnel(deals.filter((deal) => deal.repId === rep.id), stages, at, windowDays);
  const rest = computeFunnel(deals.filter((deal) => deal.repId !== rep.id), stages, at, windowDays);
  const names = new Map(stages.map((s) => [s.key, s.name]));
  const name = (key: string) => names.get(key) ?? key;
  return {
    asOf,
    fromSnapshot: snapshot !== undefined,
    windowDays,
    steps: mine.rates.map((rate, i) => ({
      from: rate.from,
      to: rate.to,
      fromName: name(rate.from),
      toName: name(rate.to),
      advanced: rate.advanced,
      reached: rate.reached,
      rate: rate.rate,
      teamRate: rest.rates[i]?.rate ?? null,
    })),
  };
}

/** "31% (4 of 13)": the one way a rate is written for a person; "no deals yet" without any. */
export function conversionText(step: Pick<TConversionStep, 'advanced' | 'reached' | 'rate'>): string {
  if (step.rate === null) return 'no deals yet';
  return `${Math.round(step.rate * 100)}% (${step.advanced} of ${step.reached})`;
}

/** "as of last night's recompute" (a run within the last day), "as of the recompute of Thu 3 Dec", or "as of now". */
export function asOfText(conversion: Pick<TRepConversion, 'asOf' | 'fromSnapshot'>, now: Date, tz: string): string {
  if (!conversion.fromSnapshot) return 'as of now';
  if (now.getTime() - conversion.asOf.getTime() <= DAY_MS) return "as of last night's recompute";
  return `as of the recompute of ${DateTime.fromJSDate(conversion.asOf, { zone: tz }).toFormat('ccc d LLL', { locale: 'en-US' })}`;
}
