import { and, eq } from 'drizzle-orm';
import { tablesOf, type TDb } from '../client';
import { changedRows, first } from '../query';
import type { dealQuestions } from '../schema/index';

export type TDealQuestionRecord = typeof dealQuestions.$inferSelect;
export type TNewDealQuestion = typeof dealQuestions.$inferInsert;

export async function insertDealQuestion(db: TDb, row: TNewDealQuestion): Promise<TDealQuestionRecord> {
  const { dealQuestions } = tablesOf(db);
  return (await db.insert(dealQuestions).values(row).returning())[0]!;
}

export async function findDealQuestion(db: TDb, workspaceId: string, id: number): Promise<TDealQuestionRecord | undefined> {
  const { dealQuestions } = tablesOf(db);
  return first(
    db
      .select()
      .from(dealQuestions)
      .where(and(eq(dealQuestions.workspaceId, workspaceId), eq(dealQuestions.id, id)))
      .limit(1),
  );
}

/** Closes a question; false when it was no longer open (answered twice, or from an older version). */
export async function closeDealQuestion(db: TDb, id: number, status: 'answered' | 'dismissed', at: Date): Promise<boolean> {
  const { dealQuestions } = tablesOf(db);
  return (
    changedRows(
      await db
        .update(dealQuestions)
        .set({ status, answeredAt: at })
        .where(and(eq(dealQuestions.id, id), eq(dealQuestions.status, 'open'))),
    ) > 0
  );
}

/** An edited message asks afresh: its earlier questions go, and their buttons become "from an earlier version". */
export async function deleteDealQuestionsOfLogEntry(db: TDb, logEntryId: number): Promise<void> {
  const { dealQuestions } = tablesOf(db);
  await db.delete(dealQuestions).where(eq(dealQuestions.logEntryId, logEntryId));
}

export async function setDealQuestionActivities(db: TDb, id: number, activityIds: readonly number[]): Promise<void> {
  const { dealQuestions } = tablesOf(db);
  await db.update(dealQuestions).set({ activityIds: [...activityIds] }).where(eq(dealQuestions.id, id));
}
