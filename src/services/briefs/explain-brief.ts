import { type TDb, rolledBack } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { NOT_ALLOWED } from './brief-meeting';
import { getBriefOnDemand } from './get-brief-on-demand';

/**
 * "How is this computed?" on a brief: the brief on `repSlackUserId` as of the instant it described (never
 * later than `now`), for the renderer's full explanation — for the rep's manager or an admin only, as the
 * brief itself. Only reads: picking the meeting may create its row, so it runs in a rolled-back transaction.
 */
export async function explainBrief(db: TDb, viewer: TPersonRow, repSlackUserId: string, asOfMs: number, now: Date): Promise<TBriefView> {
  const rep = await findPersonBySlackId(db, viewer.workspaceId, repSlackUserId);
  if (!rep) throw new AppError('not_allowed', NOT_ALLOWED);
  const asOf = new Date(Math.min(asOfMs, now.getTime()));
  return rolledBack(db, (tx) => getBriefOnDemand(tx, viewer, rep, asOf));
}
