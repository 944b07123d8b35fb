import type { TDb } from '../../../db/client';
import { listOneOnOnesOf } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TOneOnOneSummary } from '../../slack/blocks/view-models/one-on-ones';
import { summarize } from './one-on-one-summary';

/** Every active 1:1 the person takes part in, soonest first, as they see it. */
export async function listMyOneOnOnes(db: TDb, person: TPersonRow, now: Date): Promise<TOneOnOneSummary[]> {
  const summaries = await Promise.all(
    (await listOneOnOnesOf(db, person.id)).map(async (row) => {
      const role = row.managerId === person.id ? 'manager' : 'rep';
      const other = await findPersonById(db, role === 'manager' ? row.repId : row.managerId);
      return other && !other.isDeleted ? [summarize(row, role, other, person.tz, now)] : [];
    }),
  );
  return summaries.flat().sort((a, b) => a.nextStart.getTime() - b.nextStart.getTime());
}
