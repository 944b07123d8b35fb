import type { TDb } from '../../../db/client';
import { listDealFacts } from '../../../db/repositories/coaching';
import type { TPersonRow } from '../../../db/repositories/people';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { computeFunnel } from '../../domain/coaching/funnel';
import { DAY_MS } from '../../domain/coaching/inputs';
import type { TStage } from '../../domain/types';
import type { TRepFunnelHistory } from '../../slack/blocks/view-models/funnel';
import { asOfText, repConversion, type TRepConversion } from './rep-conversion';

/**
 * The rep's stage-to-stage conversion — the one figure `/stats`, `/coach focus` and the brief show
 * (rep-conversion.ts: the recompute's window, as of its latest run) — next to the same window just
 * before it, counted the same way (the deals as they stood when that window ended).
 */
export async function getRepFunnelHistory(db: TDb, rep: TPersonRow, stages: readonly TStage[], now: Date, known?: TRepConversion): Promise<TRepFunnelHistory> {
  const conversion = known ?? (await repConversion(db, rep, stages, now));
  const { windowDays } = conversion;
  const splitMs = conversion.asOf.getTime() - windowDays * DAY_MS;
  const deals = await listDealFacts(db, [rep.id], splitMs - windowDays * DAY_MS, splitMs);
  const past = computeFunnel(
    deals.map((deal) => dealAsOf(deal, splitMs, stages)),
    stages,
    splitMs,
    windowDays,
  );
  const current = computeFunnel(
    (await listDealFacts(db, [rep.id], splitMs, conversion.asOf.getTime())).map((deal) => dealAsOf(deal, conversion.asOf.getTime(), stages)),
    stages,
    conversion.asOf.getTime(),
    windowDays,
  );
  return {
    currentLabel: `last ${windowDays} days (${asOfText(conversion, now, rep.tz)})`,
    pastLabel: `${windowDays} days before`,
    steps: conversion.steps.map((step, i) => {
      const before = past.rates[i];
      return {
        from: step.from,
        fromName: step.fromName,
        toName: step.toName,
        current: { advanced: step.advanced, reached: step.reached, rate: step.rate },
        past: { advanced: before?.advanced ?? 0, reached: before?.reached ?? 0, rate: before?.rate ?? null },
      };
    }),
    current: { won: current.won, lost: current.lost },
    past: { won: past.won, lost: past.lost },
  };
}
