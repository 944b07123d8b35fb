import type { TDb } from '../../../db/client';
import { findActionItem, listActionItemsOfMeeting, setActionItemDone } from '../../../db/repositories/one-on-ones';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import type { TActionItemView } from '../../slack/blocks/view-models/one-on-ones';
import { actionItemView, meetingContext } from './meeting-notes-rules';

/**
 * Ticks an action item done (or open again). Action items are shared: either side of the 1:1 may tick
 * them. Returns every item of that meeting, to redraw the message the button was on.
 */
export async function markActionItem(db: TDb, viewer: TPersonRow, itemId: number, done: boolean, now: Date): Promise<{ items: TActionItemView[]; changed: boolean }> {
  const item = await findActionItem(db, itemId);
  if (!item) throw new AppError('not_found', "That action item isn't in Canopy any more.");
  const { rep, manager, meeting } = await meetingContext(db, item.meetingId);
  if (viewer.id !== rep.id && viewer.id !== manager.id) throw new AppError('not_allowed', 'Only the two people in this 1:1 can tick its action items.');
  const changed = await setActionItemDone(db, itemId, done ? now : null);
  const items = (await listActionItemsOfMeeting(db, meeting.id)).map((row) => actionItemView(row, rep, manager));
  return { items, changed };
}
