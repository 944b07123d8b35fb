import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant } from './columns';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

export const DELIVERY_KINDS = ['digest', 'team_digest', 'brief', 'agenda_reminder', 'checkin', 'nudge', 'review'] as const;
/**
 * `pending` → `sending` (claimed by one sender, with `claimedAt`) → `sent` | `failed`; `skipped` (too late to be
 * useful) and `suppressed` (the no-nagging policy said no) are decided by the planner and never sent.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'suppressed', 'failed'] as const;

/**
 * Anything the bot sends on its own. `(kind, recipient, period)` is unique: it is the guarantee that
 * nothing is sent twice, and the audit of why something was (or was not) sent.
 */
export const deliveries = sqliteTable(
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
