// Planning makes millions of zoned DateTimes: luxon's zone offsets memoised (see the module).
import '../../domain/zone-offset-cache';
import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../../db/client';
import {
  findDeliveryIdByKey,
  findDeliveryIdsByKeys,
  insertDeliveriesIfAbsent,
  insertDeliveryIdIfAbsent,
  listDeliverable,
  listPlannedDeliveries,
  type TDeliveryKind,
  type TDeliveryRow,
  type TNewDelivery,
} from '../../../db/repositories/deliveries';
import { ensureMeetings } from '../../../db/repositories/one-on-ones';
import { closeBudgetLedger, noteInBudgetLedger, openBudgetLedger } from '../../../db/repositories/planning-facts';
import { findWorkspaceUninstalledAt, listWorkspaceZones } from '../../../db/repositories/workspaces';
import { digestSource } from './sources/digest-source';
import { checkinSource } from './sources/checkin-source';
import { nudgeSource } from './sources/nudge-source';
import { oneOnOneSource } from './sources/one-on-one-source';
import { reviewSource } from './sources/review-source';
import type { TPlanCandidate, TPlanMemo, TPlanProblem, TPlanSource } from './types';

export { deliveryPeriodKey } from './sources/one-on-one-source';

/** Every kind of delivery the planner finds, in the order their candidates are recorded when due at the same instant. */
export const PLAN_SOURCES: readonly TPlanSource[] = [oneOnOneSource, digestSource, checkinSource, nudgeSource, reviewSource];

export type TPlanOptions = {
  now: Date;
  /** One workspace; every workspace when omitted. */
  workspaceId?: string;
  /** How far ahead of `now` to plan (SPEC §5: 15 minutes), so a delivery can be queued with a delay and go out on time. */
  lookaheadMinutes?: number;
  /** How far back a late or missed run catches up (SPEC §5: at most 24 hours). */
  lookbackHours?: number;
  /** Decide everything, write nothing. */
  dryRun?: boolean;
  /** The kinds to plan (tests and benchmarks narrow it); all of them by default. */
  sources?: readonly TPlanSource[];
};

export type TPlannedItem = {
  deliveryId: number;
  kind: TDeliveryKind;
  recipientSlackId: string;
  recipientName: string;
  dueAt: Date;
  status: TDeliveryRow['status'];
  reason: string;
  /** Planned by this run (false: planned by an earlier run, left as it was). */
  isNew: boolean;
};

export type TPlanResult = {
  now: Date;
  window: { from: Date; to: Date };
  /** Everything falling due in the window, new or planned before. */
  items: TPlannedItem[];
  created: TPlannedItem[];
  skipped: TPlannedItem[];
  suppressed: TPlannedItem[];
  /**
   * Every delivery still to send that is due by the end of the window — new ones and ones planned earlier whose
   * queue job may have been lost — for the caller to (re)enqueue; the deterministic job id makes that idempotent.
   */
  toEnqueue: { deliveryId: number; workspaceId: string; dueAt: Date }[];
  /** What could not be planned (an unknown time zone…), with why; everything else is planned regardless. */
  problems: TPlanProblem[];
  dryRun: boolean;
};

class DryRunRollback extends Error {
  constructor(readonly result: TPlanResult) {
    super('dry run: rolled back');
  }
}

/**
 * The `plan` job (SPEC §5): asks every source (1:1 briefs and agenda reminders, digests, check-ins, nudges, call-review DMs)
 * what falls due in (now − lookback, now + lookahead], decides each (due, skipped as too late, suppressed by
 * the no-nagging policy, with its reason) and records it under its unique key in one write transaction. A key already recorded is left
 * alone, so running it again, or two planners at once, changes nothing. Wrap in `retryWhenBusy`.
 */
export async function planDeliveries(db: TDb, options: TPlanOptions): Promise<TPlanResult> {
  const now = DateTime.fromJSDate(options.now, { zone: 'utc' });
  const from = now.minus({ hours: options.lookbackHours ?? 24 });
  const to = now.plus({ minutes: options.lookaheadMinutes ?? 15 });
  // Nothing is planned where Canopy was uninstalled (SPEC §2); its rows wait for the purge or a reinstall.
  const workspaceIds =
    options.workspaceId !== undefined
      ? (await findWorkspaceUninstalledAt(db, options.workspaceId)) ? [] : [options.workspaceId]
      : (await listWorkspaceZones(db)).filter((w) => w.uninstalledAt === null).map((w) => w.id);
  const problems: TPlanResult['problems'] = [];
  const sources = options.sources ?? PLAN_SOURCES;
  const memo = planMemo();
  const candidates: TPlanCandidate[] = [];
  for (const workspaceId of workspaceIds) {
    for (const source of sources) candidates.push(...(await source(db, { workspaceId, now: options.now, from, to, problems, memo })));
  }
  candidates.sort((a, b) => a.dueAt.toMillis() - b.dueAt.toMillis());

  try {
    return await writeTransaction(db, async (tx) => {
      // Everything through `tx`: on PostgreSQL another handle is another connection, outside this transaction.
      const touched: { id: number; isNew: boolean }[] = [];
      if (tx.$engine === 'postgres') touched.push(...(await recordAll(tx, candidates, now, from, to)));
      else for (const candidate of candidates) touched.push(await record(tx, candidate, now));
      const toEnqueue = await listDeliverable(tx, { dueBy: to.toJSDate(), ...(options.workspaceId !== undefined ? { workspaceId: options.workspaceId } : {}) });
      const plan = await summarize(tx, touched, toEnqueue, { now: options.now, from, to, problems, dryRun: options.dryRun === true });
      // Throwing rolls the transaction back: a dry run decides exactly as a real one, then leaves no trace.
      if (options.dryRun) throw new DryRunRollback(plan);
      return plan;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

/** One run's memo: it lives as long as the run, so nothing computed for one `now` is reused at another. */
function planMemo(): TPlanMemo {
  const known = new Map<string, unknown>();
  return <T>(key: string, make: () => T): T => {
    // One lookup on a hit (keys are long strings, hashed on each lookup); `has` only for a stored undefined.
    const found = known.get(key);
    if (found !== undefined || known.has(key)) return found as T;
    const value = make();
    known.set(key, value);
    return value;
  };
}

async function record(tx: TDb, c: TPlanCandidate, now: DateTime): Promise<{ id: number; isNew: boolean }> {
  const key = { kind: c.kind, recipientId: c.recipient.id, periodKey: c.periodKey };
  const existing = await findDeliveryIdByKey(tx, key);
  if (existing !== undefined) return { id: existing, isNew: false };
  const { subjectId, decision } = await c.resolve(tx, now);
  const id = await insertDeliveryIdIfAbsent(tx, {
    ...key,
    workspaceId: c.workspaceId,
    status: decision.status,
    reason: decision.reason,
    dueAt: c.dueAt.toJSDate(),
    subjectId,
    createdAt: now.toJSDate(),
  });
  return { id: id ?? (await findDeliveryIdByKey(tx, key))!, isNew: id !== undefined };
}

/** How far around the window the budget ledger reads: a local week (and a zone's offset) either side. */
const LEDGER_MARGIN_DAYS = 8;

/**
 * PostgreSQL: what `record` does for each candidate, in order and with the same decisions, in a handful of
 * statements instead of three or four round trips per candidate: the recorded keys read at once, the 1:1 meetings
 * created at once, the budget counted from a ledger the run keeps (`openBudgetLedger`), and the new rows inserted in
 * batches (before any count the ledger cannot answer, so the database has them all by then).
 */
async function recordAll(tx: TDb, candidates: readonly TPlanCandidate[], now: DateTime, from: DateTime, to: DateTime): Promise<{ id: number; isNew: boolean }[]> {
  const keyOf = (c: TPlanCandidate) => `${c.kind}|${c.recipient.id}|${c.periodKey}`;
  const existing = await findDeliveryIdsByKeys(
    tx,
    candidates.map((c) => ({ kind: c.kind, recipientId: c.recipient.id, periodKey: c.periodKey })),
  );
  const fresh = candidates.filter((c) => !existing.has(keyOf(c)));
  const occurrences = new Map<string, { oneOnOneId: number; startsAt: Date }>();
  for (const c of fresh) if (c.meeting) occurrences.set(`${c.meeting.oneOnOneId}|${c.meeting.startsAt.getTime()}`, c.meeting);
  const meetingIds = await ensureMeetings(tx, [...occurrences.values()]);

  type TSlot = { id: number; isNew: boolean };
  let buffer: { key: string; values: TNewDelivery; slot: TSlot }[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const ids = await insertDeliveriesIfAbsent(tx, batch.map((b) => b.values));
    const lost = batch.filter((b) => !ids.has(b.key));
    // Recorded meanwhile by another planner: theirs is the row.
    const theirs = lost.length > 0 ? await findDeliveryIdsByKeys(tx, lost.map((b) => b.values)) : new Map<string, number>();
    for (const b of batch) {
      const id = ids.get(b.key);
      if (id !== undefined) b.slot.id = id;
      else {
        b.slot.id = theirs.get(b.key)!;
        b.slot.isNew = false;
      }
    }
  };
  const counted = fresh.filter((c) => c.kind === 'nudge' || c.kind === 'agenda_reminder' || c.kind === 'review').map((c) => c.recipient.id);
  const ledger = await openBudgetLedger(tx, counted, from.minus({ days: LEDGER_MARGIN_DAYS }).toMillis(), to.plus({ days: LEDGER_MARGIN_DAYS }).toMillis(), flush);
  const slots = new Map<string, TSlot>();
  const refs: { slot: TSlot; again: boolean }[] = [];
  try {
    for (const c of candidates) {
      const key = keyOf(c);
      const known = existing.get(key);
      if (known !== undefined) {
        refs.push({ slot: { id: known, isNew: false }, again: true });
        continue;
      }
      const recorded = slots.get(key);
      if (recorded) {
        refs.push({ slot: recorded, again: true });
        continue;
      }
      const meetingId = c.meeting ? meetingIds.get(`${c.meeting.oneOnOneId}|${c.meeting.startsAt.getTime()}`) : undefined;
      const { subjectId, decision } = await c.resolve(tx, now, meetingId);
      const slot: TSlot = { id: 0, isNew: true };
      slots.set(key, slot);
      refs.push({ slot, again: false });
      const dueAt = c.dueAt.toJSDate();
      buffer.push({
        key,
        slot,
        values: { kind: c.kind, recipientId: c.recipient.id, periodKey: c.periodKey, workspaceId: c.workspaceId, status: decision.status, reason: decision.reason, dueAt, subjectId, createdAt: now.toJSDate() },
      });
      noteInBudgetLedger(ledger, { recipientId: c.recipient.id, kind: c.kind, status: decision.status, at: dueAt.getTime(), requested: c.kind === 'review' ? (c.requested ?? null) : false });
    }
    await flush();
  } finally {
    closeBudgetLedger(tx);
  }
  return refs.map(({ slot, again }) => ({ id: slot.id, isNew: !again && slot.isNew }));
}

async function summarize(
  db: TDb,
  touched: { id: number; isNew: boolean }[],
  deliverable: { id: number; workspaceId: string; dueAt: Date | null }[],
  meta: { now: Date; from: DateTime; to: DateTime; problems: TPlanResult['problems']; dryRun: boolean },
): Promise<TPlanResult> {
  const isNew = new Map(touched.map((t) => [t.id, t.isNew]));
  const items = (await listPlannedDeliveries(db, [...isNew.keys()])).map((row) => ({
    deliveryId: row.id,
    kind: row.kind,
    recipientSlackId: row.recipientSlackId,
    recipientName: row.recipientName,
    dueAt: row.dueAt ?? row.createdAt,
    status: row.status,
    reason: row.reason,
    isNew: isNew.get(row.id) === true,
  }));
  return {
    now: meta.now,
    window: { from: meta.from.toJSDate(), to: meta.to.toJSDate() },
    items,
    created: items.filter((i) => i.isNew),
    skipped: items.filter((i) => i.isNew && i.status === 'skipped'),
    suppressed: items.filter((i) => i.isNew && i.status === 'suppressed'),
    toEnqueue: deliverable.map((d) => ({ deliveryId: d.id, workspaceId: d.workspaceId, dueAt: d.dueAt ?? meta.now })),
    problems: meta.problems,
    dryRun: meta.dryRun,
  };
}
