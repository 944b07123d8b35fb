import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TActivityType } from '../../src/domain/types';
import { createdAt } from './columns';

/** A Slack team (`team_id`). Every other row belongs to exactly one. */
export const workspaces = sqliteTable('workspaces', {
  id: text().primaryKey(),
  name: text(),
  timezone: text().notNull().default('UTC'),
  settings: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  /**
   * Which stage each activity type feeds when it is logged without a deal (SPEC §2); types left out take
   * the default of `defaultActivityStageMap`. Read through `getActivityStageMap` only.
   */
  activityStageMap: text({ mode: 'json' }).$type<Partial<Record<TActivityType, string | null>>>(),
  /** Our Slack app's id (`api_app_id` of the requests Slack sends), for links to the app's Home tab in DMs. */
  slackAppId: text(),
  createdAt: createdAt(),
});
