import type { TDb } from '../../../db/client';
import { listOneOnOnesOf, listOpenActionItems } from '../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import type { TActionItemView } from '../../slack/blocks/view-models/one-on-ones';
import { actionItemView } from './meeting-notes-rules';

/** Open action items of every 1:1 the person is in (theirs and the other side's), oldest meeting first. */
export function listOpenActionItemsFor(db: TDb, person: TPersonRow): (TActionItemView & { withName: string })[] {
  const oneOnOnes = listOneOnOnesOf(db, person.id);
  const byId = new Map(oneOnOnes.map((row) => [row.id, row]));
  return listOpenActionItems(db, [...byId.keys()]).flatMap((item) => {
    const row = byId.get(item.oneOnOneId)!;
    const rep = findPersonById(db, row.repId);
    const manager = findPersonById(db, row.managerId);
    if (!rep || !manager) return [];
    return [{ ...actionItemView(item, rep, manager), withName: (person.id === rep.id ? manager : rep).name }];
  });
}
