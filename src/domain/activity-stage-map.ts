import { ACTIVITY_TYPES, type TActivityType, type TStage } from './types';

/**
 * SPEC §2: each activity type feeds the stage it usually serves, so activity logged without a deal is still
 * seen in the selling system. Calls, emails and social touches feed the first open stage, meetings the
 * second, demos and proposals the stages of those names (by key or name), "other" none.
 */
export type TActivityStageMap = Readonly<Record<TActivityType, string | null>>;

function stageNamed(open: readonly TStage[], word: string): string | null {
  return open.find((s) => s.key === word || s.name.toLowerCase() === word)?.key ?? null;
}

/** The default map for a selling system; a type whose stage the system lacks feeds none. */
export function defaultActivityStageMap(stages: readonly TStage[]): TActivityStageMap {
  const open = stages.filter((s) => !s.outcome).sort((a, b) => a.position - b.position);
  const first = open[0]?.key ?? null;
  const second = open[1]?.key ?? first;
  return {
    call: first,
    email: first,
    social: first,
    meeting: second,
    demo: stageNamed(open, 'demo') ?? second,
    proposal: stageNamed(open, 'proposal') ?? open[open.length - 1]?.key ?? null,
    other: null,
  };
}

/**
 * The workspace's map: its overrides (set in `/coach setup`) over the defaults. An override naming a stage
 * the system no longer has, or a closed one, falls back to the default rather than feeding nothing.
 */
export function resolveActivityStageMap(
  stages: readonly TStage[],
  overrides: Partial<Record<TActivityType, string | null>> | null | undefined,
): TActivityStageMap {
  const defaults = defaultActivityStageMap(stages);
  if (!overrides) return defaults;
  const openKeys = new Set(stages.filter((s) => !s.outcome).map((s) => s.key));
  const map = { ...defaults };
  for (const type of ACTIVITY_TYPES) {
    const chosen = overrides[type];
    if (chosen === null) map[type] = null;
    else if (chosen !== undefined && openKeys.has(chosen)) map[type] = chosen;
  }
  return map;
}
