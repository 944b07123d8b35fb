import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant } from './columns';
import { exemplars } from './coaching';
import { deals } from './deals';
import { people } from './people';
import { personRef } from './person-ref';
import { workspaceRef } from './workspace-ref';

export const CALL_REVIEW_STATUSES = ['requested', 'shared'] as const;

/**
 * Feedback on one of a rep's own call recordings (SPEC §1, `/coach review`). A row starts either as a rep's
 * request (`requested`, shown in their manager's next brief) or as a review a manager shares at once; once shared
 * it holds what went well and the one thing to work on, tied to a stage. The rep's DM about it is a `review`
 * delivery keyed on the row. `reviewer_id` stays null on a request until someone reviews it, and becomes null
 * when the reviewer is forgotten: the feedback is the rep's, so it stays with them.
 */
export const callReviews = sqliteTable(
  'call_reviews',
  {
    id: id(),
    workspaceId: workspaceRef(),
    repId: personRef(),
    reviewerId: integer().references(() => people.id, { onDelete: 'set null' }),
    /** An http(s) link to the recording, checked before it is stored; always shown escaped and never unfurled. */
    url: text().notNull(),
    dealId: integer().references(() => deals.id, { onDelete: 'set null' }),
    /** The stage the call was in (optional). */
    callStage: text(),
    status: text({ enum: CALL_REVIEW_STATUSES }).notNull(),
    /** What the rep wrote when asking for the review. */
    requestNote: text(),
    requestedAt: instant(),
    wentWell: text(),
    oneThing: text(),
    /** The stage the one thing to work on belongs to (the rep's focus stage by default). */
    oneThingStage: text(),
    exemplarId: integer().references(() => exemplars.id, { onDelete: 'set null' }),
    sharedAt: instant(),
    /** When the rep marked the one thing as tried; null while it is open. */
    triedAt: instant(),
    /** The Slack form (view id) a review was shared from, so a submission Slack retries is stored once. */
    submissionRef: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('call_reviews_rep_idx').on(t.repId, t.status, t.sharedAt),
    index('call_reviews_workspace_idx').on(t.workspaceId, t.status, t.sharedAt),
    uniqueIndex('call_reviews_submission_uq').on(t.workspaceId, t.submissionRef),
  ],
);

/**
 * A question or an answer in a review's thread: the rep replies to the review DM, Canopy passes it to the reviewer
 * in their DM (`relay_channel`, `relay_ts`) and passes the reviewer's reply in that thread back. `source_ref` is the
 * Slack message (`channel:ts`), so a retried event is stored once.
 */
export const callReviewComments = sqliteTable(
  'call_review_comments',
  {
    id: id(),
    workspaceId: workspaceRef(),
    reviewId: integer()
      .notNull()
      .references(() => callReviews.id, { onDelete: 'cascade' }),
    authorId: personRef(),
    text: text().notNull(),
    sourceRef: text().notNull(),
    relayChannel: text(),
    relayTs: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('call_review_comments_source_uq').on(t.workspaceId, t.sourceRef),
    index('call_review_comments_review_idx').on(t.reviewId),
    index('call_review_comments_relay_idx').on(t.relayChannel, t.relayTs),
  ],
);
