import { type TDb, rolledBack } from '../../../db/client';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TBriefView } from '../../slack/blocks/view-models/brief';
import { buildManagerBrief } from './build-manager-brief';
import { findBriefMeeting } from './brief-meeting';

export type TBriefPreview = { manager: TPersonRow; brief: TBriefView } | { manager: undefined };

/**
 * The pre-1:1 brief on `rep` as their manager would get it at `now`, or no manager (then no one gets a
 * brief on them). Picking the meeting creates its row (as the planner would), so it runs in a transaction
 * that is rolled back: a preview, perhaps at a `now` far from today, leaves the database as it was.
 */
export async function previewBrief(db: TDb, rep: TPersonRow, now: Date): Promise<TBriefPreview> {
  const manager = rep.managerId !== null ? await findPersonById(db, rep.managerId) : undefined;
  if (!manager) return { manager: undefined };
  const brief = await rolledBack(db, async (tx) => buildManagerBrief(tx, { rep, manager, now, meeting: await findBriefMeeting(tx, manager.id, rep, now) }));
  return { manager, brief };
}
