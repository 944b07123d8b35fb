import type { TDb } from '../../../db/client';
import { readStoredSetup } from '../../../db/repositories/setup';
import type { TCoachingConfig } from '../../domain/coaching/inputs';
import { coachingConfigOf, DEFAULT_SETUP, preferenceDefaultsOf, setupFromStored } from '../../domain/setup';
import type { TPreferences } from '../../domain/preferences';

/** What the engine and every reader of coaching thresholds take from the workspace's setup. */
export type TCoachingSettings = {
  /** Tier policy, stalled per stage and dormant, for `recomputeWorkspace`'s config. */
  config: Partial<TCoachingConfig>;
  /** Idle days per stage key ('*' for others) before an open deal is stalled. */
  staleDays: Record<string, number>;
  dormantDays: number;
  quotaKind: 'deals' | 'revenue';
  leaderboard: boolean;
  /** Working days and hours and holiday country for people who set none. */
  preferenceDefaults: Partial<TPreferences>;
};

/**
 * The workspace's saved coaching settings (the code's defaults for a workspace nobody has set up, or one that
 * does not exist yet): the one place readers of stalled and dormant thresholds get them.
 */
export async function getCoachingSettings(db: TDb, workspaceId: string): Promise<TCoachingSettings> {
  const stored = await readStoredSetup(db, workspaceId);
  const setup = stored ? setupFromStored(stored) : DEFAULT_SETUP;
  const config = coachingConfigOf(setup);
  return {
    config,
    staleDays: config.staleDays,
    dormantDays: setup.dormantDays,
    quotaKind: setup.quotaKind,
    leaderboard: setup.leaderboard,
    preferenceDefaults: preferenceDefaultsOf(setup),
  };
}
