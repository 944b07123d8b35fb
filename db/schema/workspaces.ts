import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

/** A Slack team (`team_id`). Every other row belongs to exactly one. */
export const workspaces = sqliteTable('workspaces', {
  id: text().primaryKey(),
  name: text(),
  timezone: text().notNull().default('UTC'),
  settings: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  /** Our Slack app's id (`api_app_id` of the requests Slack sends), for links to the app's Home tab in DMs. */
  slackAppId: text(),
  createdAt: createdAt(),
});
