import { and, eq } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { changedRows, first } from '../query';
import type { teamRequests } from '../schema/index';

export type TTeamRequestRow = typeof teamRequests.$inferSelect;
export type TTeamRequestStatus = TTeamRequestRow['status'];

/*
 * Team membership changes run inside `writeTransaction` (SERIALIZABLE on PostgreSQL): every function here uses
 * only the handle it is given, which is then the transaction's.
 */

/** A new pending "join my team?" request. */
export async function insertTeamRequest(
  db: TDb,
  values: { workspaceId: string; managerId: number; repId: number; requestedById: number },
  now: Date,
): Promise<TTeamRequestRow> {
  const { teamRequests } = tablesOf(db);
  return (await db.insert(teamRequests).values({ ...values, status: 'pending', createdAt: now }).returning())[0]!;
}

/** The pending request of a manager for a rep, if any (there is at most one). */
export async function findPendingTeamRequest(db: TDb, managerId: number, repId: number): Promise<TTeamRequestRow | undefined> {
  const { teamRequests } = tablesOf(db);
  return first(
    db
      .select()
      .from(teamRequests)
      .where(and(eq(teamRequests.managerId, managerId), eq(teamRequests.repId, repId), eq(teamRequests.status, 'pending')))
      .limit(1),
  );
}

export async function findTeamRequestById(db: TDb, id: number): Promise<TTeamRequestRow | undefined> {
  const { teamRequests } = tablesOf(db);
  return first(db.select().from(teamRequests).where(eq(teamRequests.id, id)).limit(1));
}

/** Closes a request that is still pending; false when it was already closed (a second click, a race). */
export async function closeTeamRequest(db: TDb, id: number, status: Exclude<TTeamRequestStatus, 'pending'>, at: Date): Promise<boolean> {
  const { teamRequests } = tablesOf(db);
  const result = await db
    .update(teamRequests)
    .set({ status, answeredAt: at })
    .where(and(eq(teamRequests.id, id), eq(teamRequests.status, 'pending')));
  return changedRows(result) > 0;
}
