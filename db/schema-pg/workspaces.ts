import { pgTable, text } from 'drizzle-orm/pg-core';
import type { TActivityType } from '../../src/domain/types';
import { createdAt, instant, json } from './columns';

/** A Slack team (`team_id`). Every other row belongs to exactly one. */
export const workspaces = pgTable('workspaces', {
  id: text().primaryKey(),
  name: text(),
  timezone: text().notNull().default('UTC'),
  settings: json<Record<string, unknown>>().notNull().default({}),
  /**
   * Which stage each activity type feeds when it is logged without a deal (SPEC §2); types left out take
   * the default of `defaultActivityStageMap`. Read through `getActivityStageMap` only.
   */
  activityStageMap: json<Partial<Record<TActivityType, string | null>>>(),
  /** Our Slack app's id (`api_app_id` of the requests Slack sends), for links to the app's Home tab in DMs. */
  slackAppId: text(),
  /** The Enterprise Grid org the workspace belongs to, when it does (an org-wide install's token serves it). */
  enterpriseId: text(),
  /**
   * When the app was uninstalled from the workspace (or its bot token revoked): nothing is planned or sent
   * for it from then on, and its data is purged after the retention period unless it installs again.
   */
  uninstalledAt: instant(),
  createdAt: createdAt(),
});
