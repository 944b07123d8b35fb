import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { deals } from './deals';
import { logEntries } from './log-entries';
import { personRef } from './person-ref';
import { ACTIVITY_TYPES } from '../../src/domain/types';
import { workspaceRef } from './workspace-ref';

/** A count of one activity type done by a rep at a time. */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    workspaceId: workspaceRef(),
    repId: personRef(),
    type: text({ enum: ACTIVITY_TYPES }).notNull(),
    count: integer().notNull(),
    occurredAt: instant().notNull(),
    dealId: integer().references(() => deals.id, { onDelete: 'set null' }),
    stage: text(),
    logEntryId: integer().references(() => logEntries.id, { onDelete: 'cascade' }),
    /** For imported rows: a digest of the row, so re-importing the same file changes nothing. */
    importRef: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('activities_rep_time_idx').on(t.repId, t.occurredAt),
    index('activities_log_entry_idx').on(t.logEntryId),
    index('activities_deal_idx').on(t.dealId),
    uniqueIndex('activities_import_ref_uq').on(t.workspaceId, t.importRef),
    // Only rows still without a stage: lets attributeStagelessActivities find them without a scan.
    index('activities_stageless_idx').on(t.workspaceId).where(sql`${t.stage} is null`),
  ],
);
