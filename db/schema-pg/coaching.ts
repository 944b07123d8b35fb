import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, float, id, instant, json } from './columns';
import { people } from './people';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';
import { TIER_ORDER } from '../../src/domain/coaching/tiers';

export { TIER_ORDER as TIERS } from '../../src/domain/coaching/tiers';

/**
 * The recompute job's verdict for a rep: one row per run (keyed by the run's `now`, so a retried or
 * repeated run rewrites its own rows instead of adding more); the newest is current.
 */
export const tierSnapshots = pgTable(
  'tier_snapshots',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    tier: text({ enum: TIER_ORDER }).notNull(),
    reasonCode: text().notNull(),
    reasonText: text().notNull(),
    details: json<Record<string, unknown>>().notNull().default({}),
    computedAt: instant().notNull(),
  },
  (t) => [uniqueIndex('tier_snapshots_run_uq').on(t.personId, t.computedAt)],
);

/** Weekly (or daily) activity a rep needs to reach their goal, with how it was derived. */
export const expectations = pgTable(
  'expectations',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    activityType: text().notNull(),
    per: text({ enum: ['day', 'week', 'month'] }).notNull(),
    amount: float().notNull(),
    derivation: json<Record<string, unknown>>().notNull().default({}),
    computedAt: instant().notNull(),
  },
  (t) => [uniqueIndex('expectations_run_uq').on(t.personId, t.computedAt, t.activityType)],
);

/** The one stage where coaching would gain the most, with its evidence. */
export const focusAreas = pgTable(
  'focus_areas',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    stage: text().notNull(),
    expectedGain: float().notNull(),
    evidence: json<Record<string, unknown>>().notNull().default({}),
    /** The stage the focus moves deals to (conversion from `stage` to `to_stage`). */
    toStage: text(),
    /** new | kept | switched | replaced: whether the focus changed at this run. */
    reasonCode: text().notNull().default('new'),
    computedAt: instant().notNull(),
  },
  (t) => [uniqueIndex('focus_areas_run_uq').on(t.personId, t.computedAt)],
);

/** The team's library of good calls and demos, by stage. */
export const exemplars = pgTable(
  'exemplars',
  {
    id: id(),
    workspaceId: workspaceRef(),
    stage: text().notNull(),
    title: text().notNull(),
    url: text().notNull(),
    addedById: integer().references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('exemplars_stage_idx').on(t.workspaceId, t.stage)],
);
