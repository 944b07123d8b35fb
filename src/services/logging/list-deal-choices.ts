import type { TDb } from '../../../db/client';
import { findPersonBySlackId } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import type { TDealChoice } from '../../slack/blocks/view-models/logging';
import { dealChoicesFor } from './deal-choices';

export type TListDealChoicesInput = { workspaceId: string; slackUserId: string; query: string; limit: number };

/**
 * The deal picker's options: the asking rep's own open deals matching what they typed, never anyone else's.
 * Slack waits 3 s for them, so nothing here calls Slack: someone Canopy does not know yet has no deals.
 */
export async function listDealChoices(db: TDb, input: TListDealChoicesInput): Promise<TDealChoice[]> {
  const rep = await findPersonBySlackId(db, input.workspaceId, input.slackUserId);
  if (!rep) return [];
  return dealChoicesFor(db, rep.id, await listStages(db, input.workspaceId), input.query, input.limit);
}
