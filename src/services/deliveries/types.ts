import type { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import type { TDeliveryKind, TDeliveryRow } from '../../../db/repositories/deliveries';
import type { TPersonRow } from '../../../db/repositories/people';
import type { TDecision } from '../../domain/delivery-rules';
import type { TDeliveryMessage } from './port';

/** Something a source could not plan (an unknown time zone…), with why; everything else is planned regardless. */
export type TPlanProblem = { subject: string; message: string };

/**
 * Answers the sources of one planner run share, computed once per key: schedules depend on zones, hours and
 * times, not on the workspace, so a run over a hundred workspaces computes each once, not once per workspace.
 */
export type TPlanMemo = <T>(key: string, make: () => T) => T;

export type TPlanSourceContext = { workspaceId: string; now: Date; from: DateTime; to: DateTime; problems: TPlanProblem[]; memo: TPlanMemo };

/**
 * One delivery a source finds due in the planner's window. Its key is `(kind, recipient, periodKey)`; a key
 * already recorded is left alone, so `resolve` runs only for new keys, inside the planner's write transaction
 * (it may create the subject row, e.g. the meeting, and count earlier deliveries for the budget).
 */
export type TPlanCandidate = {
  workspaceId: string;
  kind: TDeliveryKind;
  recipient: TPersonRow;
  periodKey: string;
  dueAt: DateTime;
  /**
   * The meeting a 1:1 brief or reminder is about, for a planner that creates them all at once (PostgreSQL); its id
   * is then passed to `resolve` as `meetingId`.
   */
  meeting?: { oneOnOneId: number; startsAt: Date };
  /** A call-review DM: whether it answers the rep's own request (not counted in their budget). */
  requested?: boolean;
  resolve: (tx: TDb, now: DateTime, meetingId?: number) => Promise<{ subjectId: number | null; decision: TDecision }>;
};

/** A kind of delivery the planner knows how to find: 1:1 briefs and reminders, digests, check-ins, nudges. */
export type TPlanSource = (db: TDb, context: TPlanSourceContext) => Promise<TPlanCandidate[]>;

export type TComposed = { action: 'send'; recipient: TPersonRow; message: TDeliveryMessage } | { action: 'skip'; reason: string };

/** Writes a delivery's message at send time from the data as it is then, or says why it should not go out after all. */
export type TComposer = (db: TDb, row: TDeliveryRow, recipient: TPersonRow, now: Date) => Promise<TComposed>;
