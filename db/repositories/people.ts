import { and, asc, eq, sql } from 'drizzle-orm';
import type { TDb } from '../client';
import { decodeRows, preparedFor } from '../prepared';
import { people, teams } from '../schema/index';

export type TPersonRow = typeof people.$inferSelect;

const personBySlackId = preparedFor((db) =>
  db
    .select()
    .from(people)
    .where(and(eq(people.workspaceId, sql.placeholder('workspaceId')), eq(people.slackUserId, sql.placeholder('slackUserId'))))
    .prepare(),
);

export async function findPersonBySlackId(db: TDb, workspaceId: string, slackUserId: string): Promise<TPersonRow | undefined> {
  return personBySlackId(db).get({ workspaceId, slackUserId });
}

// Prepared: every `/stats` answer starts here (building the query cost more than running it).
const personById = preparedFor((db) => db.select().from(people).where(eq(people.id, sql.placeholder('id'))).prepare());

export async function findPersonById(db: TDb, id: number): Promise<TPersonRow | undefined> {
  return personById(db).get({ id });
}

/** A Slack status: emoji (`:palm_tree:`), text, and when Slack clears it (null: it stays until changed). */
export type TSlackStatus = { emoji: string; text: string; expiresAt: Date | null };

/** A Slack profile; `status` only when the source knows it (an import does not), so it is never blanked by one. */
export type TProfile = { name: string; email: string | null; tz: string; isAdmin: boolean; isBot: boolean; isDeleted: boolean; status?: TSlackStatus };

/** Inserts or refreshes a person's Slack profile; the role given in Canopy is left as it is. */
export async function upsertProfile(db: TDb, workspaceId: string, slackUserId: string, profile: TProfile, now: Date): Promise<TPersonRow> {
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
  const row = db
    .insert(people)
    .values(values)
    .onConflictDoUpdate({ target: [people.workspaceId, people.slackUserId], set: update })
    .returning()
    .get();
  return row;
}

/** The people who report to a manager (deactivated accounts and bots left out), by name. */
export async function listReports(db: TDb, managerId: number): Promise<TPersonRow[]> {
  return db
    .select()
    .from(people)
    .where(and(eq(people.managerId, managerId), eq(people.isDeleted, false), eq(people.isBot, false)))
    .orderBy(asc(people.name))
    .all();
}

export async function setManager(db: TDb, personId: number, managerId: number | null): Promise<void> {
  db.update(people).set({ managerId }).where(eq(people.id, personId)).run();
}

/** How many people report to a manager (deactivated accounts and bots left out). */
export async function countReports(db: TDb, managerId: number): Promise<number> {
  return (await listReports(db, managerId)).length;
}

/** A manager with nobody left to manage is a rep again; an admin (role `admin`) is never changed here. */
export async function demoteToRep(db: TDb, personId: number): Promise<void> {
  db.update(people).set({ role: 'rep' }).where(and(eq(people.id, personId), eq(people.role, 'manager'))).run();
}

/** Makes a person a manager (admins stay admins) and gives them a team row for team-level settings. */
export async function promoteToManager(db: TDb, person: TPersonRow): Promise<void> {
  if (person.role === 'rep') db.update(people).set({ role: 'manager' }).where(eq(people.id, person.id)).run();
  db.insert(teams)
    .values({ workspaceId: person.workspaceId, managerId: person.id, name: `${person.name || 'Team'}'s team` })
    .onConflictDoNothing()
    .run();
}

/** Replaces a person's stored preferences JSON (build it with `mergePreferences` so unknown keys survive). */
export async function setPreferences(db: TDb, personId: number, preferences: Record<string, unknown>): Promise<void> {
  db.update(people).set({ preferences }).where(eq(people.id, personId)).run();
}

/** Stores a known person's Slack status; returns whether such a person exists (nobody is created from a status). */
export async function setSlackStatus(db: TDb, workspaceId: string, slackUserId: string, status: TSlackStatus): Promise<boolean> {
  const updated = db
    .update(people)
    .set(statusColumns(status))
    .where(and(eq(people.workspaceId, workspaceId), eq(people.slackUserId, slackUserId)))
    .run();
  return updated.changes > 0;
}

/** Updates a person Canopy already knows (never creates one); false when they are unknown or nothing changed. */
export async function updateKnownPerson(db: TDb, workspaceId: string, slackUserId: string, change: { tz?: string; isDeleted?: boolean }): Promise<boolean> {
  if (change.tz === undefined && change.isDeleted === undefined) return false;
  const updated = db
    .update(people)
    .set(change)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.slackUserId, slackUserId)))
    .run();
  return updated.changes > 0;
}

function statusColumns(status: TSlackStatus) {
  return { statusEmoji: status.emoji, statusText: status.text, statusExpiresAt: status.expiresAt };
}

const peopleOfWorkspace = preparedFor((db) =>
  db.select().from(people).where(eq(people.workspaceId, sql.placeholder('workspaceId'))).orderBy(asc(people.id)).prepare(),
);

/** Everyone of a workspace (bots and deactivated accounts included), in one read: the planner looks at each. */
export async function listWorkspacePeople(db: TDb, workspaceId: string): Promise<TPersonRow[]> {
  return decodeRows<TPersonRow>(people, peopleOfWorkspace(db).values({ workspaceId }) as unknown[][]);
}

/** Sets the role given in Canopy (`/coach setup`'s admins); the Slack admin flag is Slack's and stays. */
export async function setRole(db: TDb, personId: number, role: TPersonRow['role']): Promise<void> {
  db.update(people).set({ role }).where(eq(people.id, personId)).run();
}
