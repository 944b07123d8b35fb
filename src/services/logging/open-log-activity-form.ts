import type { TDb } from '../../../db/client';
import { findPersonBySlackId } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import type { TLogActivityFormView } from '../../slack/blocks/view-models/logging';
import { checkPickedDeal, openStagesOf } from './deal-choices';

export type TOpenLogActivityFormInput = { workspaceId: string; slackUserId: string; dealId?: number };

/**
 * What the Log activity modal opens with: the workspace's open stages and, from a check-in's quick choice, that
 * deal picked — or, when the button is older than the deal's fate (closed, gone) or not the clicker's, no deal
 * and a word why. Reads the database only: the trigger expires 3 s after the click.
 */
export async function openLogActivityForm(db: TDb, input: TOpenLogActivityFormInput): Promise<TLogActivityFormView> {
  const stages = await listStages(db, input.workspaceId);
  const view: TLogActivityFormView = { stages: openStagesOf(stages), deal: null, unpickable: null };
  if (input.dealId === undefined) return view;
  const rep = await findPersonBySlackId(db, input.workspaceId, input.slackUserId);
  const picked = await checkPickedDeal(db, rep, input.dealId, stages);
  return picked.ok ? { ...view, deal: picked.deal } : { ...view, unpickable: picked.why };
}
