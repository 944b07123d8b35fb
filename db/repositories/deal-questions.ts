import { and, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { dealQuestions } from '../schema/index';

export type TDealQuestionRecord = typeof dealQuestions.$inferSelect;
export type TNewDealQuestion = typeof dealQuestions.$inferInsert;

export function insertDealQuestion(db: TDb, row: TNewDealQuestion): TDealQuestionRecord {
  return db.insert(dealQuestions).values(row).returning().get();
}

export function findDealQuestion(db: TDb, workspaceId: string, id: number): TDealQuestionRecord | undefined {
  return db
    .select()
    .from(dealQuestions)
    .where(and(eq(dealQuestions.workspaceId, workspaceId), eq(dealQuestions.id, id)))
    .get();
}

/** Closes a question; false when it was no longer open (answered twice, or from an older version). */
export function closeDealQuestion(db: TDb, id: number, status: 'answered' | 'dismissed', at: Date): boolean {
  return (
    db
      .update(dealQuestions)
      .set({ status, answeredAt: at })
      .where(and(eq(dealQuestions.id, id), eq(dealQuestions.status, 'open')))
      .run().changes > 0
  );
}

/** An edited message asks afresh: its earlier questions go, and their buttons become "from an earlier version". */
export function deleteDealQuestionsOfLogEntry(db: TDb, logEntryId: number): void {
  db.delete(dealQuestions).where(eq(dealQuestions.logEntryId, logEntryId)).run();
}

export function setDealQuestionActivities(db: TDb, id: number, activityIds: readonly number[]): void {
  db.update(dealQuestions).set({ activityIds: [...activityIds] }).where(eq(dealQuestions.id, id)).run();
}
