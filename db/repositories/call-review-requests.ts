import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { changedRows, first } from '../query';
import type { callReviews as callReviewsTable } from '../schema/index';
import type { TCallReviewRow } from './call-reviews';

/*
 * Creating reviews and requests once: a review form Slack submits twice is stored once (`submission_ref`), and a
 * rep's requests are open only until they expire or are taken back.
 */

type TSharedFields = Pick<TCallReviewRow, 'reviewerId' | 'url' | 'dealId' | 'callStage' | 'wentWell' | 'oneThing' | 'oneThingStage' | 'exemplarId' | 'sharedAt'>;

/** The review shared from this Slack form, if it was (a repeated submission). */
export async function findReviewBySubmission(db: TDb, workspaceId: string, submissionRef: string): Promise<TCallReviewRow | undefined> {
  const { callReviews } = tablesOf(db);
  return first(
    db
      .select()
      .from(callReviews)
      .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.submissionRef, submissionRef)))
      .limit(1),
  );
}

/** Stores a shared review; undefined when this form's review is stored already (its `submission_ref` is taken). */
export async function insertSharedReviewOnce(db: TDb, row: TSharedFields & { workspaceId: string; repId: number; submissionRef: string | null }): Promise<TCallReviewRow | undefined> {
  const { callReviews } = tablesOf(db);
  const rows = await db
    .insert(callReviews)
    .values({ ...row, status: 'shared' })
    // call_reviews_submission_uq: (workspace_id, submission_ref).
    .onConflictDoNothing({ target: [callReviews.workspaceId, callReviews.submissionRef] })
    .returning();
  return rows[0];
}

/** Turns a rep's open request into the review answering it, from this form; false when it was no longer a request. */
export async function answerRequestOnce(db: TDb, id: number, review: TSharedFields & { submissionRef: string | null }): Promise<boolean> {
  const { callReviews } = tablesOf(db);
  const result = await db
    .update(callReviews)
    .set({ ...review, status: 'shared' })
    .where(and(eq(callReviews.id, id), eq(callReviews.status, 'requested')));
  return changedRows(result) > 0;
}

/** Requested at or after `since` (a request without a date counts from when it was stored). */
const liveSince = (callReviews: typeof callReviewsTable, since: Date) =>
  or(gte(callReviews.requestedAt, since), and(isNull(callReviews.requestedAt), gte(callReviews.createdAt, since)));

/** Undated requests first on both engines (SQLite's default for ascending order; PostgreSQL's is last). */
const byRequestedAt = (callReviews: typeof callReviewsTable) => [sql`${callReviews.requestedAt} asc nulls first`, asc(callReviews.id)];

/** A rep's open requests made since `since` (the older ones expired), oldest first. */
export async function listLiveRequests(db: TDb, repId: number, since: Date): Promise<TCallReviewRow[]> {
  const { callReviews } = tablesOf(db);
  return db
    .select()
    .from(callReviews)
    .where(and(eq(callReviews.repId, repId), eq(callReviews.status, 'requested'), liveSince(callReviews, since)))
    .orderBy(...byRequestedAt(callReviews));
}

/** The open requests of a manager's reps made since `since`, oldest first, with each rep's name and Slack id. */
export async function listTeamRequests(db: TDb, managerId: number, since: Date, limit: number): Promise<(TCallReviewRow & { repName: string; repSlackUserId: string })[]> {
  const { callReviews, people } = tablesOf(db);
  const rows = await db
    .select({ review: callReviews, repName: people.name, repSlackUserId: people.slackUserId })
    .from(callReviews)
    .innerJoin(people, eq(people.id, callReviews.repId))
    .where(and(eq(people.managerId, managerId), eq(people.isDeleted, false), eq(callReviews.status, 'requested'), liveSince(callReviews, since)))
    .orderBy(...byRequestedAt(callReviews))
    .limit(limit);
  return rows.map((r) => ({ ...r.review, repName: r.repName, repSlackUserId: r.repSlackUserId }));
}

/** Takes back one of the rep's open requests; false when it was answered, taken back already, or not theirs. */
export async function deleteOpenRequest(db: TDb, repId: number, id: number): Promise<boolean> {
  const { callReviews } = tablesOf(db);
  const result = await db.delete(callReviews).where(and(eq(callReviews.id, id), eq(callReviews.repId, repId), eq(callReviews.status, 'requested')));
  return changedRows(result) > 0;
}
