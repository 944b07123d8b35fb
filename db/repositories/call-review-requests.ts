import { and, eq, gte, isNull, or } from 'drizzle-orm';
import type { TDb } from '../client';
import { callReviews, people } from '../schema/index';
import type { TCallReviewRow } from './call-reviews';

/*
 * Creating reviews and requests once: a review form Slack submits twice is stored once (`submission_ref`), and a
 * rep's requests are open only until they expire or are taken back.
 */

type TSharedFields = Pick<TCallReviewRow, 'reviewerId' | 'url' | 'dealId' | 'callStage' | 'wentWell' | 'oneThing' | 'oneThingStage' | 'exemplarId' | 'sharedAt'>;

/** The review shared from this Slack form, if it was (a repeated submission). */
export async function findReviewBySubmission(db: TDb, workspaceId: string, submissionRef: string): Promise<TCallReviewRow | undefined> {
  return db
    .select()
    .from(callReviews)
    .where(and(eq(callReviews.workspaceId, workspaceId), eq(callReviews.submissionRef, submissionRef)))
    .get();
}

/** Stores a shared review; undefined when this form's review is stored already (its `submission_ref` is taken). */
export async function insertSharedReviewOnce(db: TDb, row: TSharedFields & { workspaceId: string; repId: number; submissionRef: string | null }): Promise<TCallReviewRow | undefined> {
  return db
    .insert(callReviews)
    .values({ ...row, status: 'shared' })
    .onConflictDoNothing()
    .returning()
    .get();
}

/** Turns a rep's open request into the review answering it, from this form; false when it was no longer a request. */
export async function answerRequestOnce(db: TDb, id: number, review: TSharedFields & { submissionRef: string | null }): Promise<boolean> {
  return (
    db
      .update(callReviews)
      .set({ ...review, status: 'shared' })
      .where(and(eq(callReviews.id, id), eq(callReviews.status, 'requested')))
      .run().changes > 0
  );
}

/** Requested at or after `since` (a request without a date counts from when it was stored). */
const liveSince = (since: Date) =>
  or(gte(callReviews.requestedAt, since), and(isNull(callReviews.requestedAt), gte(callReviews.createdAt, since)));

/** A rep's open requests made since `since` (the older ones expired), oldest first. */
export async function listLiveRequests(db: TDb, repId: number, since: Date): Promise<TCallReviewRow[]> {
  return db
    .select()
    .from(callReviews)
    .where(and(eq(callReviews.repId, repId), eq(callReviews.status, 'requested'), liveSince(since)))
    .orderBy(callReviews.requestedAt, callReviews.id)
    .all();
}

/** The open requests of a manager's reps made since `since`, oldest first, with each rep's name and Slack id. */
export async function listTeamRequests(db: TDb, managerId: number, since: Date, limit: number): Promise<(TCallReviewRow & { repName: string; repSlackUserId: string })[]> {
  return db
    .select({ review: callReviews, repName: people.name, repSlackUserId: people.slackUserId })
    .from(callReviews)
    .innerJoin(people, eq(people.id, callReviews.repId))
    .where(and(eq(people.managerId, managerId), eq(people.isDeleted, false), eq(callReviews.status, 'requested'), liveSince(since)))
    .orderBy(callReviews.requestedAt, callReviews.id)
    .limit(limit)
    .all()
    .map((r) => ({ ...r.review, repName: r.repName, repSlackUserId: r.repSlackUserId }));
}

/** Takes back one of the rep's open requests; false when it was answered, taken back already, or not theirs. */
export async function deleteOpenRequest(db: TDb, repId: number, id: number): Promise<boolean> {
  return db.delete(callReviews).where(and(eq(callReviews.id, id), eq(callReviews.repId, repId), eq(callReviews.status, 'requested'))).run().changes > 0;
}
