/**
 * Statements of the CSV import. On SQLite, raw prepared SQL rather than the query builder: the activity
 * insert runs 100,000+ times a second and drizzle's per-call mapping would be most of its cost. Column
 * names follow `db/schema` (snake_case); instants are epoch milliseconds as `timestamp_ms` stores them.
 * Inserts that may meet an existing row look for it first rather than `on conflict do nothing`, which
 * would use up an AUTOINCREMENT id per skipped row: re-importing a file must change nothing. (A
 * failed insert uses none: ids are only taken by rows that stay.)
 *
 * On PostgreSQL the same functions run the shared query builders (instants converted from and to epoch
 * milliseconds), and activities are written in batches (one `unnest` insert per batch, see `activityInserter`).
 * Every function must be given the import transaction's handle (`inImportTransaction` passes it).
 */
import type Database from 'better-sqlite3';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TRole } from '../../src/domain/types';
import { type TDb, tablesOf, writeTransaction } from '../client';
import { epochMs, first, rawRows, rawRun } from '../query';

export type TImportPerson = {
  id: number;
  slackUserId: string;
  name: string;
  email: string | null;
  role: TRole;
  managerId: number | null;
  tz: string;
  quota: number | null;
};

export type TImportDeal = {
  id: number;
  externalId: string;
  repId: number;
  name: string;
  nameKey: string;
  amountCents: number | null;
  stage: string;
  furthestStage: string;
  outcome: 'open' | 'won' | 'lost';
  createdAt: number;
  closedAt: number | null;
};

export type TDealValues = Omit<TImportDeal, 'id'> & { workspaceId: string };
export type TPersonValues = Omit<TImportPerson, 'id' | 'managerId'> & { workspaceId: string; createdAt: number };


type TStatements = Awaited<ReturnType<typeof prepare>>;
const cache = new WeakMap<Database.Database, TStatements>();

function prepare(sqlite: Database.Database) {
  return {
    workspace: sqlite.prepare('select 1 from workspaces where id = ?').pluck(),
    people: sqlite.prepare(
      `select id, slack_user_id as slackUserId, name, email, role, manager_id as managerId, tz, quota
       from people where workspace_id = ?`,
    ),
    insertPerson: sqlite.prepare(
      `insert into people (workspace_id, slack_user_id, name, email, role, tz, quota, created_at)
       values (@workspaceId, @slackUserId, @name, @email, @role, @tz, @quota, @createdAt)`,
    ),
    updatePerson: sqlite.prepare('update people set name = @name, email = @email, role = @role, tz = @tz, quota = @quota where id = @id'),
    setManager: sqlite.prepare('update people set manager_id = ? where id = ?'),
    ensureTeam: sqlite.prepare(
      `insert into teams (workspace_id, manager_id, name, created_at)
       select @workspaceId, @managerId, @name, @now where not exists (select 1 from teams where manager_id = @managerId)`,
    ),
    deals: sqlite.prepare(
      `select id, external_id as externalId, rep_id as repId, name, name_key as nameKey, amount_cents as amountCents,
         stage, furthest_stage as furthestStage, outcome, created_at as createdAt, closed_at as closedAt
       from deals where workspace_id = ?`,
    ),
    insertDeal: sqlite.prepare(
      `insert into deals (workspace_id, rep_id, external_id, name, name_key, amount_cents, stage, furthest_stage, outcome, created_at, closed_at)
       values (@workspaceId, @repId, @externalId, @name, @nameKey, @amountCents, @stage, @furthestStage, @outcome, @createdAt, @closedAt)`,
    ),
    updateDeal: sqlite.prepare(
      `update deals set rep_id = @repId, name = @name, name_key = @nameKey, amount_cents = @amountCents, stage = @stage,
         furthest_stage = @furthestStage, outcome = @outcome, created_at = @createdAt, closed_at = @closedAt
       where workspace_id = @workspaceId and external_id = @externalId`,
    ),
    dealIdByExternal: sqlite.prepare('select id from deals where workspace_id = ? and external_id = ?').pluck(),
    dropImportedHistory: sqlite.prepare('delete from deal_stage_history where deal_id = ? and log_entry_id is null'),
    insertHistory: sqlite.prepare('insert into deal_stage_history (deal_id, stage, entered_at, estimated) values (?, ?, ?, ?)'),
    importedHistory: sqlite.prepare(
      'select stage, entered_at as enteredAt, estimated from deal_stage_history where deal_id = ? and log_entry_id is null',
    ),
    stageAliases: sqlite.prepare('select key, aliases from stages where workspace_id = ? order by position').raw(),
    settings: sqlite.prepare('select settings from workspaces where id = ?').pluck(),
    dealRefs: sqlite.prepare('select external_id, id from deals where workspace_id = ?').raw(),
    insertActivity: sqlite.prepare(
      `insert into activities (workspace_id, rep_id, type, count, occurred_at, deal_id, stage, import_ref, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    importedActivity: sqlite.prepare('select 1 from activities where workspace_id = ? and import_ref = ?').pluck(),
    anyImportedActivity: sqlite.prepare('select 1 from activities where workspace_id = ? and import_ref is not null limit 1').pluck(),
  };
}

/** The prepared statements of SQLite's fast path (only ever called with a SQLite handle). */
function statements(db: TDb): TStatements {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = prepare(db.$client)));
  return s;
}

class Rollback extends Error {}

/**
 * Runs `fn` in one write transaction, taken at once so that no other writer interleaves (on PostgreSQL a
 * SERIALIZABLE one, run again after a serialization failure). When `fn` returns undefined (the file had a bad
 * row) everything it wrote is rolled back. `fn` must do all its reads and writes with the handle it is given.
 */
export async function inImportTransaction<T>(db: TDb, fn: (tx: TDb) => Promise<T | undefined> | T | undefined): Promise<T | undefined> {
  const sqlite = db.$engine === 'sqlite' ? db.$client : undefined;
  // A large file inserts into the import-ref index in random order: with SQLite's default 2 MB page cache
  // most inserts evict a page (spilled to the WAL mid-transaction). An upper bound, used only as pages are.
  const cacheSize = sqlite ? (sqlite.pragma('cache_size', { simple: true }) as number) : 0;
  if (sqlite && !sqlite.inTransaction) sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return await writeTransaction(db, async (tx) => {
      const out = await fn(tx);
      if (out === undefined) throw new Rollback();
      return out;
    });
  } catch (error) {
    if (error instanceof Rollback) return undefined;
    throw error;
  } finally {
    if (sqlite && !sqlite.inTransaction) sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

/** The page cache of an import, in KiB as SQLite's negative `cache_size` takes it: 256 MiB. */
const IMPORT_CACHE_KIB = -262_144;

export async function workspaceExists(db: TDb, workspaceId: string): Promise<boolean> {
  if (db.$engine === 'sqlite') return statements(db).workspace.get(workspaceId) !== undefined;
  const { workspaces } = tablesOf(db);
  return (await first(db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1))) !== undefined;
}

export async function loadPeopleForImport(db: TDb, workspaceId: string): Promise<TImportPerson[]> {
  if (db.$engine === 'sqlite') return statements(db).people.all(workspaceId) as TImportPerson[];
  const { people } = tablesOf(db);
  return db
    .select({
      id: people.id,
      slackUserId: people.slackUserId,
      name: people.name,
      email: people.email,
      role: people.role,
      managerId: people.managerId,
      tz: people.tz,
      quota: people.quota,
    })
    .from(people)
    .where(eq(people.workspaceId, workspaceId))
    .orderBy(asc(people.id));
}

/** Inserts a person (without a manager: managers are set once everyone in the file has an id). */
export async function insertPerson(db: TDb, values: TPersonValues): Promise<number> {
  if (db.$engine === 'sqlite') return Number(statements(db).insertPerson.run(values).lastInsertRowid);
  const { people } = tablesOf(db);
  const [row] = await db
    .insert(people)
    .values({ ...values, createdAt: new Date(values.createdAt) })
    .returning({ id: people.id });
  return row!.id;
}

export async function updatePerson(db: TDb, id: number, values: Omit<TPersonValues, 'workspaceId' | 'slackUserId' | 'createdAt'>): Promise<void> {
  if (db.$engine === 'sqlite') {
    statements(db).updatePerson.run({ ...values, id });
    return;
  }
  const { people } = tablesOf(db);
  await db
    .update(people)
    .set({ name: values.name, email: values.email, role: values.role, tz: values.tz, quota: values.quota })
    .where(eq(people.id, id));
}

export async function setPersonManager(db: TDb, personId: number, managerId: number | null): Promise<void> {
  if (db.$engine === 'sqlite') {
    statements(db).setManager.run(managerId, personId);
    return;
  }
  const { people } = tablesOf(db);
  await db.update(people).set({ managerId }).where(eq(people.id, personId));
}

/** The team row of a manager (see `promoteToManager`); an existing one is kept as it is. */
export async function ensureTeam(db: TDb, workspaceId: string, managerId: number, name: string, now: number): Promise<void> {
  if (db.$engine === 'sqlite') {
    statements(db).ensureTeam.run({ workspaceId, managerId, name, now });
    return;
  }
  const { teams } = tablesOf(db);
  // Looked for first, as on SQLite, so a kept team uses up no id.
  if (await first(db.select({ id: teams.id }).from(teams).where(eq(teams.managerId, managerId)).limit(1))) return;
  await db.insert(teams).values({ workspaceId, managerId, name, createdAt: new Date(now) }).onConflictDoNothing({ target: teams.managerId });
}

export async function loadDealsForImport(db: TDb, workspaceId: string): Promise<TImportDeal[]> {
  if (db.$engine === 'sqlite') return statements(db).deals.all(workspaceId) as TImportDeal[];
  const { deals } = tablesOf(db);
  return db
    .select({
      id: deals.id,
      externalId: sql<string>`${deals.externalId}`,
      repId: deals.repId,
      name: deals.name,
      nameKey: deals.nameKey,
      amountCents: deals.amountCents,
      stage: deals.stage,
      furthestStage: deals.furthestStage,
      outcome: deals.outcome,
      createdAt: sql<number>`${epochMs(db, deals.createdAt)}`,
      closedAt: sql<number | null>`${epochMs(db, deals.closedAt)}`,
    })
    .from(deals)
    .where(eq(deals.workspaceId, workspaceId))
    .orderBy(asc(deals.id));
}

/** A stage a deal entered and when; `estimated`: the day is not known (`enteredAt` stands in for it). */
export type THistoryRow = { stage: string; enteredAt: number; estimated: boolean };

/**
 * Inserts or updates a deal. `replace`: its imported history (rows with no log entry) becomes `history`;
 * `append`: `history` is added to what is there (a later export recording a move).
 */
export async function saveImportedDeal(db: TDb, values: TDealValues, isNew: boolean, history: readonly THistoryRow[], mode: 'replace' | 'append'): Promise<void> {
  if (db.$engine === 'sqlite') {
    const s = statements(db);
    let dealId: number;
    if (isNew) {
      dealId = Number(s.insertDeal.run(values).lastInsertRowid);
    } else {
      s.updateDeal.run(values);
      dealId = s.dealIdByExternal.get(values.workspaceId, values.externalId) as number;
      if (mode === 'replace') s.dropImportedHistory.run(dealId);
    }
    for (const h of history) s.insertHistory.run(dealId, h.stage, h.enteredAt, h.estimated ? 1 : 0);
    return;
  }
  const { deals, dealStageHistory } = tablesOf(db);
  const columns = {
    repId: values.repId,
    name: values.name,
    nameKey: values.nameKey,
    amountCents: values.amountCents,
    stage: values.stage,
    furthestStage: values.furthestStage,
    outcome: values.outcome,
    createdAt: new Date(values.createdAt),
    closedAt: values.closedAt === null ? null : new Date(values.closedAt),
  };
  let dealId: number;
  if (isNew) {
    const [row] = await db
      .insert(deals)
      .values({ workspaceId: values.workspaceId, externalId: values.externalId, ...columns })
      .returning({ id: deals.id });
    dealId = row!.id;
  } else {
    const [row] = await db
      .update(deals)
      .set(columns)
      .where(and(eq(deals.workspaceId, values.workspaceId), eq(deals.externalId, values.externalId)))
      .returning({ id: deals.id });
    dealId = row!.id;
    if (mode === 'replace') await db.delete(dealStageHistory).where(and(eq(dealStageHistory.dealId, dealId), isNull(dealStageHistory.logEntryId)));
  }
  if (history.length > 0) {
    await db
      .insert(dealStageHistory)
      .values(history.map((h) => ({ dealId, stage: h.stage, enteredAt: new Date(h.enteredAt), estimated: h.estimated })));
  }
}

/** A deal's imported stage history (rows with no log entry). */
export async function loadImportedHistory(db: TDb, dealId: number): Promise<THistoryRow[]> {
  if (db.$engine === 'sqlite') {
    const rows = statements(db).importedHistory.all(dealId) as { stage: string; enteredAt: number; estimated: number }[];
    return rows.map((r) => ({ stage: r.stage, enteredAt: r.enteredAt, estimated: r.estimated === 1 }));
  }
  const { dealStageHistory } = tablesOf(db);
  return db
    .select({ stage: dealStageHistory.stage, enteredAt: sql<number>`${epochMs(db, dealStageHistory.enteredAt)}`, estimated: dealStageHistory.estimated })
    .from(dealStageHistory)
    .where(and(eq(dealStageHistory.dealId, dealId), isNull(dealStageHistory.logEntryId)))
    .orderBy(asc(dealStageHistory.id));
}

/** Each stage's CRM names (`stages.aliases`) as stored: JSON text, validated by the caller. */
export async function loadStageAliases(db: TDb, workspaceId: string): Promise<[string, string][]> {
  if (db.$engine === 'sqlite') return statements(db).stageAliases.all(workspaceId) as [string, string][];
  const rows = await rawRows<{ key: string; aliases: string }>(
    db,
    sql`select key, aliases::text as aliases from stages where workspace_id = ${workspaceId} order by position`,
  );
  return rows.map((r) => [r.key, r.aliases]);
}

/** The workspace's settings JSON as stored, validated by the caller. */
export async function loadWorkspaceSettings(db: TDb, workspaceId: string): Promise<string | undefined> {
  if (db.$engine === 'sqlite') return statements(db).settings.get(workspaceId) as string | undefined;
  const [row] = await rawRows<{ settings: string }>(db, sql`select settings::text as settings from workspaces where id = ${workspaceId}`);
  return row?.settings;
}

/** Deal ids by external id (the CRM's `deal_id`), for activity rows that name a deal. */
export async function loadDealRefs(db: TDb, workspaceId: string): Promise<Map<string, number>> {
  if (db.$engine === 'sqlite') return new Map(statements(db).dealRefs.all(workspaceId) as [string, number][]);
  const { deals } = tablesOf(db);
  const rows = await db.select({ externalId: deals.externalId, id: deals.id }).from(deals).where(eq(deals.workspaceId, workspaceId));
  return new Map(rows.flatMap((r) => (r.externalId === null ? [] : [[r.externalId, r.id] as [string, number]])));
}

/** An imported activity, as the hot path passes it (positionally, without an object per row). */
export type TInsertActivity = (
  repId: number,
  type: string,
  count: number,
  occurredAt: number,
  dealId: number | null,
  stage: string | null,
  importRef: string,
) => boolean;

/**
 * The activity inserter of an import: `insert` for each row, then `flush()` (awaited) before anything reads the
 * activities back (SQLite writes each row at once and its `flush` does nothing; PostgreSQL writes the rows kept so
 * far in one statement).
 */
export type TActivityInserter = TInsertActivity & { flush(): Promise<void> };

/** True when some activity of the workspace came from an import (then a file's rows may be there already). */
export async function hasImportedActivities(db: TDb, workspaceId: string): Promise<boolean> {
  if (db.$engine === 'sqlite') return statements(db).anyImportedActivity.get(workspaceId) !== undefined;
  const { activities } = tablesOf(db);
  return (
    (await first(
      db
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.workspaceId, workspaceId), isNotNull(activities.importRef)))
        .limit(1),
    )) !== undefined
  );
}

export async function importedActivityExists(db: TDb, workspaceId: string, importRef: string): Promise<boolean> {
  if (db.$engine === 'sqlite') return statements(db).importedActivity.get(workspaceId, importRef) !== undefined;
  const { activities } = tablesOf(db);
  return (
    (await first(
      db
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.workspaceId, workspaceId), eq(activities.importRef, importRef)))
        .limit(1),
    )) !== undefined
  );
}

/** Which of `importRefs` the workspace's activities have already (one query on PostgreSQL, the prepared lookup on SQLite). */
export async function importedActivityRefs(db: TDb, workspaceId: string, importRefs: readonly string[]): Promise<Set<string>> {
  if (db.$engine === 'sqlite') {
    const lookup = statements(db).importedActivity;
    return new Set(importRefs.filter((ref) => lookup.get(workspaceId, ref) !== undefined));
  }
  if (importRefs.length === 0) return new Set();
  const rows = await rawRows<{ ref: string }>(
    db,
    sql`select import_ref as ref from activities where workspace_id = ${workspaceId} and import_ref = any(${sql.param([...importRefs])}::text[])`,
  );
  return new Set(rows.map((r) => r.ref));
}

/**
 * A function inserting one imported activity; it returns false, inserting nothing, when the `import_ref` is taken.
 * On PostgreSQL the rows are kept until `flush()` and written in one statement per batch; a ref counts as taken
 * when this inserter was given it already (the caller looks up refs stored before the import itself, see
 * `importedActivityExists`), and `on conflict do nothing` skips one another import stored meanwhile.
 */
export async function activityInserter(db: TDb, workspaceId: string, createdAt: number): Promise<TActivityInserter> {
  if (db.$engine === 'sqlite') {
    const insert = statements(db).insertActivity;
    const inserter: TInsertActivity = (repId, type, count, occurredAt, dealId, stage, importRef) => {
      try {
        insert.run(workspaceId, repId, type, count, occurredAt, dealId, stage, importRef, createdAt);
        return true;
      } catch (error) {
        // ABORT undoes this statement only; the import's transaction goes on.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
        throw error;
      }
    };
    return Object.assign(inserter, { flush: async () => undefined });
  }
  return postgresActivityInserter(db, workspaceId, createdAt);
}

/** Rows of one PostgreSQL insert: 9 parameters whatever the count (arrays), so only memory bounds it. */
const PG_ACTIVITY_BATCH = 20_000;

function postgresActivityInserter(db: TDb, workspaceId: string, createdAt: number): TActivityInserter {
  const taken = new Set<string>();
  let batch = emptyBatch();
  const created = new Date(createdAt).toISOString();
  let written: Promise<void> = Promise.resolve();

  const write = async (rows: TActivityBatch): Promise<void> => {
    if (rows.ref.length === 0) return;
    await rawRun(
      db,
      sql`insert into activities (workspace_id, rep_id, type, count, occurred_at, deal_id, stage, import_ref, created_at)
          select ${workspaceId}, u.rep_id, u.type, u.count, u.occurred_at, u.deal_id, u.stage, u.import_ref, ${created}::timestamptz
          from unnest(${sql.param(rows.repId)}::int[], ${sql.param(rows.type)}::text[], ${sql.param(rows.count)}::int[],
                      ${sql.param(rows.occurredAt)}::timestamptz[], ${sql.param(rows.dealId)}::int[], ${sql.param(rows.stage)}::text[],
                      ${sql.param(rows.ref)}::text[])
            as u(rep_id, type, count, occurred_at, deal_id, stage, import_ref)
          on conflict (workspace_id, import_ref) do nothing`,
    );
  };
  const flush = async (): Promise<void> => {
    const rows = batch;
    batch = emptyBatch();
    // Batches already handed over are written in order; a failed one fails this flush (and so the import).
    written = written.then(() => write(rows));
    await written;
  };
  const insert: TInsertActivity = (repId, type, count, occurredAt, dealId, stage, importRef) => {
    if (taken.has(importRef)) return false;
    taken.add(importRef);
    batch.repId.push(repId);
    batch.type.push(type);
    batch.count.push(count);
    batch.occurredAt.push(new Date(occurredAt).toISOString());
    batch.dealId.push(dealId);
    batch.stage.push(stage);
    batch.ref.push(importRef);
    if (batch.ref.length >= PG_ACTIVITY_BATCH) {
      const rows = batch;
      batch = emptyBatch();
      written = written.then(() => write(rows));
      // Seen by the next flush(); kept from being reported as unhandled meanwhile.
      written.catch(() => undefined);
    }
    return true;
  };
  return Object.assign(insert, { flush });
}

type TActivityBatch = {
  repId: number[];
  type: string[];
  count: number[];
  occurredAt: string[];
  dealId: (number | null)[];
  stage: (string | null)[];
  ref: string[];
};

function emptyBatch(): TActivityBatch {
  return { repId: [], type: [], count: [], occurredAt: [], dealId: [], stage: [], ref: [] };
}
