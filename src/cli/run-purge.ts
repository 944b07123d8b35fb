import type { TDb } from '../../db/client';
import { runPurge } from '../../jobs/processors/purge';
import { createLogger } from '../logger';
import { WORKSPACE_RETENTION_DAYS } from '../services/installations/purge-uninstalled';
import { parseNow, type TRunArgs } from './run-args';

/** `run purge [--now]`: the daily purge in-process; prints each deleted workspace. `--workspace` and `--dry-run` do not apply. */
export async function runPurgeCommand(args: TRunArgs, db: TDb): Promise<number> {
  if (args.workspaces.length > 0 || args.dryRun) {
    console.error('run purge takes only --now: it deletes every workspace uninstalled over the retention period ago.');
    return 2;
  }
  const now = parseNow(args);
  if (typeof now === 'string') {
    console.error(now);
    return 2;
  }
  // The audit lines go to the log, as the job's do.
  const purged = await runPurge(db, createLogger(process.env.LOG_LEVEL ?? 'info', 'canopy-cli'), now);
  if (purged.length === 0) {
    console.log(`Nothing to purge: no workspace was uninstalled more than ${WORKSPACE_RETENTION_DAYS} days before ${now.toISOString()}.`);
    return 0;
  }
  for (const p of purged) console.log(`Purged ${p.workspaceId} (uninstalled ${p.uninstalledAt.toISOString()}): its data and installation are deleted.`);
  return 0;
}
