import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { people } from './people';
import { workspaces } from './workspaces';

/**
 * A manager's team: its members are the people whose `manager_id` is the team's manager.
 * The row holds team-level settings (name, tier policy) that later features read.
 */
export const teams = sqliteTable(
  'teams',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    managerId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    settings: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_manager_uq').on(t.managerId)],
);
