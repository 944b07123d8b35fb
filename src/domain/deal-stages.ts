import type { TActivityType, TStage } from './types';

/** Activities that only happen once a deal has reached a stage: a demo means the deal is at least at "demo". */
const STAGE_OF_ACTIVITY: Partial<Record<TActivityType, string>> = { demo: 'demo', proposal: 'proposal' };

/** The stage a deal moves to because of an activity on it, or undefined when it stays where it is. */
export function impliedStage(type: TActivityType, currentStage: string, stages: readonly TStage[]): string | undefined {
  const target = STAGE_OF_ACTIVITY[type];
  if (!target) return undefined;
  const to = stages.find((s) => s.key === target);
  const from = stages.find((s) => s.key === currentStage);
  if (!to || !from || from.outcome) return undefined;
  return to.position > from.position ? to.key : undefined;
}
