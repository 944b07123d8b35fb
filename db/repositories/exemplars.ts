import { and, desc, eq } from 'drizzle-orm';
import { tablesOf, type TDb } from '../client';
import { first } from '../query';

export type TExemplar = { id: number; stage: string; title: string; url: string };

const columnsOf = (db: TDb) => {
  const { exemplars } = tablesOf(db);
  return { id: exemplars.id, stage: exemplars.stage, title: exemplars.title, url: exemplars.url };
};

export async function insertExemplar(db: TDb, values: { workspaceId: string; stage: string; title: string; url: string; addedById: number }): Promise<TExemplar> {
  const { exemplars } = tablesOf(db);
  return (await db.insert(exemplars).values(values).returning(columnsOf(db)))[0]!;
}

/** The team library for one stage, newest first. */
export async function listExemplars(db: TDb, workspaceId: string, stage: string, limit = 5): Promise<TExemplar[]> {
  const { exemplars } = tablesOf(db);
  return db
    .select(columnsOf(db))
    .from(exemplars)
    .where(and(eq(exemplars.workspaceId, workspaceId), eq(exemplars.stage, stage)))
    .orderBy(desc(exemplars.id))
    .limit(limit);
}

/** The workspace's recordings, every stage, newest first (the review form's "compare with" options). */
export async function listWorkspaceExemplars(db: TDb, workspaceId: string, limit: number): Promise<TExemplar[]> {
  const { exemplars } = tablesOf(db);
  return db.select(columnsOf(db)).from(exemplars).where(eq(exemplars.workspaceId, workspaceId)).orderBy(desc(exemplars.id)).limit(limit);
}

/** One of the workspace's recordings, if it is there (a submitted review form's choice, checked). */
export async function findWorkspaceExemplar(db: TDb, workspaceId: string, id: number): Promise<TExemplar | undefined> {
  const { exemplars } = tablesOf(db);
  return first(db.select(columnsOf(db)).from(exemplars).where(and(eq(exemplars.workspaceId, workspaceId), eq(exemplars.id, id))).limit(1));
}
