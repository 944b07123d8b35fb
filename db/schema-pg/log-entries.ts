import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, json } from './columns';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';
import { LOG_SOURCES } from '../schema/log-entries';

// The values are the domain's, defined once beside the SQLite table, so both engines store the same ones.
export { LOG_SOURCES };
export type { TLogSource } from '../schema/log-entries';

/**
 * What a rep wrote, kept verbatim so nothing is lost and it can be re-parsed later.
 * `source_ref` (e.g. `msg:D123:1700000000.000100`) makes Slack retries and edits idempotent.
 */
export const logEntries = pgTable(
  'log_entries',
  {
    id: id(),
    workspaceId: workspaceRef(),
    personId: personRef(),
    source: text({ enum: LOG_SOURCES }).notNull(),
    sourceRef: text().notNull(),
    rawText: text().notNull(),
    /** Parts the grammar did not understand, echoed back to the rep. */
    unparsed: json<string[]>().notNull().default([]),
    /** Deal amounts this message set, with what they were before: undone when it is edited or deleted. */
    amountChanges: json<{ dealId: number; before: number | null; after: number }[]>().notNull().default([]),
    /** Counts of earlier entries this message corrected ("oops, that was 3 calls not 4"): undone with it. */
    countChanges: json<{ activityId: number; before: number; after: number }[]>().notNull().default([]),
    /**
     * The confirmation as last shown (a TLogConfirmationView): answering one of its questions or undoing
     * a new deal re-renders it, ephemeral replies included, whose text Slack does not send back.
     */
    confirmation: json<Record<string, unknown>>(),
    /** Where the confirmation was posted, so an edit can update it. */
    replyChannel: text(),
    replyTs: text(),
    /** Slack's `edited.ts` of the version stored: an older edit arriving late changes nothing. */
    editedTs: text(),
    createdAt: createdAt(),
    updatedAt: instant(),
    /** Set when the message is deleted: the entry stays as a tombstone so a late retry cannot bring it back. */
    deletedAt: instant(),
  },
  (t) => [
    uniqueIndex('log_entries_source_ref_uq').on(t.workspaceId, t.sourceRef),
    index('log_entries_person_idx').on(t.personId),
  ],
);
