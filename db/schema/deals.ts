import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, wideInteger } from './columns';
import { personRef } from './person-ref';
import { DEAL_OUTCOMES } from '../../src/domain/types';
import { workspaceRef } from './workspace-ref';

/**
 * A rep's opportunity. `stage`, `furthest_stage` and `outcome` summarise `deal_stage_history`
 * and are recomputed from it whenever it changes.
 */
export const deals = sqliteTable(
  'deals',
  {
    id: id(),
    workspaceId: workspaceRef(),
    repId: personRef(),
    /** The CRM's id (CSV import) or one derived from the name for deals created in Slack. */
    externalId: text().notNull(),
    name: text().notNull(),
    /** Lower-cased name, for matching "demo with acme" to "Acme". */
    nameKey: text().notNull(),
    amountCents: wideInteger(),
    stage: text().notNull(),
    furthestStage: text().notNull(),
    outcome: text({ enum: DEAL_OUTCOMES }).notNull().default('open'),
    createdAt: createdAt(),
    closedAt: instant(),
    lastActivityAt: instant(),
  },
  (t) => [
    uniqueIndex('deals_workspace_external_uq').on(t.workspaceId, t.externalId),
    index('deals_rep_name_idx').on(t.repId, t.nameKey),
    index('deals_rep_outcome_idx').on(t.repId, t.outcome),
  ],
);
