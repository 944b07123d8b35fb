import type { TDb } from '../../../db/client';
import { cancelOneOnOne, findOneOnOne } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import type { TOneOnOneSummary } from '../../slack/blocks/view-models/one-on-ones';
import { assertMayScheduleWith, summarize } from './one-on-one-summary';

/** Cancels the 1:1 with a rep; undefined when there was none. */
export async function cancelOneOnOneWith(db: TDb, manager: TPersonRow, rep: TPersonRow, now: Date): Promise<TOneOnOneSummary | undefined> {
  const row = await findOneOnOne(db, manager.id, rep.id);
  // Whoever holds a 1:1 may always end it, even after the rep moved to another team.
  if (!row) {
    assertMayScheduleWith(manager, rep);
    return undefined;
  }
  await cancelOneOnOne(db, row.id, now);
  return summarize(row, 'manager', rep, manager.tz, now);
}
