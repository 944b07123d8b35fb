import type { TDb } from '../../../db/client';
import { findDealForPicker, listOpenDealsForPicker } from '../../../db/repositories/deals';
import { filterDealChoices } from '../../domain/deal-choices';
import type { TStage } from '../../domain/types';
import type { TDealChoice, TUnpickableDeal } from '../../slack/blocks/view-models/logging';

/*
 * Helpers shared by the deal picker (its options, the modal a check-in button opens, the submission) and the
 * check-in's quick choices: which deals a rep may pick, and whether a deal named by an old button or modal
 * still is one of them.
 */

/** The rep's open deals matching `query`, best first, as a picker shows them. */
export async function dealChoicesFor(db: TDb, repId: number, stages: readonly TStage[], query: string, limit: number): Promise<TDealChoice[]> {
  return filterDealChoices(await listOpenDealsForPicker(db, repId), query, limit).map((deal) => dealChoiceOf(deal, stages));
}

/** The rep's open deals in one stage, the most recently active first (a check-in's quick choices). */
export async function openDealsInStage(db: TDb, repId: number, stage: string, limit: number): Promise<{ id: number; name: string }[]> {
  const inStage = (await listOpenDealsForPicker(db, repId)).filter((deal) => deal.stage === stage);
  return filterDealChoices(inStage, '', limit).map(({ id, name }) => ({ id, name }));
}

export type TPickedDeal = { ok: true; deal: TDealChoice } | { ok: false; why: TUnpickableDeal };

/**
 * A deal named by a button or a submitted modal, checked now: still there, the rep's own (same workspace) and
 * open. Buttons and modals outlive all three, so each is an answer, not an error.
 */
export async function checkPickedDeal(db: TDb, rep: { id: number; workspaceId: string } | undefined, dealId: number, stages: readonly TStage[]): Promise<TPickedDeal> {
  const deal = await findDealForPicker(db, dealId);
  if (!deal) return { ok: false, why: { kind: 'gone' } };
  if (!rep || deal.repId !== rep.id || deal.workspaceId !== rep.workspaceId) return { ok: false, why: { kind: 'not_yours' } };
  if (deal.outcome !== 'open') return { ok: false, why: { kind: 'closed', dealName: deal.name, outcome: deal.outcome } };
  return { ok: true, deal: dealChoiceOf(deal, stages) };
}

/** The workspace's stages a rep can pick for activity without a deal: the open ones (won and lost are outcomes). */
export function openStagesOf(stages: readonly TStage[]): { key: string; name: string }[] {
  return stages.filter((s) => s.outcome === null).map(({ key, name }) => ({ key, name }));
}

function dealChoiceOf(deal: { id: number; name: string; stage: string }, stages: readonly TStage[]): TDealChoice {
  return { id: deal.id, name: deal.name, stageName: stages.find((s) => s.key === deal.stage)?.name ?? deal.stage };
}
