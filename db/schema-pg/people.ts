import { type AnyPgColumn, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bool, createdAt, id, instant, json } from './columns';
import { ROLES } from '../../src/domain/types';
import { workspaceRef } from './workspace-ref';

/** A Slack user in a workspace. Name and zone are a cache of `users.info`, refreshed when stale. */
export const people = pgTable(
  'people',
  {
    id: id(),
    workspaceId: workspaceRef(),
    slackUserId: text().notNull(),
    name: text().notNull().default(''),
    email: text(),
    /** The role given in Canopy (people import, `/coach team add`). */
    role: text({ enum: ROLES }).notNull().default('rep'),
    /** Slack workspace admin or owner, as of the latest profile refresh. */
    slackAdmin: bool().notNull().default(false),
    managerId: integer().references((): AnyPgColumn => people.id, { onDelete: 'set null' }),
    tz: text().notNull().default('UTC'),
    quota: integer(),
    isBot: bool().notNull().default(false),
    isDeleted: bool().notNull().default(false),
    preferences: json<Record<string, unknown>>().notNull().default({}),
    /** Slack status as of the latest profile refresh or `user_change` event: unsolicited messages wait while it says away. */
    statusEmoji: text().notNull().default(''),
    statusText: text().notNull().default(''),
    statusExpiresAt: instant(),
    profileRefreshedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_workspace_user_uq').on(t.workspaceId, t.slackUserId),
    index('people_workspace_email_idx').on(t.workspaceId, t.email),
    index('people_manager_idx').on(t.managerId),
  ],
);
