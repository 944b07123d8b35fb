import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant } from './columns';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

/** A recurring manager–rep meeting, in the manager's zone. */
export const oneOnOnes = sqliteTable(
  'one_on_ones',
  {
    id: id(),
    workspaceId: workspaceRef(),
    managerId: personRef(),
    repId: personRef(),
    cadence: text({ enum: ['weekly', 'biweekly', 'monthly'] }).notNull(),
    weekday: integer().notNull(),
    localTime: text().notNull(),
    tz: text().notNull(),
    /** ISO date of a meeting: the weeks of a biweekly cadence, the week of the month of a monthly one (src/domain/schedule.ts). */
    anchorDate: text().notNull(),
    leadMinutes: integer().notNull().default(60),
    cancelledAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('one_on_ones_pair_uq').on(t.managerId, t.repId)],
);

/** One occurrence of a one-on-one, created when its brief is planned or notes are logged. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: id(),
    oneOnOneId: integer()
      .notNull()
      .references(() => oneOnOnes.id, { onDelete: 'cascade' }),
    startsAt: instant().notNull(),
    notes: text(),
    notesLoggedAt: instant(),
  },
  (t) => [uniqueIndex('meetings_occurrence_uq').on(t.oneOnOneId, t.startsAt)],
);

/** Topics either side wants to raise; attached to the next meeting until it happens. */
export const agendaItems = sqliteTable(
  'agenda_items',
  {
    id: id(),
    oneOnOneId: integer()
      .notNull()
      .references(() => oneOnOnes.id, { onDelete: 'cascade' }),
    meetingId: integer().references(() => meetings.id, { onDelete: 'set null' }),
    authorId: personRef(),
    text: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('agenda_items_one_on_one_idx').on(t.oneOnOneId)],
);

/** Shared follow-ups from a meeting; open ones carry into the next brief. */
export const actionItems = sqliteTable(
  'action_items',
  {
    id: id(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    ownerId: personRef(),
    text: text().notNull(),
    dueDate: text(),
    doneAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index('action_items_owner_idx').on(t.ownerId, t.doneAt)],
);
