import type { TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { countPersonalRows, listCounterparts, type TPersonalCounts } from '../../../db/repositories/personal-data';

export type TCounterpart = {
  slackUserId: string;
  name: string;
  /** Their manager: told when they are forgotten. */
  isTheirManager: boolean;
  /** A rep of theirs: left without a manager. */
  reportsToThem: boolean;
  /** An active 1:1 with them: cancelled, and told. */
  hasOneOnOne: boolean;
};

export type TPersonalDataSummary = { name: string; slackUserId: string; counts: TPersonalCounts; counterparts: TCounterpart[] };

/** What forgetting the person would delete (row counts by kind) and whom it touches: the confirmation modal and `forget` without `--yes`. */
export async function describePersonalData(db: TDb, person: TPersonRow): Promise<TPersonalDataSummary> {
  return {
    name: person.name,
    slackUserId: person.slackUserId,
    counts: await countPersonalRows(db, person),
    counterparts: (await listCounterparts(db, person)).map(({ row, ...relation }) => ({ slackUserId: row.slackUserId, name: row.name, ...relation })),
  };
}
