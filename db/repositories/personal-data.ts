import { and, asc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { type TDb, tablesOf } from '../client';
import { byEngine, first, rawRows } from '../query';
import type { TPersonRow } from './people';
import { listReviewComments, listReviewsAbout } from './call-reviews';

/*
 * A person's rows for SPEC §2 Privacy: read them all (export), count them (what forgetting would delete), and
 * erase them (forget). Subqueries rather than id lists, so a person with 100k activities needs no giant IN (…).
 */

const oneOnOnesOf = (db: TDb, personId: number) => {
  const { oneOnOnes } = tablesOf(db);
  return or(eq(oneOnOnes.managerId, personId), eq(oneOnOnes.repId, personId));
};
const oneOnOneIdsOf = (db: TDb, personId: number) => {
  const { oneOnOnes } = tablesOf(db);
  return db.select({ id: oneOnOnes.id }).from(oneOnOnes).where(oneOnOnesOf(db, personId));
};
const meetingIdsOf = (db: TDb, personId: number) => {
  const { meetings } = tablesOf(db);
  return db.select({ id: meetings.id }).from(meetings).where(inArray(meetings.oneOnOneId, oneOnOneIdsOf(db, personId)));
};
const dealIdsOf = (db: TDb, personId: number) => {
  const { deals } = tablesOf(db);
  return db.select({ id: deals.id }).from(deals).where(eq(deals.repId, personId));
};
const reviewIdsOf = (db: TDb, personId: number) => {
  const { callReviews } = tablesOf(db);
  return db.select({ id: callReviews.id }).from(callReviews).where(eq(callReviews.repId, personId));
};
/** Comments forgetting the person deletes: theirs anywhere, and everyone's in the threads of reviews about them. */
const reviewCommentsOf = (db: TDb, personId: number) => {
  const { callReviewComments } = tablesOf(db);
  return or(eq(callReviewComments.authorId, personId), inArray(callReviewComments.reviewId, reviewIdsOf(db, personId)));
};

/** Everything stored about or by the person, as rows (the service shapes them into the export). */
export async function readPersonalRows(db: TDb, person: TPersonRow) {
  const {
    actionItems, activities, activityTargets, agendaItems, callReviewComments, callReviews, dealNotes, dealQuestions, dealStageHistory, deals,
    deliveries, expectations, focusAreas, goals, logEntries, meetings, oneOnOnes, people, teamRequests, tierSnapshots,
  } = tablesOf(db);
  const p = person.id;
  const pairs = await db.select().from(oneOnOnes).where(oneOnOnesOf(db, p)).orderBy(asc(oneOnOnes.id));
  const others = await db.select({ id: people.id, slackUserId: people.slackUserId, name: people.name }).from(people)
    .where(or(
      inArray(people.id, db.select({ id: oneOnOnes.managerId }).from(oneOnOnes).where(eq(oneOnOnes.repId, p))),
      inArray(people.id, db.select({ id: oneOnOnes.repId }).from(oneOnOnes).where(eq(oneOnOnes.managerId, p))),
      inArray(people.id, db.select({ id: teamRequests.managerId }).from(teamRequests).where(eq(teamRequests.repId, p))),
      inArray(people.id, db.select({ id: teamRequests.repId }).from(teamRequests).where(eq(teamRequests.managerId, p))),
      inArray(people.id, db.select({ id: actionItems.ownerId }).from(actionItems).where(inArray(actionItems.meetingId, meetingIdsOf(db, p)))),
      person.managerId === null ? undefined : eq(people.id, person.managerId),
    ));
  return {
    others,
    logEntries: await db.select().from(logEntries).where(eq(logEntries.personId, p)).orderBy(asc(logEntries.id)),
    activities: await db.select().from(activities).where(eq(activities.repId, p)).orderBy(asc(activities.occurredAt), asc(activities.id)),
    deals: await db.select().from(deals).where(eq(deals.repId, p)).orderBy(asc(deals.createdAt), asc(deals.id)),
    stageHistory: await db.select().from(dealStageHistory).where(inArray(dealStageHistory.dealId, dealIdsOf(db, p))).orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id)),
    dealNotes: await db.select().from(dealNotes).where(eq(dealNotes.repId, p)).orderBy(asc(dealNotes.occurredAt)),
    dealQuestions: await db.select().from(dealQuestions).where(eq(dealQuestions.personId, p)).orderBy(asc(dealQuestions.id)),
    goals: await db.select().from(goals).where(eq(goals.personId, p)).orderBy(asc(goals.periodStart), asc(goals.id)),
    activityTargets: await db.select().from(activityTargets).where(eq(activityTargets.personId, p)).orderBy(asc(activityTargets.id)),
    tiers: await db.select().from(tierSnapshots).where(eq(tierSnapshots.personId, p)).orderBy(asc(tierSnapshots.computedAt)),
    expectations: await db.select().from(expectations).where(eq(expectations.personId, p)).orderBy(asc(expectations.computedAt), asc(expectations.id)),
    focusAreas: await db.select().from(focusAreas).where(eq(focusAreas.personId, p)).orderBy(asc(focusAreas.computedAt)),
    oneOnOnes: pairs,
    meetings: await db.select().from(meetings).where(inArray(meetings.oneOnOneId, oneOnOneIdsOf(db, p))).orderBy(asc(meetings.startsAt)),
    agendaItems: await db.select().from(agendaItems).where(eq(agendaItems.authorId, p)).orderBy(asc(agendaItems.id)),
    actionItems: await db.select().from(actionItems)
      .where(or(eq(actionItems.ownerId, p), inArray(actionItems.meetingId, meetingIdsOf(db, p))))
      .orderBy(asc(actionItems.id)),
    actionItemMeetings: await db.select({ id: meetings.id, startsAt: meetings.startsAt }).from(meetings)
      .where(inArray(meetings.id, db.select({ id: actionItems.meetingId }).from(actionItems).where(eq(actionItems.ownerId, p))))
      .orderBy(asc(meetings.id)),
    teamRequests: await db.select().from(teamRequests).where(or(eq(teamRequests.repId, p), eq(teamRequests.managerId, p))).orderBy(asc(teamRequests.id)),
    deliveries: await db.select().from(deliveries).where(eq(deliveries.recipientId, p)).orderBy(asc(deliveries.id)),
    // Reviews of their calls (and their requests), each with its whole thread: the thread is about their call.
    callReviews: await Promise.all((await listReviewsAbout(db, p)).map(async (review) => ({ review, thread: await listReviewComments(db, review.id) }))),
    // What they wrote in other people's review threads (the text only), and the reviews they wrote of others' calls.
    reviewCommentsWritten: await db.select({ text: callReviewComments.text, createdAt: callReviewComments.createdAt }).from(callReviewComments)
      .innerJoin(callReviews, eq(callReviews.id, callReviewComments.reviewId))
      .where(and(eq(callReviewComments.authorId, p), sql`${callReviews.repId} <> ${p}`))
      .orderBy(asc(callReviewComments.createdAt), asc(callReviewComments.id)),
    reviewsWritten: await db.select({ review: callReviews, repName: people.name }).from(callReviews)
      .innerJoin(people, eq(people.id, callReviews.repId))
      .where(and(eq(callReviews.reviewerId, p), sql`${callReviews.repId} <> ${p}`))
      .orderBy(asc(callReviews.sharedAt), asc(callReviews.id)),
  };
}

export type TPersonalRows = Awaited<ReturnType<typeof readPersonalRows>>;

const count = async (db: TDb, table: SQLiteTable, where: SQL | undefined): Promise<number> =>
  (await first(db.select({ n: sql<number>`count(*)` }).from(table).where(where)))?.n ?? 0;

/** How many rows of each kind forgetting the person deletes, and who is on the other side of their 1:1s and team. */
export async function countPersonalRows(db: TDb, person: TPersonRow) {
  const {
    actionItems, activities, activityTargets, agendaItems, callReviewComments, callReviews, dealNotes, deals, deliveries, expectations, focusAreas,
    goals, logEntries, meetings, teamRequests, tierSnapshots,
  } = tablesOf(db);
  const p = person.id;
  return {
    logEntries: await count(db, logEntries, eq(logEntries.personId, p)),
    activities: await count(db, activities, eq(activities.repId, p)),
    deals: await count(db, deals, eq(deals.repId, p)),
    dealNotes: await count(db, dealNotes, eq(dealNotes.repId, p)),
    goals: await count(db, goals, eq(goals.personId, p)),
    activityTargets: await count(db, activityTargets, eq(activityTargets.personId, p)),
    coachingSnapshots:
      (await count(db, tierSnapshots, eq(tierSnapshots.personId, p))) +
      (await count(db, expectations, eq(expectations.personId, p))) +
      (await count(db, focusAreas, eq(focusAreas.personId, p))),
    meetings: await count(db, meetings, inArray(meetings.oneOnOneId, oneOnOneIdsOf(db, p))),
    agendaItems: await count(db, agendaItems, or(eq(agendaItems.authorId, p), inArray(agendaItems.oneOnOneId, oneOnOneIdsOf(db, p)))),
    actionItems: await count(db, actionItems, or(eq(actionItems.ownerId, p), inArray(actionItems.meetingId, meetingIdsOf(db, p)))),
    deliveries: await count(db, deliveries, eq(deliveries.recipientId, p)),
    teamRequests: await count(db, teamRequests, or(eq(teamRequests.repId, p), eq(teamRequests.managerId, p))),
    callReviews: await count(db, callReviews, eq(callReviews.repId, p)),
    reviewComments: await count(db, callReviewComments, reviewCommentsOf(db, p)),
  };
}

export type TPersonalCounts = Awaited<ReturnType<typeof countPersonalRows>>;

/** The people on the other side of the person's 1:1s (active ones), their manager, and the reps who report to them. */
export async function listCounterparts(db: TDb, person: TPersonRow) {
  const { oneOnOnes, people } = tablesOf(db);
  const p = person.id;
  const pairs = await db.select().from(oneOnOnes).where(and(oneOnOnesOf(db, p), sql`${oneOnOnes.cancelledAt} is null`));
  const oneOnOneWith = new Set(pairs.map((o) => (o.managerId === p ? o.repId : o.managerId)));
  const rows = await db.select().from(people)
    .where(or(
      inArray(people.id, [...oneOnOneWith]),
      eq(people.managerId, p),
      person.managerId === null ? undefined : eq(people.id, person.managerId),
    ))
    .orderBy(asc(people.name), asc(people.id));
  return rows.map((row) => ({ row, isTheirManager: row.id === person.managerId, reportsToThem: row.managerId === p, hasOneOnOne: oneOnOneWith.has(row.id) }));
}

/**
 * Erases the person: their row and, through the schema's ON DELETE CASCADE, every row that is theirs or about
 * them (activities, log entries, deals with their history, notes and questions, goals, targets, coaching
 * snapshots, 1:1s with their meetings — private notes included — agenda and action items, deliveries, team and
 * team requests, reviews of their calls with their threads, comments they wrote in any review thread). What refers
 * to them from other people's rows is anonymised by ON DELETE SET NULL (a rep's manager, who proposed or agreed a
 * goal, who added an exemplar, who acted in the audit log, who reviewed a rep's call: the review stays the rep's). Rows about them
 * that no foreign key ties to them are deleted here first: deliveries to others about their 1:1s (briefs,
 * agenda reminders, action-item nudges) and audit lines naming their Slack id. Call inside a transaction.
 */
export async function erasePersonRows(db: TDb, person: TPersonRow): Promise<void> {
  const { actionItems, auditEvents, deliveries, people } = tablesOf(db);
  // Without enforced foreign keys the cascade would silently leave everything behind (SQLite's are off unless asked
  // for; PostgreSQL always enforces them). (A transaction's `tx` has no $client: ask through drizzle.)
  if (db.$engine === 'sqlite') {
    const [fk] = await rawRows<{ foreign_keys: number }>(db, sql`pragma foreign_keys`);
    if (fk?.foreign_keys !== 1) throw new Error('erasePersonRows needs PRAGMA foreign_keys = ON');
  }
  const p = person.id;
  await db.delete(deliveries)
    .where(and(inArray(deliveries.kind, ['brief', 'agenda_reminder']), inArray(deliveries.subjectId, meetingIdsOf(db, p))));
  await db.delete(deliveries)
    .where(and(
      eq(deliveries.kind, 'nudge'),
      like(deliveries.periodKey, 'nudge:action_item_due:%'),
      inArray(deliveries.subjectId, db.select({ id: actionItems.id }).from(actionItems).where(inArray(actionItems.meetingId, meetingIdsOf(db, p)))),
    ));
  // Audit lines about them: their Slack id as the subject, or anywhere in the details (`<@U…>`, a list of ids).
  // LIKE narrows (case-insensitive on SQLite, not on PostgreSQL); the case-sensitive pattern below decides.
  const mentions = new RegExp(`(?<![A-Z0-9])${person.slackUserId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Z0-9])`);
  const pattern = `%${person.slackUserId.replace(/[%_\\]/g, '\\$&')}%`;
  const detailsText = byEngine(db, { sqlite: sql`${auditEvents.details}`, postgres: sql`${auditEvents.details}::text` });
  const candidates = await db.select({ id: auditEvents.id, subject: auditEvents.subject, details: auditEvents.details }).from(auditEvents)
    .where(and(
      eq(auditEvents.workspaceId, person.workspaceId),
      or(sql`${auditEvents.subject} like ${pattern} escape '\\'`, sql`${detailsText} like ${pattern} escape '\\'`),
    ));
  const aboutThem = candidates
    .filter((row) => mentions.test(row.subject ?? '') || mentions.test(JSON.stringify(row.details)))
    .map((row) => row.id);
  for (let i = 0; i < aboutThem.length; i += 500) await db.delete(auditEvents).where(inArray(auditEvents.id, aboutThem.slice(i, i + 500)));
  await db.delete(people).where(eq(people.id, p));
}

/** People of the workspace with this e-mail address (case-insensitive). */
export async function findPeopleByEmail(db: TDb, workspaceId: string, email: string): Promise<TPersonRow[]> {
  const { people } = tablesOf(db);
  return db.select().from(people)
    .where(and(eq(people.workspaceId, workspaceId), sql`lower(${people.email}) = ${email.toLowerCase()}`))
    .orderBy(asc(people.id));
}
