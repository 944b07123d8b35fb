import { and, eq } from 'drizzle-orm';
import type { TDb } from '../client';
import { teamRequests } from '../schema/index';

export type TTeamRequestRow = typeof teamRequests.$inferSelect;
export type TTeamRequestStatus = TTeamRequestRow['status'];

/** A new pending "join my team?" request. */
export async function insertTeamRequest(
  db: TDb,
  values: { workspaceId: string; managerId: number; repId: number; requestedById: number },
  now: Date,
): Promise<TTeamRequestRow> {
  return db.insert(teamRequests).values({ ...values, status: 'pending', createdAt: now }).returning().get();
}

/** The pending request of a manager for a rep, if any (there is at most one). */
export async function findPendingTeamRequest(db: TDb, managerId: number, repId: number): Promise<TTeamRequestRow | undefined> {
  return db
    .select()
    .from(teamRequests)
    .where(and(eq(teamRequests.managerId, managerId), eq(teamRequests.repId, repId), eq(teamRequests.status, 'pending')))
    .get();
}

export async function findTeamRequestById(db: TDb, id: number): Promise<TTeamRequestRow | undefined> {
  return db.select().from(teamRequests).where(eq(teamRequests.id, id)).get();
}

/** Closes a request that is still pending; false when it was already closed (a second click, a race). */
export async function closeTeamRequest(db: TDb, id: number, status: Exclude<TTeamRequestStatus, 'pending'>, at: Date): Promise<boolean> {
  const result = db
    .update(teamRequests)
    .set({ status, answeredAt: at })
    .where(and(eq(teamRequests.id, id), eq(teamRequests.status, 'pending')))
    .run();
  return result.changes > 0;
}
