import type { TDb } from '../../db/client';
import { ZRecomputePayload } from '../../jobs/definitions';
import { listWorkspaces } from '../services/workspaces/list-workspaces';

/** `run <job> [--workspace T…] [--now ISO] [--dry-run]`, parsed. */
export type TRunArgs = { job: string; workspaces: string[]; now?: string; dryRun: boolean };

/** `--now` as an instant (now when absent), or the message explaining what is wrong. */
export function parseNow(args: TRunArgs): Date | string {
  const nowIso = args.now ?? new Date().toISOString();
  const nowCheck = ZRecomputePayload.shape.now.safeParse(nowIso);
  if (!nowCheck.success || Number.isNaN(Date.parse(nowIso))) {
    return `--now must be an ISO-8601 instant with a UTC offset, e.g. 2026-11-24T02:00:00Z or 2026-11-24T03:00:00+01:00 (got '${nowIso}').`;
  }
  const badIds = args.workspaces.filter((id) => !ZRecomputePayload.shape.workspaceId.safeParse(id).success);
  if (badIds.length > 0) return `Not a Slack team id: ${badIds.join(', ')} (expected T… or E…, e.g. T0123ABCD).`;
  return new Date(nowIso);
}

/** The workspaces a run covers (all, or the ones named), or the message naming unknown ones. */
export async function targetWorkspaces(db: TDb, args: TRunArgs, dbPath: string): Promise<string[] | string> {
  const all = await listWorkspaces(db);
  const known = all.map((w) => w.id);
  const unknown = args.workspaces.filter((id) => !known.includes(id));
  if (unknown.length > 0) return `Unknown workspace${unknown.length > 1 ? 's' : ''} in ${dbPath}: ${unknown.join(', ')}.`;
  const targets = args.workspaces.length > 0 ? [...new Set(args.workspaces)] : known;
  // An operator looking into a quiet workspace should not have to guess why nothing goes out there.
  for (const w of all) {
    if (w.uninstalledAt && targets.includes(w.id)) console.log(`${w.id}: Canopy was uninstalled there on ${w.uninstalledAt.toISOString().slice(0, 10)}: nothing is planned or sent for it.`);
  }
  return targets;
}

