import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type TDb, tablesOf } from '../client';
import { decodeRows, preparedFor } from '../prepared';
import { changedRows, first } from '../query';
import type { actionItems, agendaItems, meetings, oneOnOnes } from '../schema/index';

export type TOneOnOneRow = typeof oneOnOnes.$inferSelect;
export type TMeetingRow = typeof meetings.$inferSelect;
export type TAgendaItemRow = typeof agendaItems.$inferSelect;
export type TActionItemRow = typeof actionItems.$inferSelect;

export type TOneOnOneValues = Pick<TOneOnOneRow, 'workspaceId' | 'managerId' | 'repId' | 'cadence' | 'weekday' | 'localTime' | 'tz' | 'anchorDate'>;

/**
 * Creates the manager–rep 1:1 or replaces its schedule (a cancelled one comes back to life). `createdAt` is
 * reset too: the planner never plans occurrences from before a schedule was (re)made.
 */
export async function upsertOneOnOne(db: TDb, values: TOneOnOneValues, now: Date): Promise<{ row: TOneOnOneRow; previous: TOneOnOneRow | undefined }> {
  const { oneOnOnes } = tablesOf(db);
  const previous = await findOneOnOne(db, values.managerId, values.repId, { includeCancelled: true });
  // A new time on the same day keeps a biweekly 1:1 on its weeks. (A monthly anchor says which week of the
  // month, so the service chooses it; a weekly one only says where the series starts.)
  const sameWeeks = previous && !previous.cancelledAt && values.cadence === 'biweekly' && previous.cadence === values.cadence && previous.weekday === values.weekday;
  const set = { ...values, anchorDate: sameWeeks ? previous.anchorDate : values.anchorDate, cancelledAt: null, createdAt: now };
  const [row] = await db
    .insert(oneOnOnes)
    .values(set)
    // one_on_ones_pair_uq: (manager_id, rep_id).
    .onConflictDoUpdate({ target: [oneOnOnes.managerId, oneOnOnes.repId], set })
    .returning();
  return { row: row!, previous: previous?.cancelledAt ? undefined : previous };
}

export async function cancelOneOnOne(db: TDb, id: number, at: Date): Promise<void> {
  const { oneOnOnes } = tablesOf(db);
  await db.update(oneOnOnes).set({ cancelledAt: at }).where(eq(oneOnOnes.id, id));
}

export async function findOneOnOne(db: TDb, managerId: number, repId: number, options: { includeCancelled?: boolean } = {}): Promise<TOneOnOneRow | undefined> {
  const { oneOnOnes } = tablesOf(db);
  const pair = and(eq(oneOnOnes.managerId, managerId), eq(oneOnOnes.repId, repId));
  return first(
    db
      .select()
      .from(oneOnOnes)
      .where(options.includeCancelled ? pair : and(pair, isNull(oneOnOnes.cancelledAt)))
      .limit(1),
  );
}

export async function findOneOnOneById(db: TDb, id: number): Promise<TOneOnOneRow | undefined> {
  const { oneOnOnes } = tablesOf(db);
  return first(db.select().from(oneOnOnes).where(eq(oneOnOnes.id, id)).limit(1));
}

/** Active 1:1s where the person is the manager or the rep. */
export async function listOneOnOnesOf(db: TDb, personId: number): Promise<TOneOnOneRow[]> {
  const { oneOnOnes } = tablesOf(db);
  return db
    .select()
    .from(oneOnOnes)
    .where(and(isNull(oneOnOnes.cancelledAt), or(eq(oneOnOnes.managerId, personId), eq(oneOnOnes.repId, personId))))
    .orderBy(asc(oneOnOnes.id));
}

/** Every active 1:1 of a workspace, for the planner. */
export async function listActiveOneOnOnes(db: TDb, workspaceId: string): Promise<TOneOnOneRow[]> {
  // No index leads with one_on_ones.workspace_id: reached through the workspace's people (their index) and the
  // pair index (manager_id, rep_id), the planner's per-workspace read stays a seek instead of a scan of every
  // workspace's 1:1s. A 1:1's manager is a person of its workspace.
  // SQLite: prepared once per handle (the planner reads every workspace's 1:1s on every run), rows decoded by hand.
  if (db.$engine === 'sqlite') {
    return decodeRows<TOneOnOneRow>(tablesOf(db).oneOnOnes, activeOneOnOnes(db).values({ workspaceId }) as unknown[][]);
  }
  return activeOneOnOnesQuery(db, workspaceId);
}

function activeOneOnOnesQuery(db: TDb, workspaceId: unknown) {
  const { oneOnOnes, people } = tablesOf(db);
  const workspacePeople = db.select({ id: people.id }).from(people).where(eq(people.workspaceId, workspaceId as string));
  return db
    .select()
    .from(oneOnOnes)
    .where(and(inArray(oneOnOnes.managerId, workspacePeople), eq(oneOnOnes.workspaceId, workspaceId as string), isNull(oneOnOnes.cancelledAt)))
    .orderBy(asc(oneOnOnes.id));
}

const activeOneOnOnes = preparedFor((db) => activeOneOnOnesQuery(db, sql.placeholder('workspaceId')).prepare());

/** The row of one occurrence, created on first need (planning its brief, logging its notes). */
export async function ensureMeeting(db: TDb, oneOnOneId: number, startsAt: Date): Promise<TMeetingRow> {
  if (db.$engine === 'sqlite') {
    insertMeetingIfAbsent(db).run({ oneOnOneId, startsAt });
    // A placeholder in a where clause is bound as given (no column encoding): the instant as stored, epoch ms.
    return meetingAt(db).get({ oneOnOneId, startsAt: startsAt.getTime() })!;
  }
  const { meetings } = tablesOf(db);
  // meetings_occurrence_uq: (one_on_one_id, starts_at).
  await db.insert(meetings).values({ oneOnOneId, startsAt }).onConflictDoNothing({ target: [meetings.oneOnOneId, meetings.startsAt] });
  return (await findMeetingAt(db, oneOnOneId, startsAt))!;
}

/**
 * PostgreSQL: `ensureMeeting` for many occurrences in two statements (the planner's run); the meeting ids by
 * `oneOnOneId|startsAt ms`. Created in the order given, as one call each would.
 */
export async function ensureMeetings(db: TDb, occurrences: readonly { oneOnOneId: number; startsAt: Date }[]): Promise<Map<string, number>> {
  if (occurrences.length === 0) return new Map();
  const ids = sql.param(occurrences.map((o) => o.oneOnOneId));
  const starts = sql.param(occurrences.map((o) => o.startsAt.toISOString()));
  const execute = (q: ReturnType<typeof sql>) => (db as unknown as { execute(q: unknown): Promise<{ rows: { id: number; one_on_one_id: number; starts_at: number }[] }> }).execute(q);
  await execute(sql`insert into meetings (one_on_one_id, starts_at)
     select o.one_on_one_id, o.starts_at from unnest(${ids}::int[], ${starts}::timestamptz[]) with ordinality as o(one_on_one_id, starts_at, ord)
     order by o.ord on conflict (one_on_one_id, starts_at) do nothing`);
  const { rows } = await execute(sql`select m.id, m.one_on_one_id, (extract(epoch from m.starts_at) * 1000)::float8 as starts_at
     from unnest(${ids}::int[], ${starts}::timestamptz[]) as o(one_on_one_id, starts_at)
     join meetings m on m.one_on_one_id = o.one_on_one_id and m.starts_at = o.starts_at`);
  return new Map(rows.map((r) => [`${r.one_on_one_id}|${Number(r.starts_at)}`, r.id]));
}

// SQLite: prepared once per handle (the planner calls ensureMeeting for every brief and reminder it records, inside its transaction).
const insertMeetingIfAbsent = preparedFor((db) => {
  const { meetings } = tablesOf(db);
  return db
    .insert(meetings)
    .values({ oneOnOneId: sql.placeholder('oneOnOneId'), startsAt: sql.placeholder('startsAt') })
    .onConflictDoNothing({ target: [meetings.oneOnOneId, meetings.startsAt] })
    .prepare();
});
const meetingAt = preparedFor((db) => {
  const { meetings } = tablesOf(db);
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.oneOnOneId, sql.placeholder('oneOnOneId')), eq(meetings.startsAt, sql.placeholder('startsAt'))))
    .prepare();
});

/** The row of one occurrence, if it was ever created. */
export async function findMeetingAt(db: TDb, oneOnOneId: number, startsAt: Date): Promise<TMeetingRow | undefined> {
  const { meetings } = tablesOf(db);
  return first(
    db
      .select()
      .from(meetings)
      .where(and(eq(meetings.oneOnOneId, oneOnOneId), eq(meetings.startsAt, startsAt)))
      .limit(1),
  );
}

export async function findMeetingById(db: TDb, id: number): Promise<TMeetingRow | undefined> {
  const { meetings } = tablesOf(db);
  return first(db.select().from(meetings).where(eq(meetings.id, id)).limit(1));
}

/** The latest meeting of a 1:1 that started before `before` and has notes or action items, if any. */
export async function findLastHeldMeeting(db: TDb, oneOnOneId: number, before: Date): Promise<TMeetingRow | undefined> {
  const { meetings } = tablesOf(db);
  return first(
    db
      .select()
      .from(meetings)
      .where(and(eq(meetings.oneOnOneId, oneOnOneId), lt(meetings.startsAt, before)))
      .orderBy(desc(meetings.startsAt))
      .limit(1),
  );
}

export async function saveMeetingNotes(db: TDb, meetingId: number, notes: string | null, at: Date): Promise<void> {
  const { meetings } = tablesOf(db);
  await db.update(meetings).set({ notes, notesLoggedAt: at }).where(eq(meetings.id, meetingId));
}

export async function insertAgendaItem(db: TDb, values: { oneOnOneId: number; authorId: number; text: string }, at: Date): Promise<TAgendaItemRow> {
  const { agendaItems } = tablesOf(db);
  const [row] = await db
    .insert(agendaItems)
    .values({ ...values, createdAt: at })
    .returning();
  return row!;
}

/**
 * The agenda of a coming meeting: items attached to it, plus unattached items added since the previous
 * occurrence started (older unattached items were on the previous meeting's agenda).
 */
export async function listAgendaFor(db: TDb, oneOnOneId: number, options: { meetingId?: number; since: Date | null }): Promise<TAgendaItemRow[]> {
  const { agendaItems } = tablesOf(db);
  const unattached = options.since ? and(isNull(agendaItems.meetingId), gte(agendaItems.createdAt, options.since)) : isNull(agendaItems.meetingId);
  const scope = options.meetingId === undefined ? unattached : or(eq(agendaItems.meetingId, options.meetingId), unattached);
  return db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.oneOnOneId, oneOnOneId), scope))
    .orderBy(asc(agendaItems.createdAt), asc(agendaItems.id));
}

/** Files the unattached agenda items added before `before` under the meeting that discussed them. */
export async function attachAgendaItems(db: TDb, oneOnOneId: number, meetingId: number, before: Date): Promise<void> {
  const { agendaItems } = tablesOf(db);
  await db
    .update(agendaItems)
    .set({ meetingId })
    .where(and(eq(agendaItems.oneOnOneId, oneOnOneId), isNull(agendaItems.meetingId), lt(agendaItems.createdAt, before)));
}

export async function insertActionItems(
  db: TDb,
  meetingId: number,
  items: readonly { ownerId: number; text: string; dueDate: string | null }[],
  at: Date,
): Promise<TActionItemRow[]> {
  if (items.length === 0) return [];
  const { actionItems } = tablesOf(db);
  return db
    .insert(actionItems)
    .values(items.map((item) => ({ ...item, meetingId, createdAt: at })))
    .returning();
}

export type TActionItemWithMeeting = TActionItemRow & { meetingStartsAt: Date; oneOnOneId: number };

const actionItemColumns = (db: TDb) => {
  const { actionItems, meetings } = tablesOf(db);
  return {
    id: actionItems.id,
    meetingId: actionItems.meetingId,
    ownerId: actionItems.ownerId,
    text: actionItems.text,
    dueDate: actionItems.dueDate,
    doneAt: actionItems.doneAt,
    createdAt: actionItems.createdAt,
    meetingStartsAt: meetings.startsAt,
    oneOnOneId: meetings.oneOnOneId,
  };
};

/**
 * What a brief reports on: every item of the last meeting before `before` (done or not), plus any still-open
 * item from earlier meetings, oldest meeting first.
 */
export async function listActionItemsForBrief(db: TDb, oneOnOneId: number, before: Date): Promise<TActionItemWithMeeting[]> {
  const { actionItems, meetings } = tablesOf(db);
  const last = await first(
    db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(actionItems, eq(actionItems.meetingId, meetings.id))
      .where(and(eq(meetings.oneOnOneId, oneOnOneId), lt(meetings.startsAt, before)))
      .orderBy(desc(meetings.startsAt))
      .limit(1),
  );
  const scope = last ? or(eq(actionItems.meetingId, last.id), isNull(actionItems.doneAt)) : isNull(actionItems.doneAt);
  return db
    .select(actionItemColumns(db))
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(meetings.oneOnOneId, oneOnOneId), lt(meetings.startsAt, before), scope))
    .orderBy(asc(meetings.startsAt), asc(actionItems.id));
}

/** Open action items of one or more 1:1s (both owners), oldest first. */
export async function listOpenActionItems(db: TDb, oneOnOneIds: readonly number[]): Promise<TActionItemWithMeeting[]> {
  if (oneOnOneIds.length === 0) return [];
  const { actionItems, meetings } = tablesOf(db);
  return db
    .select(actionItemColumns(db))
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(inArray(meetings.oneOnOneId, [...oneOnOneIds]), isNull(actionItems.doneAt)))
    .orderBy(asc(meetings.startsAt), asc(actionItems.id));
}

export async function listActionItemsOfMeeting(db: TDb, meetingId: number): Promise<TActionItemRow[]> {
  const { actionItems } = tablesOf(db);
  return db.select().from(actionItems).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.id));
}

export async function findActionItem(db: TDb, id: number): Promise<TActionItemWithMeeting | undefined> {
  const { actionItems, meetings } = tablesOf(db);
  return first(
    db
      .select(actionItemColumns(db))
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .where(eq(actionItems.id, id))
      .limit(1),
  );
}

/** Marks an item done (or open again); returns false when it was already in that state. */
export async function setActionItemDone(db: TDb, id: number, doneAt: Date | null): Promise<boolean> {
  const { actionItems } = tablesOf(db);
  const result = await db
    .update(actionItems)
    .set({ doneAt })
    .where(and(eq(actionItems.id, id), doneAt ? isNull(actionItems.doneAt) : undefined));
  return changedRows(result) > 0;
}
