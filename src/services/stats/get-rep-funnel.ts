import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listDealFacts } from '../../../db/repositories/coaching';
import type { TPersonRow } from '../../../db/repositories/people';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { computeFunnel, type TFunnel } from '../../domain/coaching/funnel';
import { DAY_MS } from '../../domain/coaching/inputs';
import type { TStage } from '../../domain/types';
import type { TFunnelRate, TRepFunnelHistory } from '../../slack/blocks/view-models/funnel';

const PAST_QUARTERS = 2;

/**
 * The rep's stage-to-stage conversion this quarter (in their zone) next to the two quarters before it,
 * counted the way the nightly recompute counts its trailing funnel: the past as the deals stood when
 * this quarter began, so a deal that moved on since counts where it was then.
 */
export function getRepFunnelHistory(db: TDb, rep: TPersonRow, stages: readonly TStage[], now: Date): TRepFunnelHistory {
  const local = DateTime.fromJSDate(now, { zone: rep.tz });
  const quarterStart = local.startOf('quarter');
  const pastStart = quarterStart.minus({ quarters: PAST_QUARTERS });
  const nowMs = now.getTime();
  const splitMs = quarterStart.toMillis();
  const deals = listDealFacts(db, [rep.id], pastStart.toMillis(), nowMs);
  const current = computeFunnel(
    deals.map((deal) => dealAsOf(deal, nowMs, stages)),
    stages,
    nowMs,
    (nowMs - splitMs) / DAY_MS,
  );
  const past = computeFunnel(
    deals.map((deal) => dealAsOf(deal, splitMs, stages)),
    stages,
    splitMs,
    (splitMs - pastStart.toMillis()) / DAY_MS,
  );
  const name = (key: string) => stages.find((s) => s.key === key)?.name ?? key;
  return {
    currentLabel: `${quarterLabel(quarterStart)} so far`,
    pastLabel: rangeLabel(pastStart, quarterStart.minus({ quarters: 1 })),
    steps: current.rates.map((rate, i) => ({
      from: rate.from,
      fromName: name(rate.from),
      toName: name(rate.to),
      current: rateOf(rate),
      past: rateOf(past.rates[i] ?? { advanced: 0, reached: 0, rate: null }),
    })),
    current: { won: current.won, lost: current.lost },
    past: { won: past.won, lost: past.lost },
  };
}

function rateOf(rate: Pick<TFunnel['rates'][number], 'advanced' | 'reached' | 'rate'>): TFunnelRate {
  return { advanced: rate.advanced, reached: rate.reached, rate: rate.rate };
}

function quarterLabel(start: DateTime): string {
  return `Q${start.quarter} ${start.year}`;
}

function rangeLabel(first: DateTime, last: DateTime): string {
  if (first.year === last.year) return `Q${first.quarter}–Q${last.quarter} ${last.year}`;
  return `${quarterLabel(first)}–${quarterLabel(last)}`;
}
