import { aliasedTable, and, asc, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { changedRows, first } from '../query';
import type { callReviewComments, callReviews } from '../schema/index';

export type TCallReviewRow = typeof callReviews.$inferSelect;
export type TCallReviewCommentRow = typeof callReviewComments.$inferSelect;

/** A review with the names it is shown with: who wrote it, the deal, the exemplar to compare with. */
export type TCallReviewView = TCallReviewRow & {
  reviewerName: string | null;
  dealName: string | null;
  exemplar: { title: string; url: string; stage: string } | null;
};

/** The delivery key of a review's DM to the rep: `(review, rep, review:<id>)`. */
export const reviewDmPeriodKey = (reviewId: number) => `review:${reviewId}`;

export async function insertCallReview(db: TDb, row: typeof callReviews.$inferInsert): Promise<TCallReviewRow> {
  const { callReviews } = tablesOf(db);
  return (await db.insert(callReviews).values(row).returning())[0]!;
}

export async function findCallReview(db: TDb, workspaceId: string, id: number): Promise<TCallReviewRow | undefined> {
  const { callReviews } = tablesOf(db);
  return first(
    db
      .select()
      .from(callReviews)
      .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.id, id)))
      .limit(1),
  );
}

/** Marks (or, with null, unmarks) the one thing as tried; false when nothing changed. */
export async function setOneThingTried(db: TDb, id: number, at: Date | null): Promise<boolean> {
  const { callReviews } = tablesOf(db);
  const unchanged = at === null ? isNotNull(callReviews.triedAt) : isNull(callReviews.triedAt);
  const result = await db
    .update(callReviews)
    .set({ triedAt: at })
    .where(and(eq(callReviews.id, id), eq(callReviews.status, 'shared'), unchanged));
  return changedRows(result) > 0;
}

function viewQuery(db: TDb) {
  const { callReviews, deals, exemplars, people } = tablesOf(db);
  const reviewer = aliasedTable(people, 'reviewer');
  return db
    .select({
      review: callReviews,
      reviewerName: reviewer.name,
      dealName: deals.name,
      exemplarTitle: exemplars.title,
      exemplarUrl: exemplars.url,
      exemplarStage: exemplars.stage,
    })
    .from(callReviews)
    .leftJoin(reviewer, eq(reviewer.id, callReviews.reviewerId))
    .leftJoin(deals, eq(deals.id, callReviews.dealId))
    .leftJoin(exemplars, eq(exemplars.id, callReviews.exemplarId));
}

type TViewRow = Awaited<ReturnType<typeof viewQuery>>[number];

function toView(row: TViewRow): TCallReviewView {
  return {
    ...row.review,
    reviewerName: row.reviewerName,
    dealName: row.dealName,
    exemplar: row.exemplarTitle !== null && row.exemplarUrl !== null && row.exemplarStage !== null ? { title: row.exemplarTitle, url: row.exemplarUrl, stage: row.exemplarStage } : null,
  };
}

export async function findCallReviewView(db: TDb, workspaceId: string, id: number): Promise<TCallReviewView | undefined> {
  const { callReviews } = tablesOf(db);
  const row = await first(
    viewQuery(db)
      .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.id, id)))
      .limit(1),
  );
  return row ? toView(row) : undefined;
}

/** A rep's shared reviews, newest first. */
export async function listSharedReviews(db: TDb, repId: number, options: { since?: Date; limit?: number } = {}): Promise<TCallReviewView[]> {
  const { callReviews } = tablesOf(db);
  const query = viewQuery(db)
    .where(and(eq(callReviews.repId, repId), eq(callReviews.status, 'shared'), options.since ? gte(callReviews.sharedAt, options.since) : undefined))
    .orderBy(desc(callReviews.sharedAt), desc(callReviews.id));
  return (await (options.limit !== undefined ? query.limit(options.limit) : query)).map(toView);
}

/** A rep's "one things" not yet marked as tried, newest first. */
export async function listOpenOneThings(db: TDb, repId: number, limit = 10): Promise<TCallReviewView[]> {
  const { callReviews } = tablesOf(db);
  const rows = await viewQuery(db)
    .where(and(eq(callReviews.repId, repId), eq(callReviews.status, 'shared'), isNull(callReviews.triedAt)))
    .orderBy(desc(callReviews.sharedAt), desc(callReviews.id))
    .limit(limit);
  return rows.map(toView);
}

/** Every review and request about a person (their export), oldest first. */
export async function listReviewsAbout(db: TDb, repId: number): Promise<TCallReviewView[]> {
  const { callReviews } = tablesOf(db);
  return (await viewQuery(db).where(eq(callReviews.repId, repId)).orderBy(asc(callReviews.createdAt), asc(callReviews.id))).map(toView);
}

/**
 * Reviews shared in a workspace since `since` whose rep has no review DM recorded yet: what the planner still has to
 * decide about. Returns the review with its rep's id.
 */
export async function listReviewsAwaitingDm(db: TDb, workspaceId: string, since: Date): Promise<TCallReviewRow[]> {
  const { callReviews, deliveries } = tablesOf(db);
  const rows = await db
    .select({ review: callReviews })
    .from(callReviews)
    .leftJoin(
      deliveries,
      and(
        eq(deliveries.kind, 'review'),
        eq(deliveries.recipientId, callReviews.repId),
        eq(deliveries.periodKey, sql`'review:' || cast(${callReviews.id} as text)`),
      ),
    )
    .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.status, 'shared'), gte(callReviews.sharedAt, since), isNull(deliveries.id)))
    .orderBy(asc(callReviews.sharedAt), asc(callReviews.id));
  return rows.map((r) => r.review);
}

/** The review whose DM to the rep is this message (a reply in its thread is a question about it). */
export async function findReviewByDm(db: TDb, workspaceId: string, channel: string, ts: string): Promise<TCallReviewRow | undefined> {
  const { callReviews, deliveries } = tablesOf(db);
  const row = await first(
    db
      .select({ review: callReviews })
      .from(deliveries)
      .innerJoin(callReviews, eq(callReviews.id, deliveries.subjectId))
      .where(and(eq(deliveries.slackChannel, channel), eq(deliveries.slackTs, ts), eq(deliveries.workspaceId, workspaceId), eq(deliveries.kind, 'review')))
      .limit(1),
  );
  return row?.review;
}

/** The comment whose copy in the reviewer's DM is this message (a reply in its thread answers it). */
export async function findCommentByRelay(db: TDb, workspaceId: string, channel: string, ts: string): Promise<TCallReviewCommentRow | undefined> {
  const { callReviewComments } = tablesOf(db);
  return first(
    db
      .select()
      .from(callReviewComments)
      .where(and(eq(callReviewComments.relayChannel, channel), eq(callReviewComments.relayTs, ts), eq(callReviewComments.workspaceId, workspaceId)))
      .limit(1),
  );
}

/** Stores a comment once per Slack message; undefined when this message was stored before (a retried event). */
export async function insertReviewComment(db: TDb, row: typeof callReviewComments.$inferInsert): Promise<TCallReviewCommentRow | undefined> {
  const { callReviewComments } = tablesOf(db);
  const rows = await db
    .insert(callReviewComments)
    .values(row)
    // call_review_comments_source_uq: (workspace_id, source_ref).
    .onConflictDoNothing({ target: [callReviewComments.workspaceId, callReviewComments.sourceRef] })
    .returning();
  return rows[0];
}

/** Records where a comment's copy landed: a question in the DM of whoever answers it, an answer in the rep's review thread. */
export async function setCommentRelay(db: TDb, id: number, relay: { channel: string; ts: string }): Promise<void> {
  const { callReviewComments } = tablesOf(db);
  await db.update(callReviewComments).set({ relayChannel: relay.channel, relayTs: relay.ts }).where(eq(callReviewComments.id, id));
}

/** The comment stored from this Slack message (`sourceRef`, `channel:ts`), if any. */
export async function findCommentBySource(db: TDb, workspaceId: string, sourceRef: string): Promise<TCallReviewCommentRow | undefined> {
  const { callReviewComments } = tablesOf(db);
  return first(
    db
      .select()
      .from(callReviewComments)
      .where(and(eq(callReviewComments.workspaceId, workspaceId), eq(callReviewComments.sourceRef, sourceRef)))
      .limit(1),
  );
}

/** Its author edited it: the kept text follows. */
export async function setCommentText(db: TDb, id: number, text: string): Promise<void> {
  const { callReviewComments } = tablesOf(db);
  await db.update(callReviewComments).set({ text }).where(eq(callReviewComments.id, id));
}

/** Removes a comment (its author deleted it, or it could not be passed on and the author was asked to send it again). */
export async function deleteReviewComment(db: TDb, id: number): Promise<boolean> {
  const { callReviewComments } = tablesOf(db);
  return changedRows(await db.delete(callReviewComments).where(eq(callReviewComments.id, id))) > 0;
}

/** Where the rep's DM about a review landed (its thread is the review's thread); undefined until it was sent. */
export async function findReviewDm(db: TDb, review: { id: number; repId: number }): Promise<{ channel: string; ts: string } | undefined> {
  const { deliveries } = tablesOf(db);
  const row = await first(
    db
      .select({ channel: deliveries.slackChannel, ts: deliveries.slackTs })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.kind, 'review'),
          eq(deliveries.recipientId, review.repId),
          eq(deliveries.periodKey, reviewDmPeriodKey(review.id)),
          isNotNull(deliveries.slackChannel),
          isNotNull(deliveries.slackTs),
        ),
      )
      .limit(1),
  );
  return row?.channel && row.ts ? { channel: row.channel, ts: row.ts } : undefined;
}

/** A review's thread, oldest first, with each author's name. */
export async function listReviewComments(db: TDb, reviewId: number): Promise<(TCallReviewCommentRow & { authorName: string })[]> {
  const { callReviewComments, people } = tablesOf(db);
  const rows = await db
    .select({ comment: callReviewComments, authorName: people.name })
    .from(callReviewComments)
    .innerJoin(people, eq(people.id, callReviewComments.authorId))
    .where(eq(callReviewComments.reviewId, reviewId))
    .orderBy(asc(callReviewComments.createdAt), asc(callReviewComments.id));
  return rows.map((r) => ({ ...r.comment, authorName: r.authorName }));
}
