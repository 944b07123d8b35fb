import type { TDb } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { canViewRep } from './authorize';

/**
 * The rep whose numbers the viewer asked about (themselves when no one is named), or undefined when
 * the viewer may not see them — an unknown user reads the same as a refusal, so nothing leaks.
 */
export async function findViewableRep(db: TDb, viewer: TPersonRow, slackUserId: string | undefined): Promise<TPersonRow | undefined> {
  const rep = slackUserId ? await findPersonBySlackId(db, viewer.workspaceId, slackUserId) : viewer;
  return rep && canViewRep(viewer, rep) ? rep : undefined;
}
