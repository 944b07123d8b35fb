import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listActiveGoals } from '../../../db/repositories/coaching';
import { countWonSince, sumWonCentsSince } from '../../../db/repositories/deals';
import type { TPersonRow } from '../../../db/repositories/people';
import { quotaForEngine } from '../../domain/coaching/inputs';
import { coachingFor } from '../../domain/coaching/library';
import { expectationProgress } from '../../domain/coaching/progress';
import { readPreferences } from '../../domain/preferences';
import type { TStage } from '../../domain/types';
import type { TCoachingView } from '../../slack/blocks/view-models/coaching';
import { getCoachingSettings } from '../setup/coaching-settings';
import { getRepCoaching } from './get-rep-coaching';

/**
 * Where a rep stands against their coaching snapshot: expectations with pace, goal (or quota)
 * progress and the focus area with its tip; pace by the rep's own working days and hours. Null before the first recompute.
 */
export async function getCoachingProgress(
  db: TDb,
  rep: TPersonRow,
  activities: readonly { type: TCoachingView['expectations'][number]['type']; count: number; occurredAt: number }[],
  stages: readonly TStage[],
  now: Date,
): Promise<TCoachingView | null> {
  const local = DateTime.fromJSDate(now, { zone: rep.tz });
  const [coaching, goal] = await Promise.all([getRepCoaching(db, rep.id, now), goalProgress(db, rep, local)]);
  if (!coaching) return null;
  // A target under one a week is shown per month, paced through the month ("1 of 2 proposals this month").
  const targets = [...coaching.expectations, ...coaching.monthly];
  const stageName = (key: string | null) => (key ? (stages.find((s) => s.key === key)?.name ?? key) : null);
  return {
    tier: coaching.tier.tier,
    tierReason: coaching.tier.reasonText,
    expectations: expectationProgress(targets, activities, local, readPreferences(rep.preferences)).map((x, i) => ({ ...x, weekly: targets[i]!.weeklyAmount })),
    goal,
    focus: coaching.focus && {
      stageName: stageName(coaching.focus.stage)!,
      toStageName: stageName(coaching.focus.toStage),
      tip: coachingFor(coaching.focus.stage).tip,
      evidenceText: coaching.focus.evidence.text,
    },
    computedAtLabel: DateTime.fromJSDate(coaching.computedAt, { zone: rep.tz }).toFormat('ccc d LLL, HH:mm', { locale: 'en-US' }),
  };
}

async function goalProgress(db: TDb, rep: TPersonRow, local: DateTime): Promise<TCoachingView['goal']> {
  const goal = (await listActiveGoals(db, [{ id: rep.id, tz: rep.tz }], local.toMillis())).get(rep.id);
  if (goal) {
    const start = DateTime.fromMillis(goal.periodStart, { zone: rep.tz });
    return { label: `Q${start.quarter} ${start.year}`, metric: goal.metric, target: goal.target, achieved: goal.achieved ?? 0, source: 'goal' };
  }
  if (!rep.quota) return null;
  const quarterStart = local.startOf('quarter');
  const label = `Q${quarterStart.quarter} ${quarterStart.year}`;
  // The workspace's quota kind says what the number counts: "$12,000 of $120,000 won" or "1 of 4 deals won".
  if ((await getCoachingSettings(db, rep.workspaceId)).quotaKind === 'revenue') {
    const target = quotaForEngine(rep.quota, 'revenue')!;
    return { label, metric: 'revenue', target, achieved: await sumWonCentsSince(db, rep.id, quarterStart.toJSDate()), source: 'quota' };
  }
  return { label, metric: 'deals_won', target: rep.quota, achieved: await countWonSince(db, rep.id, quarterStart.toJSDate()), source: 'quota' };
}
