import type { TActivityStageMap } from './activity-stage-map';
import type { TActivityType, TStage } from './types';

/** An activity count with the stage it was logged on (null: neither the row nor its deal said). */
export type TStagedActivity = { type: TActivityType; stage?: string | null; count: number };

/** One stage's share of a period's activity. `name` is the stage's display name (an unknown key as it is). */
export type TStageActivityRow = { stage: string; name: string; count: number };

/**
 * A period's activity by stage of the selling system (SPEC §2): stages in selling-system order, stages the
 * system no longer has after them, only stages with activity; `noStage` is what fed none.
 */
export type TActivityByStage = { stages: TStageActivityRow[]; noStage: number };

/**
 * The stage an activity fed: its own (the deal's stage then, set when it was logged), else the stage its type
 * feeds in the workspace's map — so rows logged before activities carried a stage are still attributed.
 * The one rule every surface uses.
 */
export function stageOfActivity(row: TStagedActivity, activityStages: TActivityStageMap): string | null {
  return row.stage ?? activityStages[row.type] ?? null;
}

/** Sums activity by the stage it fed (`stageOfActivity`), in stage order, 'no stage' apart. */
export function activityByStage(rows: Iterable<TStagedActivity>, stages: readonly TStage[], activityStages: TActivityStageMap): TActivityByStage {
  const counts = new Map<string, number>();
  let noStage = 0;
  for (const row of rows) {
    if (!(row.count > 0)) continue;
    const stage = stageOfActivity(row, activityStages);
    if (stage === null) noStage += row.count;
    else counts.set(stage, (counts.get(stage) ?? 0) + row.count);
  }
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const rank = (key: string) => byKey.get(key)?.position ?? Infinity;
  const ordered = [...counts.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([stage, count]) => ({ stage, name: byKey.get(stage)?.name ?? stage, count }));
  return { stages: ordered, noStage };
}

/** All the activity counted, staged or not. */
export function stagedTotal(byStage: TActivityByStage): number {
  return byStage.stages.reduce((sum, row) => sum + row.count, byStage.noStage);
}
