import type { TDb } from '../../../db/client';
import { listOneOnOnesOf, listOpenActionItems } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TActionItemView } from '../../slack/blocks/view-models/one-on-ones';
import { actionItemView } from './meeting-notes-rules';

/** Open action items of every 1:1 the person is in (theirs and the other side's), oldest meeting first. */
export async function listOpenActionItemsFor(db: TDb, person: TPersonRow): Promise<(TActionItemView & { withName: string })[]> {
  const oneOnOnes = await listOneOnOnesOf(db, person.id);
  const byId = new Map(oneOnOnes.map((row) => [row.id, row]));
  const items = await Promise.all(
    (await listOpenActionItems(db, [...byId.keys()])).map(async (item) => {
      const row = byId.get(item.oneOnOneId)!;
      const rep = await findPersonById(db, row.repId);
      const manager = await findPersonById(db, row.managerId);
      if (!rep || !manager) return [];
      return [{ ...actionItemView(item, rep, manager), withName: (person.id === rep.id ? manager : rep).name }];
    }),
  );
  return items.flat();
}
