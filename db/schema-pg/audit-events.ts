import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, json } from './columns';
import { people } from './people';
import { workspaceRef } from './workspace-ref';

/**
 * Who changed what, for admins: setup changes (`setup.<key>` with before/after), team membership by consent,
 * and erasures (`person.forgotten`: only that it happened, never what was deleted). `actorId` is null for the
 * CLI; `subject` names what changed (a setting key, a person's Slack id).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    workspaceId: workspaceRef(),
    actorId: integer().references(() => people.id, { onDelete: 'set null' }),
    /** How the actor acted when not in Slack: 'cli'. */
    via: text({ enum: ['slack', 'cli'] }).notNull().default('slack'),
    action: text().notNull(),
    subject: text(),
    details: json<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_workspace_idx').on(t.workspaceId, t.createdAt)],
);
