// Every rep's weeks are zoned DateTimes: luxon's zone offsets memoised (see the module).
import '../../domain/zone-offset-cache';
import { type TDb, writeTransaction } from '../../../db/client';
import {
  listActiveGoals,
  listCoachingTeams,
  listDealFacts,
  listFirstDataAt,
  listPreviousCoaching,
  listTeamWeeklyActivity,
  saveTeamSnapshots,
  type TCoachingTeam,
  type TExpectationRow,
  type TFocusRow,
  type TTierSnapshotRow,
} from '../../../db/repositories/coaching';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { attributeStagelessActivities } from '../../../db/repositories/activities';
import { withAgreedTargets } from '../../domain/coaching/agreed-targets';
import { computeActivityNorms } from '../../domain/coaching/activity-norms';
import { computeExpectations } from '../../domain/coaching/expectations';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { chooseFocus } from '../../domain/coaching/focus-area';
import { computeFunnel, computeFunnelsByRep, shrinkFunnel } from '../../domain/coaching/funnel';
import { DAY_MS, DEFAULT_COACHING_CONFIG, quotaForEngine, resolveConfig, type TCoachingConfig, type TQuotaMetric, type TRepFacts, type TResolvedCoachingConfig, type TWeeklyActivity } from '../../domain/coaching/inputs';
import { assignTiers, type TTier } from '../../domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType, type TStage } from '../../domain/types';
import { getCoachingSettings } from '../setup/coaching-settings';
import { listAgreedExpectations } from '../targets/agreed-expectations';

export type TRecomputeSummary = {
  workspaceId: string;
  teams: number;
  reps: number;
  tiers: Record<TTier, number>;
  /** Reps whose tier differs from their previous run's. */
  tierChanges: number;
  /** Reps with a previous run whose focus stage (or having one at all) differs from that run's. */
  focusChanges: number;
  /** Rows written (tier snapshots, expectations, focus areas). */
  rowsWritten: number;
  computedAt: string;
};

/** Snapshots older than this are pruned at each run. */
export const KEEP_SNAPSHOT_DAYS = 90;

/**
 * Tiers, expectations and focus areas for every rep of a workspace as of `now`, team by team: reads
 * outside, then one write transaction per team. Deterministic: re-running at the same `now` reads the
 * same previous state (runs strictly before `now`) and replaces that run's rows.
 */
export async function recomputeWorkspace(db: TDb, input: { workspaceId: string; now: Date; config?: Partial<TCoachingConfig> }): Promise<TRecomputeSummary> {
  // The workspace's saved tier policy and thresholds (`/coach setup`) over the engine's defaults; a caller's config (tests) over both.
  const settings = await getCoachingSettings(db, input.workspaceId);
  const config = resolveConfig({ ...DEFAULT_COACHING_CONFIG, ...settings.config, ...input.config });
  const quotaMetric = settings.quotaKind === 'revenue' ? 'revenue' : 'deals_won';
  const now = input.now.getTime();
  const system = await getSellingSystem(db, input.workspaceId);
  const { stages } = system;
  // Rows logged before activity carried a stage get one, once: the nightly run is where old data catches up.
  await writeTransaction(db, (tx) => attributeStagelessActivities(tx, input.workspaceId, stages, system.activityStages));
  const summary: TRecomputeSummary = {
    workspaceId: input.workspaceId,
    teams: 0,
    reps: 0,
    tiers: { autonomous: 0, guided: 0, focused: 0, ramping: 0 },
    tierChanges: 0,
    focusChanges: 0,
    rowsWritten: 0,
    computedAt: input.now.toISOString(),
  };
  const teams = await listCoachingTeams(db, input.workspaceId);
  // PostgreSQL outside a transaction: the next teams' reads run on other pooled connections while this team is
  // computed and written (a team's reads never see another team's rows, so the result is the same).
  const lookahead = db.$engine === 'postgres' && !(db as unknown as { $inTransaction?: boolean }).$inTransaction ? READ_AHEAD_TEAMS : 0;
  const pending: Promise<TTeamInputs>[] = [];
  const read = (i: number) => {
    if (i < teams.length && pending[i] === undefined) {
      pending[i] = readTeam(db, teams[i]!, stages, now, config);
      // Awaited in turn below; a failure meanwhile must not be an unhandled rejection.
      pending[i]!.catch(() => undefined);
    }
  };
  for (const [i, team] of teams.entries()) {
    for (let j = i; j <= i + lookahead; j++) read(j);
    const inputs = await pending[i]!;
    delete pending[i];
    const run = computeTeam(team, inputs, stages, now, config, quotaMetric);
    summary.rowsWritten += await writeTransaction(db, (tx) =>
      saveTeamSnapshots(tx, {
        workspaceId: input.workspaceId,
        computedAt: input.now,
        personIds: team.reps.map((r) => r.id),
        ...run.rows,
        pruneBefore: new Date(now - KEEP_SNAPSHOT_DAYS * DAY_MS),
      }),
    );
    summary.teams++;
    summary.reps += team.reps.length;
    for (const row of run.rows.tiers) summary.tiers[row.tier]++;
    summary.tierChanges += run.tierChanges;
    summary.focusChanges += run.focusChanges;
  }
  return summary;
}

type TTeamRun = {
  rows: { tiers: TTierSnapshotRow[]; expectations: TExpectationRow[]; focus: TFocusRow[] };
  tierChanges: number;
  focusChanges: number;
};

/** PostgreSQL: how many teams' reads run ahead of the team being computed (each team's reads are six statements at once). */
const READ_AHEAD_TEAMS = 2;

type TTeamInputs = Awaited<ReturnType<typeof readTeam>>;

/** A team's inputs: the independent reads run at once (on PostgreSQL each on a pooled connection of its own). */
async function readTeam(db: TDb, team: TCoachingTeam, stages: readonly TStage[], now: number, config: TResolvedCoachingConfig) {
  const repIds = team.reps.map((r) => r.id);
  const since = now - config.windowDays * DAY_MS;
  const [deals, activityByRep, firstData, goals, previous, agreedTargets] = await Promise.all([
    listDealFacts(db, repIds, since, now).then((rows) => rows.map((deal) => dealAsOf(deal, now, stages))),
    // A day's margin: the engine keeps weeks whose Monday (read as a UTC date) is inside the window.
    listTeamWeeklyActivity(db, team.reps, since - DAY_MS, now),
    listFirstDataAt(db, repIds, now),
    listActiveGoals(db, team.reps, now),
    listPreviousCoaching(db, repIds, now),
    listAgreedExpectations(db, team.reps),
  ]);
  return { deals, activityByRep, firstData, goals, previous, agreedTargets };
}

/** One team through the engine, in the order of the pure pipeline: funnels, tiers, then per rep expectations and focus. */
function computeTeam(team: TCoachingTeam, inputs: TTeamInputs, stages: readonly TStage[], now: number, config: TResolvedCoachingConfig, quotaMetric: TQuotaMetric): TTeamRun {
  const { deals, activityByRep, firstData, goals, previous, agreedTargets } = inputs;
  const teamActivity: TWeeklyActivity[] = team.reps.flatMap((rep) => activityByRep.get(rep.id) ?? []);

  const teamFunnel = computeFunnel(deals, stages, now, config.windowDays);
  const funnels = computeFunnelsByRep(deals, stages, now, config.windowDays);
  const empty = computeFunnel([], stages, now, config.windowDays);
  const teamNorms = computeActivityNorms(teamActivity, now, config.windowDays, config.boundsPercentiles);
  const facts = new Map<number, TRepFacts>(
    team.reps.map((rep) => {
      const goal = goals.get(rep.id);
      return [rep.id, { repId: rep.id, firstDataAt: firstData.get(rep.id) ?? null, quotaPerQuarter: quotaForEngine(rep.quota, quotaMetric), quotaMetric, ...(goal ? { goal } : {}) }];
    }),
  );
  const decisions = assignTiers(
    team.reps.map((rep) => ({ facts: facts.get(rep.id)!, funnel: funnels.get(rep.id) ?? empty, previous: previous.get(rep.id)?.state ?? null })),
    now,
    config,
  );

  const run: TTeamRun = { rows: { tiers: [], expectations: [], focus: [] }, tierChanges: 0, focusChanges: 0 };
  for (const rep of team.reps) {
    const decision = decisions.get(rep.id)!;
    const before = previous.get(rep.id);
    const { tier, pendingTier, pendingCount, reasonCode, reasonText, teamContext, score, percentile, changed, candidate, placement, basis, actual, expected, lines, margin } = decision;
    run.rows.tiers.push({
      personId: rep.id, tier, reasonCode, reasonText,
      // teamContext (and the percentile) are for managers: the rep-facing reasonText never mentions rank.
      details: { score, percentile, teamContext, pendingTier, pendingCount, placement, basis, candidate, actual, expected, lines, margin, changed, firstRun: before === undefined },
    });
    if (changed) run.tierChanges++;

    const repFunnel = funnels.get(rep.id) ?? empty;
    const shrunk = shrinkFunnel(repFunnel, teamFunnel, config.priorStrength);
    const repFacts = facts.get(rep.id)!;
    const repActivity = activityByRep.get(rep.id) ?? [];
    const previousFocus = before?.focusStage ? { stage: before.focusStage } : null;
    const focus = chooseFocus({ shrunk, repFunnel, teamFunnel, previous: previousFocus, config });
    if (focus) {
      run.rows.focus.push({ personId: rep.id, stage: focus.stage, toStage: focus.to, reasonCode: focus.reasonCode, expectedGain: focus.expectedGain, evidence: focus.evidence });
    }
    // Autonomous reps get no activity targets unless they ask (`/stats targets`): their weekly ones are
    // computed as for a guided rep and kept, marked to be shown on request only.
    const onRequestOnly = tier === 'autonomous';
    const expectationTier = onRequestOnly ? 'guided' : tier;
    const focusStage = focus?.stage ?? null;
    const computed = computeExpectations({ tier: expectationTier, facts: repFacts, shrunk, repActivity, teamActivity, repFunnel, teamFunnel, now, config, teamNorms, focusStage, previousTypes: (before?.expectationTypes ?? []).filter(isActivityType) })
      .map((e) => ({ type: e.type, per: e.per, amount: e.amount, derivation: { ...e.derivation, weeklyAmount: e.weeklyAmount } }));
    // Targets the rep proposed and their manager agreed (`/coach targets`) replace the engine's for their
    // types and come first; at most maxExpectations in all. An autonomous rep's stay on request only, like the rest.
    for (const e of withAgreedTargets(computed, agreedTargets.get(rep.id) ?? [], config.maxExpectations)) {
      const derivation = { ...e.derivation, ...(onRequestOnly ? { onRequestOnly } : {}) };
      run.rows.expectations.push({ personId: rep.id, activityType: e.type, per: e.per, amount: e.amount, derivation });
    }
    if (before && (focus?.stage ?? null) !== before.focusStage) run.focusChanges++;
  }
  return run;
}

const isActivityType = (type: string): type is TActivityType => (ACTIVITY_TYPES as readonly string[]).includes(type);
