import { and, desc, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { exemplars } from '../schema/index';
import type { TExemplar } from './exemplars';

/*
 * What the call-review form reads besides the reviews themselves: the workspace's library of recordings to
 * compare with.
 */

/** The workspace's recordings, every stage, newest first (the review form's "compare with" options). */
export function listWorkspaceExemplars(db: TDb, workspaceId: string, limit: number): TExemplar[] {
  return db
    .select({ id: exemplars.id, stage: exemplars.stage, title: exemplars.title, url: exemplars.url })
    .from(exemplars)
    .where(eq(exemplars.workspaceId, workspaceId))
    .orderBy(desc(exemplars.id))
    .limit(limit)
    .all();
}

/** One of the workspace's recordings, if it is there (a submitted form's choice, checked). */
export function findWorkspaceExemplar(db: TDb, workspaceId: string, id: number): TExemplar | undefined {
  return db
    .select({ id: exemplars.id, stage: exemplars.stage, title: exemplars.title, url: exemplars.url })
    .from(exemplars)
    .where(and(eq(exemplars.workspaceId, workspaceId), eq(exemplars.id, id)))
    .get();
}
