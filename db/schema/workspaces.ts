import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

/** A Slack team (`team_id`). Every other row belongs to exactly one. */
export const workspaces = sqliteTable('workspaces', {
  id: text().primaryKey(),
  name: text(),
  timezone: text().notNull().default('UTC'),
  settings: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});
