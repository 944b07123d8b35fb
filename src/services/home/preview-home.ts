import { type TDb, rolledBack } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import type { THomeView } from '../../slack/blocks/view-models/home';
import { getHome } from './get-home';

/**
 * The person's Home tab as it would be published at `now`. Building it only reads; the rollback keeps a
 * preview at a far-off `now` from leaving any trace all the same.
 */
export async function previewHome(db: TDb, person: TPersonRow, now: Date): Promise<THomeView> {
  return rolledBack(db, (tx) => getHome(tx, person, now));
}
