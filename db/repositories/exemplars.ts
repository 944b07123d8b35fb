import { and, desc, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { exemplars } from '../schema/index';

export type TExemplar = { id: number; stage: string; title: string; url: string };

export function insertExemplar(db: TDb, values: { workspaceId: string; stage: string; title: string; url: string; addedById: number }): TExemplar {
  return db.insert(exemplars).values(values).returning({ id: exemplars.id, stage: exemplars.stage, title: exemplars.title, url: exemplars.url }).get();
}

/** The team library for one stage, newest first. */
export function listExemplars(db: TDb, workspaceId: string, stage: string, limit = 5): TExemplar[] {
  return db
    .select({ id: exemplars.id, stage: exemplars.stage, title: exemplars.title, url: exemplars.url })
    .from(exemplars)
    .where(and(eq(exemplars.workspaceId, workspaceId), eq(exemplars.stage, stage)))
    .orderBy(desc(exemplars.id))
    .limit(limit)
    .all();
}
