import type { TDb } from '../../db/client';
import { runRecomputeJob } from '../../jobs/processors/recompute';
import type { TRecomputeSummary } from '../services/coaching/recompute-workspace';
import { parseNow, targetWorkspaces, type TRunArgs } from './run-args';
import { runDeliverDue, runPlan } from './run-deliveries';
import { runPurgeCommand } from './run-purge';

const USAGE = `Usage: npm run cli -- run <recompute|plan|deliver-due|purge> [--workspace T… …] [--now <ISO-8601>] [--dry-run]
  recompute     tiers, expectations and focus areas, in-process (no Redis); every workspace unless --workspace
  plan          record the briefs and reminders due soon, then queue them for the worker (if Redis answers)
  deliver-due   send what is due now, in-process (no Redis; needs SLACK_BOT_TOKEN, or OAuth's credentials and key)
  purge         delete the data of workspaces uninstalled over 30 days before --now (what the daily job does)
  --workspace   one or more Slack team ids (repeatable: --workspace T1 T2 or --workspace T1 --workspace T2)
  --now         act as of this instant, with its offset (e.g. 2026-11-24T02:00:00Z)
  --dry-run     compute and print; nothing is saved, queued or sent`;

/**
 * `run <job>`: a job's processor logic in-process, without Redis — for backfills, cron-less setups
 * and checking what a run would do. `dbPath` names the database in messages.
 * Exit codes: 0 ok, 1 a workspace failed, 2 usage.
 */
export async function runCommand(args: string[], db: TDb, dbPath: string): Promise<number> {
  const parsed = parseRunArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    return 2;
  }
  switch (parsed.job) {
    case 'recompute':
      return runRecompute(parsed, db, dbPath);
    case 'plan':
      return runPlan(parsed, db, dbPath);
    case 'deliver-due':
      return runDeliverDue(parsed, db, dbPath);
    case 'purge':
      return runPurgeCommand(parsed, db);
    default:
      console.error(`Unknown job '${parsed.job}'.\n${USAGE}`);
      return 2;
  }
}

async function runRecompute(args: TRunArgs, db: TDb, dbPath: string): Promise<number> {
  const now = parseNow(args);
  if (typeof now === 'string') {
    console.error(now);
    return 2;
  }
  const targets = await targetWorkspaces(db, args, dbPath);
  if (typeof targets === 'string') {
    console.error(targets);
    return 2;
  }
  if (targets.length === 0) {
    console.log(`No workspaces in ${dbPath}: nothing to recompute.`);
    return 0;
  }
  console.log(`recompute as of ${now.toISOString()}${args.dryRun ? ' (dry run: computed, then rolled back; nothing saved)' : ''}`);
  let failed = 0;
  for (const workspaceId of targets) {
    try {
      // The same job the worker runs, with the instant in its payload as an on-demand job has.
      const job = { data: { workspaceId, now: now.toISOString() }, timestamp: now.getTime(), opts: {}, repeatJobKey: undefined };
      const summary = await runRecomputeJob(db, job, { dryRun: args.dryRun });
      console.log(formatSummary(summary, args.dryRun));
    } catch (error) {
      failed++;
      console.error(`${workspaceId}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

export function formatSummary(summary: TRecomputeSummary, dryRun = false): string {
  const tiers = Object.entries(summary.tiers)
    .map(([tier, count]) => `${tier} ${count}`)
    .join(', ');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    `${summary.workspaceId}: ${plural(summary.reps, 'rep')} in ${plural(summary.teams, 'team')}`,
    `  tiers: ${tiers}`,
    `  changes: ${plural(summary.tierChanges, 'tier change')}, ${plural(summary.focusChanges, 'focus change')}`,
    `  ${plural(summary.rowsWritten, 'row')} ${dryRun ? 'computed (rolled back)' : 'written'}`,
  ].join('\n');
}

function parseRunArgs(args: string[]): TRunArgs | string {
  const [job, ...rest] = args;
  if (!job || job.startsWith('--')) return 'Which job? recompute, plan, deliver-due or purge.';
  const result: TRunArgs = { job, workspaces: [], dryRun: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--dry-run') result.dryRun = true;
    else if (arg === '--now') {
      const value = rest[++i];
      if (!value || value.startsWith('--')) return '--now needs a value, e.g. --now 2026-11-24T02:00:00Z.';
      result.now = value;
    } else if (arg === '--workspace') {
      const start = result.workspaces.length;
      while (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) result.workspaces.push(rest[++i]!);
      if (result.workspaces.length === start) return '--workspace needs at least one Slack team id.';
    } else return `Unexpected argument '${arg}'.`;
  }
  return result;
}
