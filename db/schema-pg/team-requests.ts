import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { personRef } from './person-ref';
import { people } from './people';
import { workspaceRef } from './workspace-ref';
import { TEAM_REQUEST_STATUSES } from '../schema/team-requests';

// The values are the domain's, defined once beside the SQLite table, so both engines store the same ones.
export { TEAM_REQUEST_STATUSES };

/**
 * "Join my team?": a would-be manager asked a rep, who accepts or declines in a DM (SPEC §2 Team). An
 * admin's add needs no request. One pending request per manager and rep.
 */
export const teamRequests = pgTable(
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
