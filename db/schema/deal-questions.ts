import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, json } from './columns';
import { logEntries } from './log-entries';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

export const DEAL_QUESTION_KINDS = ['which', 'create'] as const;
export const DEAL_QUESTION_STATUSES = ['open', 'answered', 'dismissed'] as const;

/**
 * A log line whose deal we could not settle alone: several of the rep's deals fit the name ("which"), or a
 * won/lost names a deal we do not know ("create"). The confirmation asks with buttons; until it is answered
 * the activity stays logged without a deal. `item` is what to apply once answered.
 */
export const dealQuestions = sqliteTable(
  'deal_questions',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    logEntryId: integer()
      .notNull()
      .references(() => logEntries.id, { onDelete: 'cascade' }),
    kind: text({ enum: DEAL_QUESTION_KINDS }).notNull(),
    /** The name as the rep wrote it. */
    name: text().notNull(),
    candidates: json<{ dealId: number; name: string }[]>().notNull().default([]),
    /** The activity rows (of this log entry) that take the deal once it is chosen. */
    activityIds: json<number[]>().notNull().default([]),
    /** For "create": the outcome or stage to record on the new deal, its amount and when. */
    item: json<Record<string, unknown>>().notNull().default({}),
    status: text({ enum: DEAL_QUESTION_STATUSES }).notNull().default('open'),
    answeredAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index('deal_questions_log_entry_idx').on(t.logEntryId)],
);
