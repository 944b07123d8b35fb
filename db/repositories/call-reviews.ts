import { aliasedTable, and, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TDb } from '../client';
import { callReviewComments, callReviews, deals, deliveries, exemplars, people } from '../schema/index';

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
  return db.insert(callReviews).values(row).returning().get();
}

export async function findCallReview(db: TDb, workspaceId: string, id: number): Promise<TCallReviewRow | undefined> {
  return db
    .select()
    .from(callReviews)
    .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.id, id)))
    .get();
}

/** Marks (or, with null, unmarks) the one thing as tried; false when nothing changed. */
export async function setOneThingTried(db: TDb, id: number, at: Date | null): Promise<boolean> {
  const unchanged = at === null ? isNotNull(callReviews.triedAt) : isNull(callReviews.triedAt);
  return (
    db
      .update(callReviews)
      .set({ triedAt: at })
      .where(and(eq(callReviews.id, id), eq(callReviews.status, 'shared'), unchanged))
      .run().changes > 0
  );
}

const reviewer = aliasedTable(people, 'reviewer');

function viewQuery(db: TDb) {
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

type TViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['all']>>[number];

function toView(row: TViewRow): TCallReviewView {
  return {
    ...row.review,
    reviewerName: row.reviewerName,
    dealName: row.dealName,
    exemplar: row.exemplarTitle !== null && row.exemplarUrl !== null && row.exemplarStage !== null ? { title: row.exemplarTitle, url: row.exemplarUrl, stage: row.exemplarStage } : null,
  };
}

export async function findCallReviewView(db: TDb, workspaceId: string, id: number): Promise<TCallReviewView | undefined> {
  const row = viewQuery(db)
    .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.id, id)))
    .get();
  return row ? toView(row) : undefined;
}

/** A rep's shared reviews, newest first. */
export async function listSharedReviews(db: TDb, repId: number, options: { since?: Date; limit?: number } = {}): Promise<TCallReviewView[]> {
  const query = viewQuery(db)
    .where(and(eq(callReviews.repId, repId), eq(callReviews.status, 'shared'), options.since ? gte(callReviews.sharedAt, options.since) : undefined))
    .orderBy(desc(callReviews.sharedAt), desc(callReviews.id));
  return (options.limit !== undefined ? query.limit(options.limit) : query).all().map(toView);
}

/** A rep's "one things" not yet marked as tried, newest first. */
export async function listOpenOneThings(db: TDb, repId: number, limit = 10): Promise<TCallReviewView[]> {
  return viewQuery(db)
    .where(and(eq(callReviews.repId, repId), eq(callReviews.status, 'shared'), isNull(callReviews.triedAt)))
    .orderBy(desc(callReviews.sharedAt), desc(callReviews.id))
    .limit(limit)
    .all()
    .map(toView);
}

/** Every review and request about a person (their export), oldest first. */
export async function listReviewsAbout(db: TDb, repId: number): Promise<TCallReviewView[]> {
  return viewQuery(db).where(eq(callReviews.repId, repId)).orderBy(callReviews.createdAt, callReviews.id).all().map(toView);
}

/**
 * Reviews shared in a workspace since `since` whose rep has no review DM recorded yet: what the planner still has to
 * decide about. Returns the review with its rep's id.
 */
export async function listReviewsAwaitingDm(db: TDb, workspaceId: string, since: Date): Promise<TCallReviewRow[]> {
  return db
    .select({ review: callReviews })
    .from(callReviews)
    .leftJoin(
      deliveries,
      and(eq(deliveries.kind, 'review'), eq(deliveries.recipientId, callReviews.repId), eq(deliveries.periodKey, sql`'review:' || ${callReviews.id}`)),
    )
    .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.status, 'shared'), gte(callReviews.sharedAt, since), isNull(deliveries.id)))
    .orderBy(callReviews.sharedAt, callReviews.id)
    .all()
    .map((r) => r.review);
}

/** The review whose DM to the rep is this message (a reply in its thread is a question about it). */
export async function findReviewByDm(db: TDb, workspaceId: string, channel: string, ts: string): Promise<TCallReviewRow | undefined> {
  const row = db
    .select({ review: callReviews })
    .from(deliveries)
    .innerJoin(callReviews, eq(callReviews.id, deliveries.subjectId))
    .where(and(eq(deliveries.slackChannel, channel), eq(deliveries.slackTs, ts), eq(deliveries.workspaceId, workspaceId), eq(deliveries.kind, 'review')))
    .get();
  return row?.review;
}

/** The comment whose copy in the reviewer's DM is this message (a reply in its thread answers it). */
export async function findCommentByRelay(db: TDb, workspaceId: string, channel: string, ts: string): Promise<TCallReviewCommentRow | undefined> {
  return db
    .select()
    .from(callReviewComments)
    .where(and(eq(callReviewComments.relayChannel, channel), eq(callReviewComments.relayTs, ts), eq(callReviewComments.workspaceId, workspaceId)))
    .get();
}

/** Stores a comment once per Slack message; undefined when this message was stored before (a retried event). */
export async function insertReviewComment(db: TDb, row: typeof callReviewComments.$inferInsert): Promise<TCallReviewCommentRow | undefined> {
  return db.insert(callReviewComments).values(row).onConflictDoNothing().returning().get();
}

/** Records where a comment's copy landed: a question in the DM of whoever answers it, an answer in the rep's review thread. */
export async function setCommentRelay(db: TDb, id: number, relay: { channel: string; ts: string }): Promise<void> {
  db.update(callReviewComments).set({ relayChannel: relay.channel, relayTs: relay.ts }).where(eq(callReviewComments.id, id)).run();
}

/** The comment stored from this Slack message (`sourceRef`, `channel:ts`), if any. */
export async function findCommentBySource(db: TDb, workspaceId: string, sourceRef: string): Promise<TCallReviewCommentRow | undefined> {
  return db
    .select()
    .from(callReviewComments)
    .where(and(eq(callReviewComments.workspaceId, workspaceId), eq(callReviewComments.sourceRef, sourceRef)))
    .get();
}

/** Its author edited it: the kept text follows. */
export async function setCommentText(db: TDb, id: number, text: string): Promise<void> {
  db.update(callReviewComments).set({ text }).where(eq(callReviewComments.id, id)).run();
}

/** Removes a comment (its author deleted it, or it could not be passed on and the author was asked to send it again). */
export async function deleteReviewComment(db: TDb, id: number): Promise<boolean> {
  return db.delete(callReviewComments).where(eq(callReviewComments.id, id)).run().changes > 0;
}

/** Where the rep's DM about a review landed (its thread is the review's thread); undefined until it was sent. */
export async function findReviewDm(db: TDb, review: { id: number; repId: number }): Promise<{ channel: string; ts: string } | undefined> {
  const row = db
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
    .get();
  return row?.channel && row.ts ? { channel: row.channel, ts: row.ts } : undefined;
}

/** A review's thread, oldest first, with each author's name. */
export async function listReviewComments(db: TDb, reviewId: number): Promise<(TCallReviewCommentRow & { authorName: string })[]> {
  return db
    .select({ comment: callReviewComments, authorName: people.name })
    .from(callReviewComments)
    .innerJoin(people, eq(people.id, callReviewComments.authorId))
    .where(eq(callReviewComments.reviewId, reviewId))
    .orderBy(callReviewComments.createdAt, callReviewComments.id)
    .all()
    .map((r) => ({ ...r.comment, authorName: r.authorName }));
}

