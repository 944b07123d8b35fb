/**
 * Statements of the CSV import. Raw prepared SQL rather than the query builder: the activity insert
 * runs 100,000+ times a second and drizzle's per-call mapping would be most of its cost. Column
 * names follow `db/schema` (snake_case); instants are epoch milliseconds as `timestamp_ms` stores them.
 * Inserts that may meet an existing row look for it first rather than `on conflict do nothing`, which
 * would use up an AUTOINCREMENT id per skipped row: re-importing a file must change nothing. (A
 * failed insert uses none: ids are only taken by rows that stay.)
 */
import type Database from 'better-sqlite3';
import type { TRole } from '../../src/domain/types';
import { type TDb, writeTransaction } from '../client';

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

function statements(db: TDb): TStatements {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = prepare(db.$client)));
  return s;
}

class Rollback extends Error {}

/**
 * Runs `fn` in one write transaction, taken at once so that no other writer interleaves. When `fn`
 * returns undefined (the file had a bad row) everything it wrote is rolled back.
 */
export async function inImportTransaction<T>(db: TDb, fn: () => Promise<T | undefined> | T | undefined): Promise<T | undefined> {
  const sqlite = db.$client;
  // A large file inserts into the import-ref index in random order: with SQLite's default 2 MB page cache
  // most inserts evict a page (spilled to the WAL mid-transaction). An upper bound, used only as pages are.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  if (!sqlite.inTransaction) sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return await writeTransaction(db, async () => {
      const out = await fn();
      if (out === undefined) throw new Rollback();
      return out;
    });
  } catch (error) {
    if (error instanceof Rollback) return undefined;
    throw error;
  } finally {
    if (!sqlite.inTransaction) sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

/** The page cache of an import, in KiB as SQLite's negative `cache_size` takes it: 256 MiB. */
const IMPORT_CACHE_KIB = -262_144;

export async function workspaceExists(db: TDb, workspaceId: string): Promise<boolean> {
  return statements(db).workspace.get(workspaceId) !== undefined;
}

export async function loadPeopleForImport(db: TDb, workspaceId: string): Promise<TImportPerson[]> {
  return statements(db).people.all(workspaceId) as TImportPerson[];
}

/** Inserts a person (without a manager: managers are set once everyone in the file has an id). */
export async function insertPerson(db: TDb, values: TPersonValues): Promise<number> {
  return Number(statements(db).insertPerson.run(values).lastInsertRowid);
}

export async function updatePerson(db: TDb, id: number, values: Omit<TPersonValues, 'workspaceId' | 'slackUserId' | 'createdAt'>): Promise<void> {
  statements(db).updatePerson.run({ ...values, id });
}

export async function setPersonManager(db: TDb, personId: number, managerId: number | null): Promise<void> {
  statements(db).setManager.run(managerId, personId);
}

/** The team row of a manager (see `promoteToManager`); an existing one is kept as it is. */
export async function ensureTeam(db: TDb, workspaceId: string, managerId: number, name: string, now: number): Promise<void> {
  statements(db).ensureTeam.run({ workspaceId, managerId, name, now });
}

export async function loadDealsForImport(db: TDb, workspaceId: string): Promise<TImportDeal[]> {
  return statements(db).deals.all(workspaceId) as TImportDeal[];
}

/** A stage a deal entered and when; `estimated`: the day is not known (`enteredAt` stands in for it). */
export type THistoryRow = { stage: string; enteredAt: number; estimated: boolean };

/**
 * Inserts or updates a deal. `replace`: its imported history (rows with no log entry) becomes `history`;
 * `append`: `history` is added to what is there (a later export recording a move).
 */
export async function saveImportedDeal(db: TDb, values: TDealValues, isNew: boolean, history: readonly THistoryRow[], mode: 'replace' | 'append'): Promise<void> {
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
}

/** A deal's imported stage history (rows with no log entry). */
export async function loadImportedHistory(db: TDb, dealId: number): Promise<THistoryRow[]> {
  const rows = statements(db).importedHistory.all(dealId) as { stage: string; enteredAt: number; estimated: number }[];
  return rows.map((r) => ({ stage: r.stage, enteredAt: r.enteredAt, estimated: r.estimated === 1 }));
}

/** Each stage's CRM names (`stages.aliases`) as stored: JSON text, validated by the caller. */
export async function loadStageAliases(db: TDb, workspaceId: string): Promise<[string, string][]> {
  return statements(db).stageAliases.all(workspaceId) as [string, string][];
}

/** The workspace's settings JSON as stored, validated by the caller. */
export async function loadWorkspaceSettings(db: TDb, workspaceId: string): Promise<string | undefined> {
  return statements(db).settings.get(workspaceId) as string | undefined;
}

/** Deal ids by external id (the CRM's `deal_id`), for activity rows that name a deal. */
export async function loadDealRefs(db: TDb, workspaceId: string): Promise<Map<string, number>> {
  return new Map(statements(db).dealRefs.all(workspaceId) as [string, number][]);
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

/** True when some activity of the workspace came from an import (then a file's rows may be there already). */
export async function hasImportedActivities(db: TDb, workspaceId: string): Promise<boolean> {
  return statements(db).anyImportedActivity.get(workspaceId) !== undefined;
}

export async function importedActivityExists(db: TDb, workspaceId: string, importRef: string): Promise<boolean> {
  return statements(db).importedActivity.get(workspaceId, importRef) !== undefined;
}

/** A function inserting one imported activity; it returns false, inserting nothing, when the `import_ref` is taken. */
export async function activityInserter(db: TDb, workspaceId: string, createdAt: number): Promise<TInsertActivity> {
  const insert = statements(db).insertActivity;
  return (repId, type, count, occurredAt, dealId, stage, importRef) => {
    try {
      insert.run(workspaceId, repId, type, count, occurredAt, dealId, stage, importRef, createdAt);
      return true;
    } catch (error) {
      // ABORT undoes this statement only; the import's transaction goes on.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  };
}

