import type { TDb } from '../../../db/client';
import { findOneOnOneById } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { describeRecurrence, type TOneOnOneSpec, weekOfMonthOf } from '../../domain/schedule';
import { TManagedOneOnOne, GONE } from './home-parts';

/** The active 1:1 behind a Home tab menu, for its manager only. */
export async function getManagedOneOnOne(db: TDb, viewer: TPersonRow, oneOnOneId: number): Promise<TManagedOneOnOne> {
  const row = await findOneOnOneById(db, oneOnOneId);
  if (!row || row.cancelledAt || row.workspaceId !== viewer.workspaceId) throw new AppError('not_found', GONE);
  // Only the 1:1s the viewer holds are on their Home tab, and the schedule services act on the viewer's own pair.
  if (row.managerId !== viewer.id) throw new AppError('not_allowed', 'Only the manager who holds this 1:1 can change it.');
  const rep = await findPersonById(db, row.repId);
  if (!rep) throw new AppError('not_found', GONE);
  const spec: TOneOnOneSpec = { cadence: row.cadence, weekday: row.weekday, localTime: row.localTime, ...(row.cadence === 'monthly' ? { weekOfMonth: weekOfMonthOf(row.anchorDate) } : {}) };
  return { id: row.id, rep, spec, scheduleText: `${describeRecurrence(row)} (${row.tz})` };
}
