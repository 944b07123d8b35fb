import type { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { setActivityCount } from '../../../db/repositories/activities';
import { deleteDealNotesOfLogEntry } from '../../../db/repositories/deal-notes';
import { deleteDealQuestionsOfLogEntry } from '../../../db/repositories/deal-questions';
import { dealIdsTouchedByLogEntry, deleteHistoryOfLogEntry, getDeal, refreshDealsFromHistory, restoreDealAmount } from '../../../db/repositories/deals';
import {
  deleteActivitiesOfLogEntry,
  findLogEntry,
  insertLogEntry,
  setLogEntryAmountChanges,
  setLogEntryConfirmation,
  setLogEntryCountChanges,
  type TLogEntryRecord,
  updateLogEntryText,
} from '../../../db/repositories/log-entries';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import type { TLogSource } from '../../../db/schema/log-entries';
import { parseActivityText } from '../../domain/activity-grammar';
import type { TStage } from '../../domain/types';
import type { TLogConfirmationView } from '../../slack/blocks/view-models/logging';
import { applyLogItems } from './apply-log-items';

export type TLogRequest = {
  workspaceId: string;
  personId: number;
  source: TLogSource;
  /** Identifies the Slack message (or command invocation) so retries and edits are idempotent. */
  sourceRef: string;
  text: string;
  /** When the message was written, in the person's zone: "yesterday" is relative to this. */
  writtenAt: DateTime;
  /**
   * A new message, or an edit (with Slack's `edited.ts`): a repeated post is always a retry, never an
   * edit, and an edit older than the stored version changes nothing.
   */
  change: { kind: 'posted' } | { kind: 'edited'; editedTs: string };
  /** A deal picked in the Log modal: the activities that name no deal go on it. */
  dealId?: number;
  /** A stage key picked in the Log modal: the activities without a deal feed it. */
  stage?: string;
};

export type TLogOutcome =
  | { status: 'duplicate'; entry: TLogEntryRecord }
  | { status: 'logged' | 'updated'; entry: TLogEntryRecord; view: TLogConfirmationView };

/**
 * Stores what a rep wrote (always, verbatim) and the activities and deal changes it describes.
 * Re-sending the same message is a no-op; an edited message replaces what its earlier version logged;
 * a deleted one stays deleted.
 */
export async function logActivity(db: TDb, request: TLogRequest): Promise<TLogOutcome> {
  const system = await getSellingSystem(db, request.workspaceId);
  const { stages } = system;
  const picked = request.dealId !== undefined ? await getDeal(db, request.dealId) : undefined;
  const pickedDeal = picked && picked.repId === request.personId ? picked : undefined;
  const defaultDeal = pickedDeal?.name;
  const parsed = parseActivityText(request.text, { stages, ...(defaultDeal !== undefined ? { defaultDeal } : {}) });
  const editedTs = request.change.kind === 'edited' ? request.change.editedTs : null;
  return writeTransaction(db, async (db) => {
    const existing = await findLogEntry(db, request.workspaceId, request.sourceRef);
    if (existing && isStale(existing, request)) return { status: 'duplicate' as const, entry: existing };

    let entry: TLogEntryRecord;
    if (existing) {
      await undoLogEntryEffects(db, existing, stages);
      await updateLogEntryText(db, existing.id, { rawText: request.text, unparsed: parsed.unknown, editedTs, at: request.writtenAt.toJSDate() });
      entry = { ...existing, rawText: request.text, unparsed: parsed.unknown, editedTs };
    } else {
      entry = await insertLogEntry(db, {
        workspaceId: request.workspaceId,
        personId: request.personId,
        source: request.source,
        sourceRef: request.sourceRef,
        rawText: request.text,
        unparsed: parsed.unknown,
        editedTs,
      });
    }
    const applied = await applyLogItems(db, { ...request, ...(pickedDeal ? { pickedDeal } : {}) }, entry.id, parsed.items, system);
    await refreshDealsFromHistory(db, applied.touched, stages);
    await setLogEntryAmountChanges(db, entry.id, applied.amountChanges);
    await setLogEntryCountChanges(db, entry.id, applied.countChanges);
    entry = { ...entry, amountChanges: applied.amountChanges, countChanges: applied.countChanges };
    const { view } = applied;
    view.unknown = parsed.unknown;
    view.problems = [...parsed.problems, ...view.problems];
    view.edited = existing !== undefined;
    await setLogEntryConfirmation(db, entry.id, view);
    return { status: existing ? ('updated' as const) : ('logged' as const), entry, view };
  });
}

/** A retry of what is stored, an edit older than it, or anything about a deleted message. */
function isStale(existing: TLogEntryRecord, request: TLogRequest): boolean {
  if (existing.deletedAt) return true;
  if (request.change.kind === 'posted') return true;
  if (existing.rawText === request.text) return true;
  return existing.editedTs !== null && Number(request.change.editedTs) <= Number(existing.editedTs);
}

/** Takes back what an entry logged: activities, stage moves and amounts (unless a later message changed them). */
export async function undoLogEntryEffects(db: TDb, entry: TLogEntryRecord, stages: readonly TStage[]): Promise<void> {
  const logEntryId = entry.id;
  for (const change of [...entry.amountChanges].reverse()) await restoreDealAmount(db, change);
  // A correction is taken back only where nothing changed the count since.
  for (const change of [...entry.countChanges].reverse()) await setActivityCount(db, change.activityId, change.after, change.before);
  await deleteDealNotesOfLogEntry(db, logEntryId);
  await deleteDealQuestionsOfLogEntry(db, logEntryId);
  const dealIds = await dealIdsTouchedByLogEntry(db, logEntryId);
  await deleteActivitiesOfLogEntry(db, logEntryId);
  await deleteHistoryOfLogEntry(db, logEntryId, dealIds);
  await refreshDealsFromHistory(db, dealIds, stages);
}
