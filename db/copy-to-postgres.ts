import { asc, getTableColumns, getTableName, gt, is, sql, Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { TDb } from './client';
import { postgresPool } from './postgres';
import * as pgSchema from './schema-pg/index';
import * as sqliteSchema from './schema/index';

/*
 * Moves a SQLite database to PostgreSQL: every table, every row, ids kept. Rows are read through the SQLite
 * schema (so a stored epoch-ms instant becomes a Date, 0/1 a boolean, JSON text an object) and written through
 * the PostgreSQL one, in one transaction: a copy that fails half-way leaves the target empty. Tables go parents
 * first; a column pointing into its own table (a person's manager) is filled in a second pass, once every row it
 * may point at exists.
 */

export type TTableCopy = { table: string; rows: number };

type TPair = { name: string; key: string; sqlite: SQLiteTable; pg: PgTable };

/** The column's name in the database: the schema leaves most to the snake_case casing of the drizzle instance. */
const dbName = (column: PgColumn) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

/** The tables of both schemas, paired by export name, parents before the tables that reference them. */
export function tablesInCopyOrder(): TPair[] {
  const pairs: TPair[] = [];
  for (const [key, value] of Object.entries(sqliteSchema)) {
    if (!is(value, Table)) continue;
    const pg = (pgSchema as Record<string, unknown>)[key];
    if (!is(pg, Table)) throw new Error(`Table ${key} has no PostgreSQL twin in db/schema-pg`);
    pairs.push({ name: getTableName(value), key, sqlite: value as SQLiteTable, pg: pg as PgTable });
  }
  const parentsOf = new Map(pairs.map((p) => [p.name, new Set(sqliteTableConfig(p.sqlite).foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)).filter((t) => t !== p.name))]));
  const ordered: TPair[] = [];
  const placed = new Set<string>();
  while (ordered.length < pairs.length) {
    const next = pairs.filter((p) => !placed.has(p.name) && [...parentsOf.get(p.name)!].every((parent) => placed.has(parent)));
    if (next.length === 0) throw new Error('The schema has a foreign-key cycle between tables');
    for (const p of next.sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push(p);
      placed.add(p.name);
    }
  }
  return ordered;
}

/** Row counts of every table on either engine, by table name. */
export async function countRows(db: TDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const pair of tablesInCopyOrder()) {
    const table = db.$engine === 'postgres' ? pair.pg : pair.sqlite;
    const [row] = (await (db as unknown as { select: (f: object) => { from: (t: Table) => Promise<{ n: number }[]> } })
      .select({ n: sql<number>`count(*)` })
      .from(table)) as { n: number }[];
    counts.set(pair.name, Number(row?.n ?? 0));
  }
  return counts;
}

const BATCH_PARAMS = 30_000;

/**
 * Copies every row of `source` (SQLite) into `target` (PostgreSQL, migrated, empty). Refuses a target that holds
 * any row, so it never merges two databases. Returns the rows copied per table.
 */
export async function copySqliteToPostgres(source: TDb, target: TDb, onTable: (copy: TTableCopy) => void = () => {}): Promise<TTableCopy[]> {
  if (source.$engine !== 'sqlite' || target.$engine !== 'postgres') throw new Error('Copies from a SQLite database to a PostgreSQL one');
  const nonEmpty = [...(await countRows(target))].filter(([, n]) => n > 0);
  if (nonEmpty.length > 0) throw new Error(`The PostgreSQL database is not empty (${nonEmpty.map(([t, n]) => `${t}: ${n}`).join(', ')}); copy into a new, empty database`);
  const pool = postgresPool(target);
  const client = await pool.connect();
  const copied: TTableCopy[] = [];
  try {
    await client.query('begin');
    for (const pair of tablesInCopyOrder()) {
      const rows = copyTable(source, pair);
      const selfColumns = sqliteTableConfig(pair.sqlite)
        .foreignKeys.filter((fk) => getTableName(fk.reference().foreignTable) === pair.name)
        .flatMap((fk) => fk.reference().columns.map((c) => (c.keyAsName ? toSnakeCase(c.name) : c.name)));
      const pgColumns = getTableColumns(pair.pg);
      const keys = Object.keys(pgColumns);
      const perBatch = Math.max(1, Math.floor(BATCH_PARAMS / keys.length));
      const later: { id: unknown; values: Record<string, unknown> }[] = [];
      let count = 0;
      for (const batch of rows(perBatch)) {
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (const row of batch) {
          const placeholders: string[] = [];
          for (const key of keys) {
            const column = pgColumns[key]!;
            let value = row[key];
            if (selfColumns.includes(dbName(column)) && value !== null && value !== undefined) {
              later.push({ id: row.id, values: { [dbName(column)]: value } });
              value = null;
            }
            values.push(value === null || value === undefined ? null : column.mapToDriverValue(value));
            placeholders.push(`$${values.length}`);
          }
          tuples.push(`(${placeholders.join(', ')})`);
        }
        const columns = keys.map((key) => `"${dbName(pgColumns[key]!)}"`).join(', ');
        await client.query(`insert into "${pair.name}" (${columns}) overriding system value values ${tuples.join(', ')}`, values);
        count += batch.length;
      }
      for (const { id, values } of later) {
        for (const [column, value] of Object.entries(values)) await client.query(`update "${pair.name}" set "${column}" = $1 where id = $2`, [value, id]);
      }
      const identity = Object.values(pgColumns).find((c) => (c as unknown as { generatedIdentity?: unknown }).generatedIdentity);
      if (identity) {
        const column = dbName(identity);
        await client.query(`select setval(pg_get_serial_sequence('"${pair.name}"', '${column}'), coalesce((select max("${column}") from "${pair.name}"), 0) + 1, false)`);
      }
      copied.push({ table: pair.name, rows: count });
      onTable({ table: pair.name, rows: count });
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return copied;
}

/** The rows of one SQLite table in primary-key order, decoded by its columns, a batch at a time. */
function copyTable(source: TDb, pair: TPair) {
  const primary = sqliteTableConfig(pair.sqlite).columns.filter((c) => c.primary);
  const order = (primary.length > 0 ? primary : sqliteTableConfig(pair.sqlite).columns).map((c) => asc(c));
  const id = primary.length === 1 ? primary[0]! : undefined;
  return function* batches(size: number): Generator<Record<string, unknown>[]> {
    if (id) {
      // Keyset pages: an offset would make SQLite step over every earlier row again, page after page.
      for (let after: unknown = null; ; ) {
        const batch = source
          .select()
          .from(pair.sqlite)
          .where(after === null ? undefined : gt(id, after))
          .orderBy(asc(id))
          .limit(size)
          .all() as Record<string, unknown>[];
        if (batch.length === 0) return;
        yield batch;
        if (batch.length < size) return;
        after = batch[batch.length - 1]![Object.entries(getTableColumns(pair.sqlite)).find(([, c]) => c === id)![0]];
      }
    }
    for (let offset = 0; ; offset += size) {
      const batch = source
        .select()
        .from(pair.sqlite)
        .orderBy(...order)
        .limit(size)
        .offset(offset)
        .all() as Record<string, unknown>[];
      if (batch.length === 0) return;
      yield batch;
      if (batch.length < size) return;
    }
  };
}

