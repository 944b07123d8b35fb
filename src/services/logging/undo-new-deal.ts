import { retryWhenBusy, type TDb, writeTransaction } from '../../../db/client';
import { listActivitiesOfDeal, setActivityDeal } from '../../../db/repositories/activities';
import { deleteDeal, getDeal, isDealUsedOutsideLogEntry } from '../../../db/repositories/deals';
import { getLogEntry, setLogEntryAmountChanges, setLogEntryConfirmation } from '../../../db/repositories/log-entries';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { AppError } from '../../domain/errors';
import { storedConfirmation } from './apply-log-items';
import type { TLogConfirmationView } from '../../slack/blocks/view-models/logging';

const GONE = 'That deal is already gone or was not made by this message — nothing was changed.';

/**
 * Undo of "new deal Acme Ltd": the deal a log line created goes, and that line's activity stays logged
 * without a deal (on its type's stage). Refused once anything else uses the deal, so no later work is lost.
 */
export async function undoNewDeal(
  db: TDb,
  input: { workspaceId: string; personId: number; dealId: number; logEntryId: number },
): Promise<TLogConfirmationView> {
  const { activityStages } = await getSellingSystem(db, input.workspaceId);
  return retryWhenBusy(() => writeTransaction(db, async (db) => {
    const deal = await getDeal(db, input.dealId);
    const entry = await getLogEntry(db, input.logEntryId);
    const madeHere = deal?.externalId.startsWith(`slack:${input.logEntryId}:`) ?? false;
    if (!deal || !entry || deal.workspaceId !== input.workspaceId || !madeHere) throw new AppError('bad_input', GONE);
    if (deal.repId !== input.personId) throw new AppError('not_allowed', 'Only the rep who logged that can undo it — nothing was changed.');
    if (await isDealUsedOutsideLogEntry(db, deal.id, entry.id)) {
      throw new AppError('bad_input', `*${deal.name}* has had more activity logged since, so I kept it. Ask an admin to merge or remove it.`);
    }
    for (const row of await listActivitiesOfDeal(db, deal.id)) await setActivityDeal(db, row.id, null, activityStages[row.type]);
    await setLogEntryAmountChanges(db, entry.id, entry.amountChanges.filter((c) => c.dealId !== deal.id));
    await deleteDeal(db, deal.id);
    const view = storedConfirmation(entry);
    view.newDeals = (view.newDeals ?? []).filter((d) => d.dealId !== deal.id);
    for (const activity of view.activities) if (activity.deal === deal.name) delete activity.deal;
    view.dealUpdates = view.dealUpdates.filter((u) => u.deal !== deal.name);
    view.notes = (view.notes ?? []).filter((n) => n.deal !== deal.name);
    (view.undoneDeals ??= []).push(deal.name);
    await setLogEntryConfirmation(db, entry.id, view);
    return view;
  }));
}
