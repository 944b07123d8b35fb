import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, float, id, instant } from './columns';
import { people } from './people';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

/** A rep's target for a period; proposed by the rep or the manager, agreed by the manager. */
export const goals = pgTable(
  'goals',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    metric: text({ enum: ['deals_won', 'revenue'] }).notNull(),
    target: float().notNull(),
    periodStart: text().notNull(),
    periodEnd: text().notNull(),
    status: text({ enum: ['proposed', 'agreed', 'declined'] }).notNull().default('proposed'),
    proposedById: integer().references(() => people.id, { onDelete: 'set null' }),
    agreedById: integer().references(() => people.id, { onDelete: 'set null' }),
    agreedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index('goals_person_period_idx').on(t.personId, t.periodStart)],
);
