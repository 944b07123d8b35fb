import type { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import { insertActivities, type TNewActivity } from '../../../db/repositories/activities';
import {
  addStageHistory,
  createDeal,
  dealIdsTouchedByLogEntry,
  deleteHistoryOfLogEntry,
  findDealByName,
  refreshDealsFromHistory,
  getDealAmount,
  restoreDealAmount,
  setDealAmount,
  touchDealActivity,
} from '../../../db/repositories/deals';
import {
  deleteActivitiesOfLogEntry,
  setLogEntryAmountChanges,
  findLogEntry,
  insertLogEntry,
  type TLogEntryRecord,
  updateLogEntryText,
} from '../../../db/repositories/log-entries';
import { listStages } from '../../../db/repositories/workspaces';
import type { TLogSource } from '../../../db/schema/log-entries';
import { parseActivityText, resolveOccurredAt, type TGrammarItem } from '../../domain/activity-grammar';
import { impliedStage } from '../../domain/deal-stages';
import type { TStage } from '../../domain/types';
import type { TLogConfirmationView } from '../../slack/blocks/view-models/logging';

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
  /** A deal the rep picked (the Log activity modal): every activity item of the text that names no deal goes on it. */
  dealId?: number;
  /** A stage key the rep picked (the Log activity modal): activities without a deal take it. */
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
export function logActivity(db: TDb, request: TLogRequest): TLogOutcome {
  const stages = listStages(db, request.workspaceId);
  const parsed = parseActivityText(request.text, { stages });
  const editedTs = request.change.kind === 'edited' ? request.change.editedTs : null;
  return writeTransaction(db, (db) => {
    const existing = findLogEntry(db, request.workspaceId, request.sourceRef);
    if (existing && isStale(existing, request)) return { status: 'duplicate' as const, entry: existing };

    let entry: TLogEntryRecord;
    if (existing) {
      undoLogEntryEffects(db, existing, stages);
      updateLogEntryText(db, existing.id, { rawText: request.text, unparsed: parsed.unknown, editedTs, at: request.writtenAt.toJSDate() });
      entry = { ...existing, rawText: request.text, unparsed: parsed.unknown, editedTs };
    } else {
      entry = insertLogEntry(db, {
        workspaceId: request.workspaceId,
        personId: request.personId,
        source: request.source,
        sourceRef: request.sourceRef,
        rawText: request.text,
        unparsed: parsed.unknown,
        editedTs,
      });
    }
    const view = applyItems(db, request, entry.id, parsed.items, stages);
    view.unknown = parsed.unknown;
    view.problems = parsed.problems;
    view.edited = existing !== undefined;
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
export function undoLogEntryEffects(db: TDb, entry: TLogEntryRecord, stages: readonly TStage[]): void {
  const logEntryId = entry.id;
  for (const change of [...entry.amountChanges].reverse()) restoreDealAmount(db, change);
  const dealIds = dealIdsTouchedByLogEntry(db, logEntryId);
  deleteActivitiesOfLogEntry(db, logEntryId);
  deleteHistoryOfLogEntry(db, logEntryId, dealIds);
  refreshDealsFromHistory(db, dealIds, stages);
}

function applyItems(
  db: TDb,
  request: TLogRequest,
  logEntryId: number,
  items: readonly TGrammarItem[],
  stages: readonly TStage[],
): TLogConfirmationView {
  const view: TLogConfirmationView = { activities: [], dealUpdates: [], unknown: [], problems: [], edited: false };
  const rows: TNewActivity[] = [];
  const touched = new Set<number>();
  const amountChanges: TLogEntryRecord['amountChanges'] = [];
  const setAmount = (dealId: number, after: number) => {
    amountChanges.push({ dealId, before: getDealAmount(db, dealId), after });
    setDealAmount(db, dealId, after);
  };
  const stageName = (key: string) => stages.find((s) => s.key === key)?.name ?? key;
  const firstStage = stages.find((s) => !s.outcome)?.key ?? 'prospecting';

  for (const item of items) {
    // Notes, corrections and "nothing today" are applied by the deal-context work of issue 12 (in progress).
    if (item.kind === 'note' || item.kind === 'correction' || item.kind === 'nothing') continue;
    const occurred = resolveOccurredAt(item.when, request.writtenAt);
    view.whenLabel ??= dayLabel(occurred, request.writtenAt);
    const at = occurred.toJSDate();
    const deal = item.deal ? dealFor(db, request, item.deal, firstStage, at, logEntryId) : undefined;
    if (item.kind === 'activity') {
      rows.push({
        workspaceId: request.workspaceId,
        repId: request.personId,
        type: item.type,
        count: item.count,
        occurredAt: at,
        dealId: deal?.id ?? null,
        stage: item.stage ?? deal?.stage ?? null,
        logEntryId,
      });
      view.activities.push({ type: item.type, count: item.count, ...(item.deal ? { deal: deal?.name ?? item.deal } : {}) });
      if (!deal) continue;
      touchDealActivity(db, deal.id, at);
      if (item.amountCents !== undefined) setAmount(deal.id, item.amountCents);
      const advanceTo = impliedStage(item.type, deal.stage, stages);
      if (advanceTo) {
        addStageHistory(db, { dealId: deal.id, stage: advanceTo, enteredAt: at, logEntryId });
        touched.add(deal.id);
      }
      continue;
    }
    if (!deal) continue;
    const stage = item.kind === 'stage' ? item.stage : (stages.find((s) => s.outcome === item.outcome)?.key ?? item.outcome);
    addStageHistory(db, { dealId: deal.id, stage, enteredAt: at, logEntryId });
    touched.add(deal.id);
    if (item.kind === 'outcome' && item.amountCents !== undefined) setAmount(deal.id, item.amountCents);
    view.dealUpdates.push({
      deal: deal.name,
      ...(item.kind === 'stage' ? { stage: stageName(stage) } : { outcome: item.outcome }),
      ...(item.kind === 'outcome' && item.amountCents !== undefined ? { amountCents: item.amountCents } : {}),
    });
  }
  insertActivities(db, rows);
  refreshDealsFromHistory(db, [...touched], stages);
  setLogEntryAmountChanges(db, logEntryId, amountChanges);
  return view;
}

/** "yesterday (Mon 23 Nov)" or "Fri 20 Nov" when logged for an earlier day; undefined for today. */
function dayLabel(occurred: DateTime, writtenAt: DateTime): string | undefined {
  if (occurred.hasSame(writtenAt, 'day')) return undefined;
  const date = occurred.toFormat('ccc d LLL', { locale: 'en-US' });
  return occurred.hasSame(writtenAt.minus({ days: 1 }), 'day') ? `yesterday (${date})` : date;
}

function dealFor(db: TDb, request: TLogRequest, name: string, firstStage: string, at: Date, logEntryId: number) {
  const found = findDealByName(db, request.personId, name);
  if (found) return found;
  const deal = createDeal(db, {
    workspaceId: request.workspaceId,
    repId: request.personId,
    externalId: `slack:${logEntryId}:${name.trim().toLowerCase()}`,
    name: name.trim(),
    stage: firstStage,
    createdAt: at,
  });
  addStageHistory(db, { dealId: deal.id, stage: firstStage, enteredAt: at, logEntryId });
  return deal;
}
