import type { TDb } from '../../../db/client';
import { listOpenDealsForPicker } from '../../../db/repositories/deals';
import { listWorkspaceExemplars } from '../../../db/repositories/exemplars';
import { readStoredSetup } from '../../../db/repositories/setup';
import { listStages } from '../../../db/repositories/workspaces';
import { filterDealChoices } from '../../domain/deal-choices';
import type { TReviewStage } from '../../domain/review-form';

/*
 * Helpers shared by opening the review form and reading it back: the choices it offers, read the same way both
 * times, so a submission is checked against what could have been offered.
 */

/** At most this many deals and recordings in a select (Slack's limit). */
export const MAX_FORM_OPTIONS = 100;

/** The workspace's open stages with their CRM names, in order. */
export async function reviewStages(db: TDb, workspaceId: string): Promise<TReviewStage[]> {
  const stored = (await readStoredSetup(db, workspaceId))?.stages;
  const all = stored ?? (await listStages(db, workspaceId)).map((s) => ({ ...s, aliases: [] as string[] }));
  return all.filter((s) => s.outcome === null).map(({ key, name, aliases }) => ({ key, name, aliases }));
}

/** The rep's open deals, most recently active first, at most 100. */
export async function reviewDeals(db: TDb, repId: number): Promise<{ id: number; name: string; stage: string }[]> {
  return filterDealChoices(await listOpenDealsForPicker(db, repId), '', MAX_FORM_OPTIONS).map(({ id, name, stage }) => ({ id, name, stage }));
}

/** The workspace's recordings to compare with, newest first, at most 100. */
export function reviewExemplars(db: TDb, workspaceId: string) {
  return listWorkspaceExemplars(db, workspaceId, MAX_FORM_OPTIONS);
}
