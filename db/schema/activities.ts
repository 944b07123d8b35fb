import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns';
import { deals } from './deals';
import { logEntries } from './log-entries';
import { people } from './people';
import { ACTIVITY_TYPES } from '../../src/domain/types';
import { workspaces } from './workspaces';


/** A count of one activity type done by a rep at a time. */
export const activities = sqliteTable(
  'activities',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    repId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
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
  ],
);
