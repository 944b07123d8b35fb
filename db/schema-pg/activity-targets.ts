import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { TActivityTarget } from '../../src/domain/target-text';
import { createdAt, id, instant, json } from './columns';
import { people } from './people';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

/**
 * A rep's own weekly activity targets (up to three, SPEC §1 / §2 Expectation): proposed by the rep and
 * agreed by their manager, or set by the manager (agreed at once). One row per set: the newest agreed set
 * replaces the engine's expectations for its types until another is agreed; a newer proposal or agreement
 * marks the one it replaces declined.
 */
export const activityTargets = pgTable(
  'activity_targets',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    /** The targets as they stand (read through zod: `ZActivityTargets`). */
    targets: json<TActivityTarget[]>().notNull(),
    /** What was proposed; differs from `targets` once the manager adjusted them. */
    proposedTargets: json<TActivityTarget[]>().notNull(),
    status: text({ enum: ['proposed', 'agreed', 'declined'] }).notNull().default('proposed'),
    proposedById: integer().references(() => people.id, { onDelete: 'set null' }),
    agreedById: integer().references(() => people.id, { onDelete: 'set null' }),
    agreedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index('activity_targets_person_status_idx').on(t.personId, t.status)],
);
