import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { deals } from './deals';
import { logEntries } from './log-entries';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

/**
 * Something a rep said about a deal that is neither an activity nor a stage move ("Initech pushed to Q1"):
 * kept on the deal so its story reads whole, and removed with the message that said it.
 */
export const dealNotes = pgTable(
  'deal_notes',
  {
    id: id(),
    workspaceId: workspaceRef(),
    repId: personRef(),
    dealId: integer()
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    logEntryId: integer().references(() => logEntries.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    occurredAt: instant().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('deal_notes_deal_idx').on(t.dealId, t.occurredAt), index('deal_notes_log_entry_idx').on(t.logEntryId)],
);
