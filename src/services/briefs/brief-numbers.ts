import type { TDb } from '../../../db/client';
import { listActivityByStage, listDealsAdvancedBetween, listDealsWonBetween, listOpenDealFacts } from '../../../db/repositories/brief-facts';
import { listCoachingTeams, listDealFacts } from '../../../db/repositories/coaching';
import type { TPersonRow } from '../../../db/repositories/people';
import { expectedInPeriod, type TBriefPeriod, workingDaysBetween } from '../../domain/brief-period';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { computeFunnel } from '../../domain/coaching/funnel';
import { DAY_MS, DEFAULT_COACHING_CONFIG } from '../../domain/coaching/inputs';
import { findStalledDeals } from '../../domain/coaching/stalled-deals';
import { readPreferences } from '../../domain/preferences';
import { ACTIVITY_TYPES, type TActivityType, type TStage } from '../../domain/types';
import type { TRepCoaching } from '../coaching/coaching-rows';
import { getCoachingProgress } from '../coaching/get-coaching-progress';
import type { TBriefActivity, TBriefView } from '../../slack/blocks/view-models/brief';

/*
 * The numbers of the manager's brief (activity, outcomes, conversion, stalled deals), split from
 * build-manager-brief.ts, which assembles them with the meeting's agenda and action items.
 */

/** Stalled deals listed by name; the rest are counted. */
export const BRIEF_STALLED_SHOWN = 5;

export type TBriefNumbersContext = { db: TDb; rep: TPersonRow; stages: readonly TStage[]; now: Date; period: TBriefPeriod };

/** The stage's display name, 'No stage' for activity that fed none; unknown keys as they are. */
export function stageNamer(stages: readonly TStage[]): (key: string | null) => string {
  const names = new Map(stages.map((s) => [s.key, s.name]));
  return (key) => (key === null ? 'No stage' : (names.get(key) ?? key));
}

// The period ends at `now` inclusive: what was logged at this very instant still counts (as in /stats).
const endOf = (period: TBriefPeriod) => new Date(period.to.toMillis() + 1);

/** Activity by type against the expectations scaled to the period, and the stages it fed. */
export function briefActivity(ctx: TBriefNumbersContext, coaching: TRepCoaching | null): TBriefActivity {
  const { db, rep, period } = ctx;
  const rows = listActivityByStage(db, rep.id, period.from.toJSDate(), endOf(period));
  const byType = new Map<TActivityType, number>();
  const byStage = new Map<string | null, number>();
  for (const row of rows) {
    byType.set(row.type, (byType.get(row.type) ?? 0) + row.count);
    byStage.set(row.stage, (byStage.get(row.stage) ?? 0) + row.count);
  }
  const workingDays = workingDaysBetween(period.from, period.to, rep.tz, readPreferences(rep.preferences).workingDays);
  const expectations = coaching?.expectations ?? [];
  const typeRows = ACTIVITY_TYPES.flatMap((type) => {
    const expectation = expectations.find((x) => x.type === type);
    const done = byType.get(type) ?? 0;
    if (!expectation && done === 0) return [];
    const expected = expectation ? expectedInPeriod(expectation, period.days, workingDays) : null;
    return [{ type, done, expected, per: expectation?.per ?? null, amount: expectation?.amount ?? null }];
  });
  const order = new Map(ctx.stages.map((s, i) => [s.key, i]));
  // Stages in selling-system order, custom ones after, activity that fed no stage last.
  const rank = (key: string | null) => (key === null ? Infinity : (order.get(key) ?? ctx.stages.length));
  const name = stageNamer(ctx.stages);
  const stageRows = [...byStage.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
    .map(([key, count]) => ({ name: name(key), count }));
  const total = [...byType.values()].reduce((sum, n) => sum + n, 0);
  return { kind: 'activity', rows: typeRows, total, byStage: stageRows };
}

/** For an autonomous rep: goal or quota progress and the deals won or moved on in the period — no activity counts. */
export function briefOutcomes(ctx: TBriefNumbersContext): TBriefActivity {
  const { db, rep, period, stages } = ctx;
  const from = period.from.toJSDate();
  const to = endOf(period);
  const name = stageNamer(stages);
  const openStages = stages.filter((s) => !s.outcome).map((s) => s.key);
  return {
    kind: 'outcomes',
    goal: getCoachingProgress(db, rep, [], stages, ctx.now)?.goal ?? null,
    won: listDealsWonBetween(db, rep.id, from, to).map(({ name: deal, amountCents }) => ({ name: deal, amountCents })),
    advanced: listDealsAdvancedBetween(db, rep.id, openStages, from, to).map((deal) => ({ name: deal.name, stageName: name(deal.stage) })),
  };
}

/**
 * The rep's stage-to-stage conversion next to the team's (the reps of the same manager), over the
 * nightly recompute's window, as that run counts deals: the focus stage is the one it chose.
 */
export function briefConversion(ctx: TBriefNumbersContext, coaching: TRepCoaching | null): TBriefView['conversion'] {
  const { db, rep, stages } = ctx;
  const now = ctx.now.getTime();
  const { windowDays } = DEFAULT_COACHING_CONFIG;
  const team = listCoachingTeams(db, rep.workspaceId).find((t) => t.managerId === rep.managerId);
  const repIds = [...new Set([...(team?.reps.map((r) => r.id) ?? []), rep.id])];
  const deals = listDealFacts(db, repIds, now - windowDays * DAY_MS, now).map((deal) => dealAsOf(deal, now, stages));
  const teamFunnel = computeFunnel(deals, stages, now, windowDays);
  const repFunnel = computeFunnel(
    deals.filter((deal) => deal.repId === rep.id),
    stages,
    now,
    windowDays,
  );
  const name = stageNamer(stages);
  const focus = coaching?.focus ?? null;
  const rows = repFunnel.rates.map((rate, i) => ({
    fromName: name(rate.from),
    toName: name(rate.to),
    advanced: rate.advanced,
    reached: rate.reached,
    repRate: rate.rate,
    teamRate: teamFunnel.rates[i]?.rate ?? null,
    isFocus: focus?.stage === rate.from,
  }));
  const focusView = focus && { stageName: name(focus.stage), toStageName: focus.toStage ? name(focus.toStage) : null, evidenceText: focus.evidence.text };
  return { windowDays, rows, focus: focusView };
}

/** Open deals idle past their stage's threshold, longest idle first: the first five, and how many more. */
export function briefStalled(ctx: TBriefNumbersContext): TBriefView['stalled'] {
  const now = ctx.now.getTime();
  const open = listOpenDealFacts(ctx.db, ctx.rep.id, now).map((deal) => dealAsOf(deal, now, ctx.stages));
  const stalled = findStalledDeals(open, now, DEFAULT_COACHING_CONFIG.staleDays);
  const name = stageNamer(ctx.stages);
  return {
    deals: stalled.slice(0, BRIEF_STALLED_SHOWN).map((deal) => ({ name: deal.name, stageName: name(deal.stage), idleDays: deal.idleDays })),
    more: Math.max(0, stalled.length - BRIEF_STALLED_SHOWN),
  };
}
