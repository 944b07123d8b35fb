import { IANAZone } from 'luxon';
import { z } from 'zod';
import { defaultActivityStageMap } from './activity-stage-map';
import { DEFAULT_COACHING_CONFIG, type TCoachingConfig } from './coaching/inputs';
import { DEFAULT_PREFERENCES, type TPreferences } from './preferences';
import { ACTIVITY_TYPES, DEFAULT_STAGES, type TActivityType, type TStage } from './types';

/*
 * A workspace's setup (SPEC §3 `/coach setup`): one schema for the Slack modal, the CLI and storage. Its
 * defaults are the behaviour before setup existed, so a workspace nobody has set up works as it always did.
 * Stored across `stages` (order, names, CRM aliases, stalled threshold), `workspaces.timezone`,
 * `workspaces.activity_stage_map` and `workspaces.settings` (everything else).
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Stage keys: what deals, history and activities store; kept when a stage is renamed. */
export const STAGE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export const ZSetupStage = z.object({
  key: z.string().regex(STAGE_KEY, 'a stage key is lower-case letters, digits and _ (like `demo` or `closed_won`)'),
  name: z.string().trim().min(1, 'a stage needs a name').max(40, 'a stage name is at most 40 characters'),
  /** The names the team's CRM uses for the stage, matched case-insensitively. */
  aliases: z.array(z.string().trim().min(1).max(60, 'a CRM name is at most 60 characters')).max(20, 'at most 20 CRM names per stage').default([]),
  outcome: z.enum(['won', 'lost']).nullable().default(null),
  /** Idle days before an open deal in this stage is stalled; null for won and lost. */
  staleDays: z.number().int().min(1, 'stalled thresholds are 1 to 365 days').max(365, 'stalled thresholds are 1 to 365 days').nullable().default(null),
});
export type TSetupStage = z.infer<typeof ZSetupStage>;

export const ZTierPolicy = z.object({
  /** Attainment (1 = goal pace) at or above which a rep is `autonomous`. */
  autonomousAttainment: z.number().min(0.05, 'autonomous is from 5% to 300% of goal pace').max(3, 'autonomous is from 5% to 300% of goal pace'),
  /** Attainment below which a rep is `focused`. */
  focusedAttainment: z.number().min(0, 'focused is from 0% to 300% of goal pace').max(3, 'focused is from 0% to 300% of goal pace'),
  /** Days of data before a rep leaves `ramping`. */
  rampingDays: z.number().int().min(0, 'ramping is 0 to 365 days').max(365, 'ramping is 0 to 365 days'),
  /** Without a goal or quota: share of the team placed `autonomous` / `focused` by percentile. */
  topShare: z.number().min(0, 'percentile shares are 0% to 50%').max(0.5, 'percentile shares are 0% to 50%'),
  bottomShare: z.number().min(0, 'percentile shares are 0% to 50%').max(0.5, 'percentile shares are 0% to 50%'),
});
export type TTierPolicy = z.infer<typeof ZTierPolicy>;

const ZActivityStages = z.record(z.enum(ACTIVITY_TYPES), z.string().nullable());

export const ZWorkspaceSetup = z
  .object({
    stages: z.array(ZSetupStage).min(3, 'a selling system needs at least one open stage, a won and a lost one').max(15, 'at most 15 stages'),
    activityStages: ZActivityStages,
    tiers: ZTierPolicy,
    dormantDays: z.number().int().min(7, 'dormant is 7 to 730 days').max(730, 'dormant is 7 to 730 days'),
    // "EST" or "CET" are valid to luxon but have no daylight saving: a region ("America/New_York") is what people mean.
    timezone: z.string().refine((tz) => IANAZone.isValidZone(tz) && (tz.includes('/') || tz === 'UTC'), {
      error: (i) => `'${String(i.input).slice(0, 40)}' is not a region time zone (like Europe/Berlin or America/New_York; UTC for none)`,
    }),
    workingDays: z.array(z.number().int().min(1).max(7)).min(1, 'pick at least one working day'),
    workStart: z.string().regex(HH_MM, 'a time is HH:MM'),
    workEnd: z.string().regex(HH_MM, 'a time is HH:MM'),
    holidayCountry: z.string().regex(/^[A-Z]{2}$/, 'a country is a two-letter code like US, GB, DE').nullable(),
    holidayRegion: z.string().regex(/^[A-Z0-9]{1,3}$/, 'a region is a code like CA, BY, SCT').nullable(),
    quotaKind: z.enum(['deals', 'revenue'], { error: 'quota kind is deals or revenue' }),
    leaderboard: z.boolean(),
  })
  .superRefine((setup, ctx) => {
    for (const problem of stageProblems(setup.stages)) ctx.addIssue({ code: 'custom', path: ['stages'], message: problem });
    const open = new Set(setup.stages.filter((s) => !s.outcome).map((s) => s.key));
    for (const type of ACTIVITY_TYPES) {
      const stage = setup.activityStages[type];
      if (stage !== null && stage !== undefined && !open.has(stage)) {
        ctx.addIssue({ code: 'custom', path: ['activityStages'], message: `${type} feeds '${stage.slice(0, 40)}', which is not an open stage` });
      }
    }
    if (setup.tiers.focusedAttainment > setup.tiers.autonomousAttainment) {
      ctx.addIssue({ code: 'custom', path: ['tiers', 'focusedAttainment'], message: 'focused must start below where autonomous starts' });
    }
    const longest = Math.max(0, ...setup.stages.map((s) => s.staleDays ?? 0));
    if (setup.dormantDays <= longest) ctx.addIssue({ code: 'custom', path: ['dormantDays'], message: `dormant must be longer than the longest stalled threshold (${longest} days)` });
    if (setup.workEnd <= setup.workStart) ctx.addIssue({ code: 'custom', path: ['workEnd'], message: 'the working day has to end after it starts' });
    if (setup.holidayRegion !== null && setup.holidayCountry === null) ctx.addIssue({ code: 'custom', path: ['holidayRegion'], message: 'a region needs a country' });
  });
export type TWorkspaceSetup = z.infer<typeof ZWorkspaceSetup>;
export type TSetupKey = keyof TWorkspaceSetup;

export const SETUP_KEYS = Object.keys(ZWorkspaceSetup.shape) as TSetupKey[];
/** Keys whose change alters coaching (tiers, expectations, focus, stalled deals): saving one recomputes. */
export const COACHING_KEYS: ReadonlySet<TSetupKey> = new Set(['stages', 'activityStages', 'tiers', 'dormantDays', 'quotaKind']);

/** What is wrong with an ordered stage list: keys and names unique, open stages first, exactly one won and one lost. */
export function stageProblems(stages: readonly TSetupStage[]): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  const names = new Map<string, string>();
  for (const stage of stages) {
    if (keys.has(stage.key)) problems.push(`the key '${stage.key}' is used twice`);
    keys.add(stage.key);
    for (const name of [stage.name, ...stage.aliases]) {
      const folded = name.toLowerCase();
      const other = names.get(folded);
      if (other !== undefined && other !== stage.key) problems.push(`'${name.slice(0, 40)}' names two stages`);
      names.set(folded, stage.key);
    }
    if (stage.outcome && stage.staleDays !== null) problems.push(`${stage.name} is closed: it has no stalled threshold`);
    if (!stage.outcome && stage.staleDays === null) problems.push(`${stage.name} needs a stalled threshold`);
  }
  const won = stages.filter((s) => s.outcome === 'won').length;
  const lost = stages.filter((s) => s.outcome === 'lost').length;
  if (won !== 1) problems.push('there must be exactly one won stage');
  if (lost !== 1) problems.push('there must be exactly one lost stage');
  if (!stages.some((s) => !s.outcome)) problems.push('there must be at least one open stage');
  const firstClosed = stages.findIndex((s) => s.outcome);
  if (firstClosed >= 0 && stages.slice(firstClosed).some((s) => !s.outcome)) problems.push('won and lost come after every open stage');
  return [...new Set(problems)];
}

/** The stalled threshold a stage gets when none is set: the engine's default for its key, else its '*' default. */
export function defaultStaleDays(key: string): number {
  const table = DEFAULT_COACHING_CONFIG.staleDays;
  return table[key] ?? table['*'] ?? 14;
}

/** Stored pieces → the setup, defaults filling whatever is missing or invalid (a hand-edited JSON never breaks a job). */
export function setupFromStored(stored: {
  stages: readonly (TStage & { aliases: readonly string[]; staleAfterDays: number | null })[];
  timezone?: string | null;
  activityStageMap?: Partial<Record<TActivityType, string | null>> | null;
  settings?: unknown;
}): TWorkspaceSetup {
  const stages = [...stored.stages]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ key: s.key, name: s.name, aliases: [...s.aliases], outcome: s.outcome, staleDays: s.outcome ? null : (s.staleAfterDays ?? defaultStaleDays(s.key)) }));
  const map = defaultActivityStageMap(stages.map((s, i) => ({ ...s, position: i + 1 })));
  const open = new Set(stages.filter((s) => !s.outcome).map((s) => s.key));
  const activityStages = { ...map } as Record<TActivityType, string | null>;
  for (const type of ACTIVITY_TYPES) {
    const chosen = stored.activityStageMap?.[type];
    if (chosen === null || (chosen !== undefined && open.has(chosen))) activityStages[type] = chosen;
  }
  const settings = ZStoredSettings.parse(stored.settings !== null && typeof stored.settings === 'object' ? stored.settings : {});
  const timezone = stored.timezone && IANAZone.isValidZone(stored.timezone) ? stored.timezone : 'UTC';
  return { stages, activityStages, timezone, ...settings };
}

const D = DEFAULT_COACHING_CONFIG;
const P = DEFAULT_PREFERENCES;
/** The part of the setup kept in `workspaces.settings`, each key read on its own with its default. */
export const ZStoredSettings = z.object({
  tiers: ZTierPolicy.catch({ autonomousAttainment: D.autonomousAttainment, focusedAttainment: D.focusedAttainment, rampingDays: D.rampingDays, topShare: D.topShare, bottomShare: D.bottomShare }),
  dormantDays: ZWorkspaceSetup.shape.dormantDays.catch(D.dormantDays),
  workingDays: ZWorkspaceSetup.shape.workingDays.catch([...P.workingDays]),
  workStart: ZWorkspaceSetup.shape.workStart.catch(P.workStart),
  workEnd: ZWorkspaceSetup.shape.workEnd.catch(P.workEnd),
  holidayCountry: ZWorkspaceSetup.shape.holidayCountry.catch(null),
  holidayRegion: ZWorkspaceSetup.shape.holidayRegion.catch(null),
  quotaKind: ZWorkspaceSetup.shape.quotaKind.catch('deals'),
  leaderboard: z.boolean().catch(false),
});
export type TStoredSettings = z.infer<typeof ZStoredSettings>;

/** Today's behaviour: the default six stages, the default type → stage map, the engine's tier policy and thresholds, UTC, Mon–Fri 09–18, deals. */
export const DEFAULT_SETUP: TWorkspaceSetup = setupFromStored({ stages: DEFAULT_STAGES.map((s) => ({ ...s, aliases: [], staleAfterDays: null })) });

/** The keys of the setup stored in `workspaces.settings`. */
export const SETTINGS_KEYS = Object.keys(ZStoredSettings.shape) as (keyof TStoredSettings)[];

/** The coaching engine's knobs from the setup: tier policy, stalled per stage, dormant. */
export function coachingConfigOf(setup: Pick<TWorkspaceSetup, 'stages' | 'tiers' | 'dormantDays'>): Partial<TCoachingConfig> & Pick<TCoachingConfig, 'staleDays'> {
  const staleDays: Record<string, number> = { '*': D.staleDays['*'] ?? 14 };
  for (const stage of setup.stages) if (stage.staleDays !== null) staleDays[stage.key] = stage.staleDays;
  return { ...setup.tiers, dormantDays: setup.dormantDays, staleDays };
}

/** Working days and hours and holiday country for people who set none. */
export function preferenceDefaultsOf(setup: Pick<TWorkspaceSetup, 'workingDays' | 'workStart' | 'workEnd' | 'holidayCountry' | 'holidayRegion'>): Partial<TPreferences> {
  return { workingDays: setup.workingDays, workStart: setup.workStart, workEnd: setup.workEnd, holidayCountry: setup.holidayCountry, holidayRegion: setup.holidayRegion };
}

/** The keys whose value differs between two setups, in schema order (compared as JSON: arrays and objects by value). */
export function changedSetupKeys(before: TWorkspaceSetup, after: TWorkspaceSetup): TSetupKey[] {
  return SETUP_KEYS.filter((key) => stableJson(before[key]) !== stableJson(after[key]));
}

/** JSON with object keys sorted (array order kept: it means something). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** A stage key made from a name: 'Closed Won' → 'closed_won'. */
export function stageKeyOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(slug) ? slug : `s_${slug}`.slice(0, 40);
}
