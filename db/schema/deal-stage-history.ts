import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, id, instant } from './columns';
import { deals } from './deals';
import { logEntries } from './log-entries';

/** Every stage a deal entered, and when; a row from a Slack message goes when the message does. */
export const dealStageHistory = sqliteTable(
  'deal_stage_history',
  {
    id: id(),
    dealId: integer()
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    stage: text().notNull(),
    enteredAt: instant().notNull(),
    logEntryId: integer().references(() => logEntries.id, { onDelete: 'cascade' }),
    /**
     * The day is not known (an import without "date entered" columns): `enteredAt` stands in for it, and
     * time-in-stage figures leave such rows out rather than invent a duration.
     */
    estimated: bool().notNull().default(false),
  },
  (t) => [index('deal_stage_history_deal_idx').on(t.dealId, t.enteredAt)],
);
