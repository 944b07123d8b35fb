import { type TDb, writeTransaction } from '../../../db/client';
import { insertSeedActivities, insertSeedDeal, insertSeedPerson, insertSeedStageHistory, insertSeedTeam, type TSeedActivity } from '../../../db/repositories/demo-seed';
import { ensureWorkspace, getSellingSystem } from '../../../db/repositories/workspaces';
import type { TActivityType } from '../../domain/types';

/** Logged activity of a rep, not tied to a deal. Times are epoch milliseconds. */
export type TDemoActivitySeed = { kind: 'activity'; type: TActivityType; count: number; at: number };

/** A deal of a rep, with the stages it went through (in order) and the activity that moved it into each, if any. */
export type TDemoDealSeed = {
  kind: 'deal';
  /** The generator's running deal number: the external id is `demo-<rep id>-<no>`. */
  no: number;
  name: string;
  amountCents: number;
  stage: string;
  furthestStage: string;
  outcome: 'open' | 'won' | 'lost';
  createdAt: number;
  /** When it was won or lost (recorded as its last stage too); null while open. */
  closedAt: number | null;
  lastActivityAt: number;
  steps: { stage: string; at: number; activity: TActivityType | null }[];
};

export type TDemoRepSeed = { slackUserId: string; name: string; email: string; tz: string; quota: number; rows: Iterable<TDemoActivitySeed | TDemoDealSeed> };

export type TDemoTeamSeed = { manager: { slackUserId: string; name: string; email: string; tz: string }; teamName: string; reps: Iterable<TDemoRepSeed> };

export type TSeedDemoTeamInput = {
  workspaceId: string;
  workspaceName: string;
  /** When the people and teams were created (and their profiles last refreshed). */
  now: Date;
  /** The teams to write, given the workspace's open stages in order; read lazily, so a large team never sits in memory. */
  teams: (openStages: readonly string[]) => Iterable<TDemoTeamSeed>;
};

/**
 * Writes a synthetic workspace (the demo, tests, benchmarks): managers with their teams, reps, activity and
 * deals with their stage history, in one transaction. Bulk rows go through prepared statements rather than
 * the repositories: a benchmark team is over a million rows.
 */
export async function seedDemoTeam(db: TDb, input: TSeedDemoTeamInput): Promise<void> {
  const { workspaceId } = input;
  await ensureWorkspace(db, workspaceId, input.workspaceName);
  const system = await getSellingSystem(db, workspaceId);
  const openStages = system.stages.filter((s) => !s.outcome).map((s) => s.key);
  if (db.$engine !== 'sqlite') return seedThroughBuilders(db, input, openStages, system.activityStages);
  const sqlite = db.$client;
  const insertPerson = sqlite.prepare(
    `insert into people (workspace_id, slack_user_id, name, email, role, manager_id, tz, quota, profile_refreshed_at, created_at, is_bot, is_deleted, preferences)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '{}') returning id`,
  );
  const insertTeam = sqlite.prepare(`insert into teams (workspace_id, manager_id, name, settings, created_at) values (?, ?, ?, '{}', ?)`);
  const insertActivity = sqlite.prepare(
    `insert into activities (workspace_id, rep_id, type, count, occurred_at, deal_id, stage, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDeal = sqlite.prepare(
    `insert into deals (workspace_id, rep_id, external_id, name, name_key, amount_cents, stage, furthest_stage, outcome, created_at, closed_at, last_activity_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  );
  const insertHistory = sqlite.prepare(`insert into deal_stage_history (deal_id, stage, entered_at) values (?, ?, ?)`);
  const createdAt = input.now.getTime();

  sqlite.transaction(() => {
    for (const team of input.teams(openStages)) {
      const m = team.manager;
      const { id: managerId } = insertPerson.get(workspaceId, m.slackUserId, m.name, m.email, 'manager', null, m.tz, null, createdAt, createdAt) as { id: number };
      insertTeam.run(workspaceId, managerId, team.teamName, createdAt);
      for (const rep of team.reps) {
        const { id: repId } = insertPerson.get(workspaceId, rep.slackUserId, rep.name, rep.email, 'rep', managerId, rep.tz, rep.quota, createdAt, createdAt) as { id: number };
        for (const row of rep.rows) {
          if (row.kind === 'activity') {
            // Activity without a deal is still seen in the selling system: its type's stage (SPEC §2).
            insertActivity.run(workspaceId, repId, row.type, row.count, row.at, null, system.activityStages[row.type], row.at);
            continue;
          }
          const { id: dealId } = insertDeal.get(
            workspaceId, repId, `demo-${repId}-${row.no}`, row.name, row.name.toLowerCase(), row.amountCents,
            row.stage, row.furthestStage, row.outcome, row.createdAt, row.closedAt, row.lastActivityAt,
          ) as { id: number };
          for (const step of row.steps) {
            insertHistory.run(dealId, step.stage, step.at);
            if (step.activity) insertActivity.run(workspaceId, repId, step.activity, 1, step.at, dealId, step.stage, step.at);
          }
          if (row.closedAt !== null) insertHistory.run(dealId, row.outcome, row.closedAt);
        }
      }
    }
  })();
}

/** The same rows on PostgreSQL, in one transaction, through multi-row inserts (a test's team, not a benchmark's). */
async function seedThroughBuilders(db: TDb, input: TSeedDemoTeamInput, openStages: readonly string[], activityStages: Readonly<Record<TActivityType, string | null>>): Promise<void> {
  const { workspaceId } = input;
  await writeTransaction(db, async (tx) => {
    for (const team of input.teams(openStages)) {
      const m = team.manager;
      const managerId = await insertSeedPerson(tx, { workspaceId, slackUserId: m.slackUserId, name: m.name, email: m.email, role: 'manager', managerId: null, tz: m.tz, quota: null, at: input.now });
      await insertSeedTeam(tx, workspaceId, managerId, team.teamName, input.now);
      for (const rep of team.reps) {
        const repId = await insertSeedPerson(tx, { workspaceId, slackUserId: rep.slackUserId, name: rep.name, email: rep.email, role: 'rep', managerId, tz: rep.tz, quota: rep.quota, at: input.now });
        const activities: TSeedActivity[] = [];
        const history: { dealId: number; stage: string; at: number }[] = [];
        for (const row of rep.rows) {
          if (row.kind === 'activity') {
            activities.push({ workspaceId, repId, type: row.type, count: row.count, at: row.at, dealId: null, stage: activityStages[row.type] });
            continue;
          }
          const dealId = await insertSeedDeal(tx, {
            workspaceId, repId, externalId: `demo-${repId}-${row.no}`, name: row.name, amountCents: row.amountCents, stage: row.stage, furthestStage: row.furthestStage,
            outcome: row.outcome, createdAt: row.createdAt, closedAt: row.closedAt, lastActivityAt: row.lastActivityAt,
          });
          for (const step of row.steps) {
            history.push({ dealId, stage: step.stage, at: step.at });
            if (step.activity) activities.push({ workspaceId, repId, type: step.activity, count: 1, at: step.at, dealId, stage: step.stage });
          }
          if (row.closedAt !== null) history.push({ dealId, stage: row.outcome, at: row.closedAt });
        }
        await insertSeedActivities(tx, activities);
        await insertSeedStageHistory(tx, history);
      }
    }
  });
}
