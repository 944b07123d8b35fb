import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns';
import { workspaceRef } from './workspace-ref';

/** One app installation per workspace (filled by the OAuth flow; single-workspace mode uses the env token). */
export const installations = sqliteTable(
  'installations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    workspaceId: workspaceRef(),
    botUserId: text(),
    botToken: text(),
    scopes: text(),
    installedBy: text(),
    installedAt: createdAt(),
    revokedAt: instant(),
  },
  (t) => [uniqueIndex('installations_workspace_uq').on(t.workspaceId)],
);
