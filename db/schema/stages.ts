import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, json } from './columns';
import { workspaceRef } from './workspace-ref';

/** The workspace's selling system: ordered stages, the last ones terminal (won / lost). */
export const stages = sqliteTable(
  'stages',
  {
    id: id(),
    workspaceId: workspaceRef(),
    key: text().notNull(),
    name: text().notNull(),
    position: integer().notNull(),
    outcome: text({ enum: ['won', 'lost'] }),
    staleAfterDays: integer(),
    /** The names the team's CRM uses for this stage ("Qualification", "Closed Won"), matched case-insensitively by imports and the grammar. */
    aliases: json<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('stages_workspace_key_uq').on(t.workspaceId, t.key)],
);
