import type { TDb } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { NOT_ALLOWED } from './brief-meeting';
import { getBriefOnDemand } from './get-brief-on-demand';

/** `/brief @rep`: the brief on one rep named by their Slack id; an unknown user gets the same refusal as someone else's rep. */
export async function getBriefOnDemandFor(db: TDb, viewer: TPersonRow, repSlackUserId: string, now: Date): Promise<TBriefView> {
  const rep = await findPersonBySlackId(db, viewer.workspaceId, repSlackUserId);
  if (!rep) throw new AppError('not_allowed', NOT_ALLOWED);
  return getBriefOnDemand(db, viewer, rep, now);
}
