import { DateTime } from 'luxon';
import { type TDb, writeTransaction } from '../../db/client';
import { findLatestTierSnapshot } from '../../db/repositories/coaching-snapshots';
import {
  countUnsolicited,
  findDeliveriesWithRecipients,
  findDeliveryByKey,
  insertDeliveryIfAbsent,
  listDeliverable,
  type TDeliveryKind,
  type TDeliveryRow,
} from '../../db/repositories/deliveries';
import { ensureMeeting, listActiveOneOnOnes, type TOneOnOneRow } from '../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../db/repositories/people';
import { listWorkspaceZones } from '../../db/repositories/workspaces';
import type { TTier } from '../domain/coaching/tiers';
import { budgetWindow, decideAgendaReminder, decideBrief, deliveriesDueBetween, type TDecision, type TDeliveryTime, unsolicitedBudget } from '../domain/delivery-rules';
import { readPreferences, workingHoursOf } from '../domain/preferences';

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
  toEnqueue: { deliveryId: number; dueAt: Date }[];
  /** 1:1s that could not be planned (an unknown time zone…), with why; the others are planned regardless. */
  problems: { oneOnOneId: number; message: string }[];
  dryRun: boolean;
};

type TCandidate = TDeliveryTime & { workspaceId: string; oneOnOne: TOneOnOneRow; manager: TPersonRow; rep: TPersonRow; repTier: TTier | null };

class DryRunRollback extends Error {
  constructor(readonly result: TPlanResult) {
    super('dry run: rolled back');
  }
}

/**
 * The `plan` job (SPEC §5): finds the briefs and agenda reminders of every active 1:1 due in
 * (now − lookback, now + lookahead], decides each (due, skipped as too late, suppressed by the no-nagging
 * budget) and records it under its unique key in one write transaction. A key already recorded is left
 * alone, so running it again, or two planners at once, changes nothing. Synchronous; wrap in `retryWhenBusy`.
 */
export function planDeliveries(db: TDb, options: TPlanOptions): TPlanResult {
  const now = DateTime.fromJSDate(options.now, { zone: 'utc' });
  const from = now.minus({ hours: options.lookbackHours ?? 24 });
  const to = now.plus({ minutes: options.lookaheadMinutes ?? 15 });
  const workspaceIds = options.workspaceId !== undefined ? [options.workspaceId] : listWorkspaceZones(db).map((w) => w.id);
  const problems: TPlanResult['problems'] = [];
  const candidates = workspaceIds.flatMap((workspaceId) => gatherCandidates(db, workspaceId, options.now, from, to, problems));
  candidates.sort((a, b) => a.dueAt.toMillis() - b.dueAt.toMillis());

  try {
    return writeTransaction(db, (tx) => {
      const touched = candidates.map((candidate) => record(tx, candidate, now));
      const toEnqueue = listDeliverable(tx, { dueBy: to.toJSDate(), ...(options.workspaceId !== undefined ? { workspaceId: options.workspaceId } : {}) });
      const plan = summarize(tx, touched, toEnqueue, { now: options.now, from, to, problems, dryRun: options.dryRun === true });
      // Throwing rolls the transaction back: a dry run decides exactly as a real one, then leaves no trace.
      if (options.dryRun) throw new DryRunRollback(plan);
      return plan;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

function gatherCandidates(db: TDb, workspaceId: string, nowDate: Date, from: DateTime, to: DateTime, problems: TPlanResult['problems']): TCandidate[] {
  const candidates: TCandidate[] = [];
  const tiers = new Map<number, TTier | null>();
  for (const oneOnOne of listActiveOneOnOnes(db, workspaceId)) {
    const manager = findPersonById(db, oneOnOne.managerId);
    const rep = findPersonById(db, oneOnOne.repId);
    if (!manager || !rep) continue;
    const managerPrefs = readPreferences(manager.preferences);
    const repPrefs = readPreferences(rep.preferences);
    let times: TDeliveryTime[];
    try {
      times = deliveriesDueBetween(
        {
          recurrence: oneOnOne,
          since: DateTime.fromJSDate(oneOnOne.createdAt, { zone: 'utc' }),
          manager: { tz: manager.tz, hours: workingHoursOf(managerPrefs), briefLeadMinutes: managerPrefs.briefLeadMinutes },
          rep: { tz: rep.tz, hours: workingHoursOf(repPrefs) },
        },
        from,
        to,
      );
    } catch (error) {
      problems.push({ oneOnOneId: oneOnOne.id, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const time of times) {
      if (time.kind === 'agenda_reminder' && !tiers.has(rep.id)) tiers.set(rep.id, findLatestTierSnapshot(db, rep.id, nowDate)?.tier ?? null);
      candidates.push({ ...time, workspaceId, oneOnOne, manager, rep, repTier: tiers.get(rep.id) ?? null });
    }
  }
  return candidates;
}

/** The key of a 1:1 occurrence's brief or reminder: the meeting instant and the 1:1 (a rep may have 1:1s with two people at one time). */
export function deliveryPeriodKey(meetingStart: Date, oneOnOneId: number): string {
  return `${meetingStart.toISOString()}/${oneOnOneId}`;
}

function record(tx: TDb, c: TCandidate, now: DateTime): { id: number; isNew: boolean } {
  const recipient = c.kind === 'brief' ? c.manager : c.rep;
  const key = { kind: c.kind, recipientId: recipient.id, periodKey: deliveryPeriodKey(c.meetingStart.toJSDate(), c.oneOnOne.id) };
  const existing = findDeliveryByKey(tx, key);
  if (existing) return { id: existing.id, isNew: false };
  const meeting = ensureMeeting(tx, c.oneOnOne.id, c.meetingStart.toJSDate());
  const decision = decide(tx, c, now);
  const row = insertDeliveryIfAbsent(tx, {
    ...key,
    workspaceId: c.workspaceId,
    status: decision.status,
    reason: decision.reason,
    dueAt: c.dueAt.toJSDate(),
    subjectId: meeting.id,
    createdAt: now.toJSDate(),
  });
  return { id: row?.id ?? findDeliveryByKey(tx, key)!.id, isNew: row !== undefined };
}

function decide(tx: TDb, c: TCandidate, now: DateTime): TDecision {
  const person = (p: TPersonRow) => ({ name: p.name || p.slackUserId, isBot: p.isBot, isDeleted: p.isDeleted });
  if (c.kind === 'brief') {
    return decideBrief({ now, dueAt: c.dueAt, meetingStart: c.meetingStart, manager: { ...person(c.manager), tz: c.manager.tz }, rep: person(c.rep) });
  }
  const budget = unsolicitedBudget(c.repTier);
  const window = budgetWindow(c.dueAt, c.rep.tz, budget.per);
  return decideAgendaReminder({
    now,
    dueAt: c.dueAt,
    meetingStart: c.meetingStart,
    rep: { ...person(c.rep), tz: c.rep.tz, hours: workingHoursOf(readPreferences(c.rep.preferences)), tier: c.repTier },
    manager: person(c.manager),
    unsolicitedSoFar: countUnsolicited(tx, c.rep.id, window.start.toJSDate(), window.end.toJSDate()),
  });
}

function summarize(
  tx: TDb,
  touched: { id: number; isNew: boolean }[],
  deliverable: { id: number; dueAt: Date | null }[],
  meta: { now: Date; from: DateTime; to: DateTime; problems: TPlanResult['problems']; dryRun: boolean },
): TPlanResult {
  const isNew = new Map(touched.map((t) => [t.id, t.isNew]));
  const items = findDeliveriesWithRecipients(tx, [...isNew.keys()]).map((row) => ({
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
    toEnqueue: deliverable.map((d) => ({ deliveryId: d.id, dueAt: d.dueAt ?? meta.now })),
    problems: meta.problems,
    dryRun: meta.dryRun,
  };
}
