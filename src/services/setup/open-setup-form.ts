import type { TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { setupFormOf } from '../../domain/setup-text';
import type { TSetupModalView } from '../../slack/blocks/view-models/setup';
import { isAdmin } from '../teams/authorize';
import { getSetup } from './get-setup';
import { listAdmins } from './list-admins';

export const SETUP_ADMINS_ONLY = 'Only Canopy admins (and Slack workspace admins) can change the setup — ask one of them. `/coach help` lists what you can do.';

/** `/coach setup` and the Home tab's *Edit setup*: the modal filled with the workspace's setup, for admins only. */
export async function openSetupForm(db: TDb, person: TPersonRow): Promise<TSetupModalView> {
  if (!isAdmin(person)) throw new AppError('not_allowed', SETUP_ADMINS_ONLY);
  const setup = await getSetup(db, person.workspaceId);
  const admins = await listAdmins(db, person.workspaceId);
  const canopy = admins.canopy.map((a) => a.slackUserId);
  return { form: setupFormOf(setup, canopy), workingDays: setup.workingDays, admins: { canopy, slack: admins.slack } };
}
