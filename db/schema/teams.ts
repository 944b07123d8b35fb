import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, json } from './columns';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

/**
 * A manager's team: its members are the people whose `manager_id` is the team's manager.
 * The row holds team-level settings (name, tier policy) that later features read.
 */
export const teams = sqliteTable(
  'teams',
  {
    id: id(),
    workspaceId: workspaceRef(),
    managerId: personRef(),
    name: text().notNull(),
    settings: json<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_manager_uq').on(t.managerId)],
);
