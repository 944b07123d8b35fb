import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listRepActivities } from '../../../db/repositories/activities';
import { listDealsAdvancedBetween, listDealsWonBetween } from '../../../db/repositories/brief-facts';
import type { TPersonRow } from '../../../db/repositories/people';
import { activityByStage } from '../../domain/activity-by-stage';
import type { TActivityStageMap } from '../../domain/activity-stage-map';
import { type TBriefPeriod } from '../../domain/brief-period';
import { type TActivityType, type TStage } from '../../domain/types';
import type { TRepCoaching } from '../coaching/coaching-rows';
import { getCoachingProgress } from '../coaching/get-coaching-progress';
import { activityFigures } from '../stats/activity-figures';
import { repConversion } from '../stats/rep-conversion';
import type { TBriefActivity, TBriefView } from '../../slack/blocks/view-models/brief';

/*
 * The numbers of the manager's brief (activity, outcomes, conversion, stalled deals), split from
 * build-manager-brief.ts, which assembles them with the meeting's agenda and action items.
 */

export type TBriefNumbersContext = { db: TDb; rep: TPersonRow; stages: readonly TStage[]; activityStages: TActivityStageMap; now: Date; period: TBriefPeriod };

/** The stage's display name, 'No stage' for activity that fed none; unknown keys as they are. */
export function stageNamer(stages: readonly TStage[]): (key: string | null) => string {
  const names = new Map(stages.map((s) => [s.key, s.name]));
  return (key) => (key === null ? 'No stage' : (names.get(key) ?? key));
}

// The period ends at `now` inclusive: what was logged at this very instant still counts (as in /stats).
const endOf = (period: TBriefPeriod) => new Date(period.to.toMillis() + 1);

/**
 * Activity by type against the expectations scaled to the period, and the stages it fed — by the rule `/stats`,
 * Home and the digest use (`activityByStage`), over the same rows: one read for both.
 */
export async function briefActivity(ctx: TBriefNumbersContext, coaching: TRepCoaching | null): Promise<TBriefActivity> {
  const { db, rep, period } = ctx;
  const rows = await listRepActivities(db, rep.id, period.from.toJSDate(), endOf(period));
  const counted = new Map<TActivityType, number>();
  for (const row of rows) counted.set(row.type, (counted.get(row.type) ?? 0) + row.count);
  // By type: the one figure the digest and /stats share (services/stats/activity-figures.ts).
  const typeRows = (await activityFigures(db, rep, { from: period.from, to: DateTime.fromJSDate(endOf(period)) }, coaching?.expectations ?? [], counted)).map(
    ({ type, done, expected, per, amount }) => ({ type, done, expected, per, amount }),
  );
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return { kind: 'activity', rows: typeRows, total, byStage: activityByStage(rows, ctx.stages, ctx.activityStages) };
}

/** For an autonomous rep: goal or quota progress and the deals won or moved on in the period — no activity counts. */
export async function briefOutcomes(ctx: TBriefNumbersContext): Promise<TBriefActivity> {
  const { db, rep, period, stages } = ctx;
  const from = period.from.toJSDate();
  const to = endOf(period);
  const name = stageNamer(stages);
  const openStages = stages.filter((s) => !s.outcome).map((s) => s.key);
  return {
    kind: 'outcomes',
    goal: (await getCoachingProgress(db, rep, [], stages, ctx.now))?.goal ?? null,
    won: (await listDealsWonBetween(db, rep.id, from, to)).map(({ name: deal, amountCents }) => ({ name: deal, amountCents })),
    advanced: (await listDealsAdvancedBetween(db, rep.id, openStages, from, to)).map((deal) => ({ name: deal.name, stageName: name(deal.stage) })),
  };
}

/**
 * The rep's stage-to-stage conversion next to the rest of the team: the one figure every surface shows
 * (services/stats/rep-conversion.ts), as of the nightly recompute; the focus stage is the one it chose.
 */
export async function briefConversion(ctx: TBriefNumbersContext, coaching: TRepCoaching | null): Promise<TBriefView['conversion']> {
  const { windowDays, steps } = await repConversion(ctx.db, ctx.rep, ctx.stages, ctx.now);
  const name = stageNamer(ctx.stages);
  const focus = coaching?.focus ?? null;
  const rows = steps.map((step) => ({
    fromName: step.fromName,
    toName: step.toName,
    advanced: step.advanced,
    reached: step.reached,
    repRate: step.rate,
    teamRate: step.teamRate,
    isFocus: focus?.stage === step.from,
  }));
  const focusView = focus && { stageName: name(focus.stage), toStageName: focus.toStage ? name(focus.toStage) : null, evidenceText: focus.evidence.text };
  return { windowDays, rows, focus: focusView };
}
