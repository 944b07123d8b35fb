import { retryWhenBusy, type TDb, writeTransaction } from '../../../db/client';
import { listActivitiesByIds, setActivityDeal } from '../../../db/repositories/activities';
import { insertDealNote } from '../../../db/repositories/deal-notes';
import { closeDealQuestion, findDealQuestion, type TDealQuestionRecord } from '../../../db/repositories/deal-questions';
import {
  addStageHistory,
  getDeal,
  getDealAmount,
  refreshDealsFromHistory,
  setDealAmount,
  stageOfDealAt,
  type TDealRecord,
  touchDealActivity,
} from '../../../db/repositories/deals';
import { appendLogEntryAmountChange, getLogEntry, setLogEntryConfirmation } from '../../../db/repositories/log-entries';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { impliedStage } from '../../domain/deal-stages';
import { AppError } from '../../domain/errors';
import type { TLogConfirmationView } from '../../slack/blocks/view-models/logging';
import { activityStage, createLoggedDeal, storedConfirmation, type TSellingSystem } from './apply-log-items';

export type TDealAnswer = { dealId: number } | 'new' | 'none';

const STALE =
  'That question is from an earlier version of your message, or was already answered — nothing was changed. The latest confirmation has the current one.';

/**
 * The rep's answer to "which Acme?" (or "create Acme?"): the activity of that log line moves onto the deal
 * (taking its stage then), a won/lost or stage move is recorded, a note is kept; "none" leaves it without a
 * deal. Returns the confirmation with the question replaced by what was done. Only the rep who wrote the
 * line may answer, once.
 */
export async function answerDealQuestion(
  db: TDb,
  input: { workspaceId: string; personId: number; questionId: number; answer: TDealAnswer; now: Date },
): Promise<TLogConfirmationView> {
  const system = await getSellingSystem(db, input.workspaceId);
  return retryWhenBusy(() => writeTransaction(db, async (db) => {
    const question = await findDealQuestion(db, input.workspaceId, input.questionId);
    if (!question || question.status !== 'open') throw new AppError('bad_input', STALE);
    if (question.personId !== input.personId) throw new AppError('not_allowed', 'Only the rep who logged that can answer it — nothing was changed.');
    const entry = await getLogEntry(db, question.logEntryId);
    if (!entry || entry.deletedAt) throw new AppError('bad_input', STALE);
    const view = storedConfirmation(entry);
    view.questions = (view.questions ?? []).filter((q) => q.id !== question.id);
    const waiting = view.activities.filter((a) => a.questionId === question.id);
    for (const activity of waiting) delete activity.questionId;

    if (input.answer === 'none') {
      (view.dismissedDeals ??= []).push(question.name);
      await closeDealQuestion(db, question.id, 'dismissed', input.now);
      await setLogEntryConfirmation(db, entry.id, view);
      return view;
    }
    const deal =
      input.answer === 'new'
        ? await createLoggedDeal(db, { workspaceId: question.workspaceId, repId: question.personId, logEntryId: question.logEntryId, name: question.name, at: typeof question.item.at === 'number' ? new Date(question.item.at) : input.now }, system)
        : await chosenDeal(db, question, input.answer.dealId);
    if (input.answer === 'new') (view.newDeals ??= []).push({ dealId: deal.id, logEntryId: entry.id, name: deal.name });
    const touched = await moveActivitiesOnto(db, question, deal, system);
    await recordItem(db, question, deal, system, view);
    await refreshDealsFromHistory(db, [deal.id, ...touched], system.stages);
    for (const activity of waiting) activity.deal = deal.name;
    await closeDealQuestion(db, question.id, 'answered', input.now);
    await setLogEntryConfirmation(db, entry.id, view);
    return view;
  }));
}

async function chosenDeal(db: TDb, question: TDealQuestionRecord, dealId: number): Promise<TDealRecord> {
  const offered = question.candidates.some((c) => c.dealId === dealId);
  const deal = offered ? await getDeal(db, dealId) : undefined;
  if (!deal || deal.repId !== question.personId) throw new AppError('bad_input', STALE);
  return deal;
}

/** Puts the line's activity rows on the deal, each on the deal's stage at its time; a demo may advance the deal. */
async function moveActivitiesOnto(db: TDb, question: TDealQuestionRecord, deal: TDealRecord, system: TSellingSystem): Promise<number[]> {
  const rows = await listActivitiesByIds(db, question.activityIds);
  for (const row of rows) {
    if (row.dealId !== null) continue;
    if (deal.outcome === 'open') {
      const advanceTo = impliedStage(row.type, await stageOfDealAt(db, deal, row.occurredAt), system.stages);
      if (advanceTo) await addStageHistory(db, { dealId: deal.id, stage: advanceTo, enteredAt: row.occurredAt, logEntryId: question.logEntryId });
    }
    await setActivityDeal(db, row.id, deal.id, await activityStage(db, system, row.type, deal, row.occurredAt, undefined));
    await touchDealActivity(db, deal.id, row.occurredAt);
  }
  const amount = question.item.amountCents;
  if (typeof amount === 'number' && rows.length > 0) await setAmountFor(db, question, deal.id, amount);
  return rows.length > 0 ? [deal.id] : [];
}

async function setAmountFor(db: TDb, question: TDealQuestionRecord, dealId: number, after: number): Promise<void> {
  await appendLogEntryAmountChange(db, question.logEntryId, { dealId, before: await getDealAmount(db, dealId), after });
  await setDealAmount(db, dealId, after);
}

/** The stage move, outcome or note the question held back. */
async function recordItem(db: TDb, question: TDealQuestionRecord, deal: TDealRecord, system: TSellingSystem, view: TLogConfirmationView): Promise<void> {
  const { item } = question;
  const at = typeof item.at === 'number' ? new Date(item.at) : undefined;
  if (!at) return;
  if (item.kind === 'note' && typeof item.text === 'string') {
    await insertDealNote(db, { workspaceId: question.workspaceId, repId: question.personId, dealId: deal.id, logEntryId: question.logEntryId, text: item.text, occurredAt: at });
    (view.notes ??= []).push({ deal: deal.name, text: item.text });
    return;
  }
  if ((item.kind !== 'stage' && item.kind !== 'outcome') || typeof item.stage !== 'string') return;
  const stage = system.stages.find((s) => s.key === item.stage);
  if (!stage) return;
  await addStageHistory(db, { dealId: deal.id, stage: stage.key, enteredAt: at, logEntryId: question.logEntryId });
  const amountCents = typeof item.amountCents === 'number' ? item.amountCents : undefined;
  if (amountCents !== undefined) await setAmountFor(db, question, deal.id, amountCents);
  view.dealUpdates.push({
    deal: deal.name,
    ...(stage.outcome ? { outcome: stage.outcome } : { stage: stage.name }),
    ...(amountCents !== undefined ? { amountCents } : {}),
    ...(deal.outcome !== 'open' ? { reopened: true } : {}),
  });
}
