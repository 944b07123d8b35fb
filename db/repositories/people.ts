import { and, asc, eq, type Placeholder, sql } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { decodeRows, preparedFor } from '../prepared';
import { changedRows, first } from '../query';
import type { people } from '../schema/index';

export type TPersonRow = typeof people.$inferSelect;

/*
 * Membership changes (`setManager`, `promoteToManager`, `demoteToRep`, team requests) run inside `writeTransaction`
 * (SERIALIZABLE on PostgreSQL): every function here uses only the handle it is given, which is then the
 * transaction's. The reads on hot paths are memoised prepared statements on SQLite; on PostgreSQL the same builders
 * run as they are (parameters a placeholder in the one, values in the other).
 */

const personBySlackIdQuery = (db: TDb, workspaceId: string | Placeholder, slackUserId: string | Placeholder) => {
  const { people } = tablesOf(db);
  return db
    .select()
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.slackUserId, slackUserId)))
    .limit(1);
};
const personBySlackId = preparedFor((db) => personBySlackIdQuery(db, sql.placeholder('workspaceId'), sql.placeholder('slackUserId')).prepare());

export async function findPersonBySlackId(db: TDb, workspaceId: string, slackUserId: string): Promise<TPersonRow | undefined> {
  if (db.$engine === 'sqlite') return personBySlackId(db).get({ workspaceId, slackUserId });
  return first(personBySlackIdQuery(db, workspaceId, slackUserId));
}

const personByIdQuery = (db: TDb, id: number | Placeholder) => {
  const { people } = tablesOf(db);
  return db.select().from(people).where(eq(people.id, id)).limit(1);
};
// Prepared: every `/stats` answer starts here (building the query cost more than running it).
const personById = preparedFor((db) => personByIdQuery(db, sql.placeholder('id')).prepare());

export async function findPersonById(db: TDb, id: number): Promise<TPersonRow | undefined> {
  if (db.$engine === 'sqlite') return personById(db).get({ id });
  return first(personByIdQuery(db, id));
}

/** A Slack status: emoji (`:palm_tree:`), text, and when Slack clears it (null: it stays until changed). */
export type TSlackStatus = { emoji: string; text: string; expiresAt: Date | null };

/** A Slack profile; `status` only when the source knows it (an import does not), so it is never blanked by one. */
export type TProfile = { name: string; email: string | null; tz: string; isAdmin: boolean; isBot: boolean; isDeleted: boolean; status?: TSlackStatus };

/** Inserts or refreshes a person's Slack profile; the role given in Canopy is left as it is. */
export async function upsertProfile(db: TDb, workspaceId: string, slackUserId: string, profile: TProfile, now: Date): Promise<TPersonRow> {
  const { people } = tablesOf(db);
  const values = {
    workspaceId,
    slackUserId,
    name: profile.name,
    email: profile.email,
    tz: profile.tz,
    isBot: profile.isBot,
    isDeleted: profile.isDeleted,
    slackAdmin: profile.isAdmin,
    ...(profile.status ? statusColumns(profile.status) : {}),
    profileRefreshedAt: now,
  };
  const { workspaceId: _w, slackUserId: _s, ...update } = values;
  const rows = await db
    .insert(people)
    .values(values)
    .onConflictDoUpdate({ target: [people.workspaceId, people.slackUserId], set: update })
    .returning();
  return rows[0]!;
}

/** The people who report to a manager (deactivated accounts and bots left out), by name. */
export async function listReports(db: TDb, managerId: number): Promise<TPersonRow[]> {
  const { people } = tablesOf(db);
  return db
    .select()
    .from(people)
    .where(and(eq(people.managerId, managerId), eq(people.isDeleted, false), eq(people.isBot, false)))
    .orderBy(asc(people.name), asc(people.id));
}

export async function setManager(db: TDb, personId: number, managerId: number | null): Promise<void> {
  const { people } = tablesOf(db);
  await db.update(people).set({ managerId }).where(eq(people.id, personId));
}

/** How many people report to a manager (deactivated accounts and bots left out). */
export async function countReports(db: TDb, managerId: number): Promise<number> {
  return (await listReports(db, managerId)).length;
}

/** A manager with nobody left to manage is a rep again; an admin (role `admin`) is never changed here. */
export async function demoteToRep(db: TDb, personId: number): Promise<void> {
  const { people } = tablesOf(db);
  await db.update(people).set({ role: 'rep' }).where(and(eq(people.id, personId), eq(people.role, 'manager')));
}

/** Makes a person a manager (admins stay admins) and gives them a team row for team-level settings. */
export async function promoteToManager(db: TDb, person: TPersonRow): Promise<void> {
  const { people, teams } = tablesOf(db);
  if (person.role === 'rep') await db.update(people).set({ role: 'manager' }).where(eq(people.id, person.id));
  await db
    .insert(teams)
    .values({ workspaceId: person.workspaceId, managerId: person.id, name: `${person.name || 'Team'}'s team` })
    .onConflictDoNothing({ target: teams.managerId });
}

/** Replaces a person's stored preferences JSON (build it with `mergePreferences` so unknown keys survive). */
export async function setPreferences(db: TDb, personId: number, preferences: Record<string, unknown>): Promise<void> {
  const { people } = tablesOf(db);
  await db.update(people).set({ preferences }).where(eq(people.id, personId));
}

/** Stores a known person's Slack status; returns whether such a person exists (nobody is created from a status). */
export async function setSlackStatus(db: TDb, workspaceId: string, slackUserId: string, status: TSlackStatus): Promise<boolean> {
  const { people } = tablesOf(db);
  const updated = await db
    .update(people)
    .set(statusColumns(status))
    .where(and(eq(people.workspaceId, workspaceId), eq(people.slackUserId, slackUserId)));
  return changedRows(updated) > 0;
}

/** Updates a person Canopy already knows (never creates one); false when they are unknown or nothing changed. */
export async function updateKnownPerson(db: TDb, workspaceId: string, slackUserId: string, change: { tz?: string; isDeleted?: boolean }): Promise<boolean> {
  if (change.tz === undefined && change.isDeleted === undefined) return false;
  const { people } = tablesOf(db);
  const updated = await db
    .update(people)
    .set(change)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.slackUserId, slackUserId)));
  return changedRows(updated) > 0;
}

function statusColumns(status: TSlackStatus) {
  return { statusEmoji: status.emoji, statusText: status.text, statusExpiresAt: status.expiresAt };
}

const peopleOfWorkspaceQuery = (db: TDb, workspaceId: string | Placeholder) => {
  const { people } = tablesOf(db);
  return db.select().from(people).where(eq(people.workspaceId, workspaceId)).orderBy(asc(people.id));
};
const peopleOfWorkspace = preparedFor((db) => peopleOfWorkspaceQuery(db, sql.placeholder('workspaceId')).prepare());

/** Everyone of a workspace (bots and deactivated accounts included), in one read: the planner looks at each. */
export async function listWorkspacePeople(db: TDb, workspaceId: string): Promise<TPersonRow[]> {
  if (db.$engine === 'sqlite') return decodeRows<TPersonRow>(tablesOf(db).people, peopleOfWorkspace(db).values({ workspaceId }) as unknown[][]);
  return peopleOfWorkspaceQuery(db, workspaceId);
}

/** Sets the role given in Canopy (`/coach setup`'s admins); the Slack admin flag is Slack's and stays. */
export async function setRole(db: TDb, personId: number, role: TPersonRow['role']): Promise<void> {
  const { people } = tablesOf(db);
  await db.update(people).set({ role }).where(eq(people.id, personId));
}
