import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant } from './columns';
import { personRef } from './person-ref';
import { people } from './people';
import { workspaceRef } from './workspace-ref';

export const TEAM_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;

/**
 * "Join my team?": a would-be manager asked a rep, who accepts or declines in a DM (SPEC §2 Team). An
 * admin's add needs no request. One pending request per manager and rep.
 */
export const teamRequests = sqliteTable(
  'team_requests',
  {
    id: id(),
    workspaceId: workspaceRef(),
    managerId: personRef(),
    repId: personRef(),
    requestedById: integer().references(() => people.id, { onDelete: 'set null' }),
    status: text({ enum: TEAM_REQUEST_STATUSES }).notNull().default('pending'),
    answeredAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index('team_requests_rep_idx').on(t.repId, t.status), index('team_requests_manager_idx').on(t.managerId, t.status)],
);
