import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';
import { DELIVERY_KINDS, DELIVERY_STATUSES } from '../schema/deliveries';

// The values are the domain's, defined once beside the SQLite table, so both engines store the same ones.
export { DELIVERY_KINDS, DELIVERY_STATUSES };

/**
 * Anything the bot sends on its own. `(kind, recipient, period)` is unique: it is the guarantee that
 * nothing is sent twice, and the audit of why something was (or was not) sent.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    workspaceId: workspaceRef(),
    kind: text({ enum: DELIVERY_KINDS }).notNull(),
    recipientId: personRef(),
    periodKey: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull().default('pending'),
    reason: text().notNull().default(''),
    slackChannel: text(),
    slackTs: text(),
    error: text(),
    /** When it should go out; the planner sets it, `deliver-due` and the queue's delay honour it. */
    dueAt: instant(),
    /** What it is about (a meeting id for briefs and agenda reminders), to rebuild its content at send time. */
    subjectId: integer(),
    /** When a sender claimed it; a claim older than the lease means that sender died and another may check and retry. */
    claimedAt: instant(),
    attempts: integer().notNull().default(0),
    createdAt: createdAt(),
    sentAt: instant(),
  },
  (t) => [
    uniqueIndex('deliveries_key_uq').on(t.kind, t.recipientId, t.periodKey),
    index('deliveries_message_idx').on(t.slackChannel, t.slackTs),
    index('deliveries_due_idx').on(t.status, t.dueAt),
  ],
);
