import type { TDb } from '../../../db/client';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { THomeVisibility } from '../../slack/blocks/view-models/home';

/** SPEC §2 Privacy: who besides the person sees their numbers — their manager (if any) and workspace admins. */
export async function getVisibility(db: TDb, person: TPersonRow): Promise<THomeVisibility> {
  const manager = person.managerId === null ? undefined : await findPersonById(db, person.managerId);
  const active = manager && !manager.isDeleted ? manager : undefined;
  return { manager: active ? { slackUserId: active.slackUserId, name: active.name } : null };
}
