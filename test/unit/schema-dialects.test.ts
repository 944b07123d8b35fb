import { type Column, getTableName, is, SQL, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from '../../db/schema-pg';
import * as sqliteSchema from '../../db/schema';

// The drift guard between the two schemas (db/schema for SQLite, db/schema-pg for PostgreSQL): drizzle has no
// dialect-neutral schema, so a column, index or key added on one side only must fail here, not in production.

/** What the DB sees, in the casing both drizzle-kit configs use (a column or an index's column, named by its key or not). */
const dbName = (column: { name?: string; keyAsName?: boolean }) =>
  column.name === undefined ? '(expression)' : column.keyAsName ? toSnakeCase(column.name) : column.name;

type TTableShape = {
  name: string;
  columns: Record<string, { notNull: boolean; hasDefault: boolean; primary: boolean; generatedId: boolean; jsValue: string; enumValues: string[] | undefined }>;
  indexes: Record<string, { columns: string[]; unique: boolean; partial: boolean }>;
  foreignKeys: string[];
};

type TTableConfig = ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>;

/** A table as both engines can be compared on: DB names, constraints and the JS type a value reads back as. */
function shapeOf(config: TTableConfig): TTableShape {
  const columns: TTableShape['columns'] = {};
  for (const column of config.columns as Column[]) {
    columns[dbName(column)] = {
      notNull: column.notNull,
      hasDefault: column.hasDefault,
      primary: column.primary,
      // SQLite's autoincrement and PostgreSQL's identity both let the DB pick the id.
      generatedId: ('autoIncrement' in column && column.autoIncrement === true) || ('generatedIdentity' in column && column.generatedIdentity !== undefined),
      // 'date', 'boolean', 'json', 'number', 'string': a Date must stay a Date whichever engine reads it.
      jsValue: column.dataType,
      enumValues: column.enumValues,
    };
  }
  const indexes: TTableShape['indexes'] = {};
  for (const { config: index } of config.indexes) {
    indexes[index.name ?? '(unnamed)'] = {
      columns: index.columns.map((c) => (is(c, SQL) || !('name' in c) ? '(expression)' : dbName(c))),
      unique: index.unique,
      partial: index.where !== undefined,
    };
  }
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const { columns: from, foreignColumns: to, foreignTable } = fk.reference();
      return `(${from.map(dbName).join(', ')}) → ${getTableName(foreignTable as Table)}(${to.map(dbName).join(', ')}) on delete ${fk.onDelete ?? 'no action'}`;
    })
    .sort();
  return { name: config.name, columns, indexes, foreignKeys };
}

const sqliteTables = Object.entries(sqliteSchema as Record<string, unknown>).filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable));
const pgTables = Object.entries(pgSchema as Record<string, unknown>).filter((entry): entry is [string, PgTable] => is(entry[1], PgTable));

describe('the PostgreSQL schema matches the SQLite one', () => {
  it('exports the same names (tables and the enum values beside them)', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  });

  it('has the same tables under the same export names', () => {
    expect(Object.fromEntries(pgTables.map(([key, table]) => [key, getTableName(table)]))).toEqual(
      Object.fromEntries(sqliteTables.map(([key, table]) => [key, getTableName(table)])),
    );
    expect(sqliteTables.length).toBeGreaterThan(20);
  });

  it.each(sqliteTables.map(([key]) => key))('%s: same columns, keys, defaults, indexes and foreign keys', (key) => {
    const pgTable = pgTables.find(([pgKey]) => pgKey === key)?.[1];
    const sqliteTable = sqliteTables.find(([sqliteKey]) => sqliteKey === key)?.[1];
    expect(pgTable).toBeDefined();
    expect(sqliteTable).toBeDefined();
    if (!pgTable || !sqliteTable) return;
    expect(shapeOf(getPgTableConfig(pgTable))).toEqual(shapeOf(getSqliteTableConfig(sqliteTable)));
  });

  it('neither side uses table-level keys the comparison above does not see', () => {
    for (const [, table] of sqliteTables) {
      const { primaryKeys, uniqueConstraints, checks } = getSqliteTableConfig(table);
      expect([primaryKeys, uniqueConstraints, checks].flat()).toEqual([]);
    }
    for (const [, table] of pgTables) {
      const { primaryKeys, uniqueConstraints, checks } = getPgTableConfig(table);
      expect([primaryKeys, uniqueConstraints, checks].flat()).toEqual([]);
    }
  });

  it('gives code the same row types (checked by tsc, not at run time)', () => {
    expectTypeOf<TPgRows>().toEqualTypeOf<TSqliteRows>();
  });
});

type TTableKey = { [K in keyof typeof sqliteSchema]: (typeof sqliteSchema)[K] extends SQLiteTable ? K : never }[keyof typeof sqliteSchema];
type TPgRows = { [K in TTableKey]: { select: (typeof pgSchema)[K]['$inferSelect']; insert: (typeof pgSchema)[K]['$inferInsert'] } };
type TSqliteRows = { [K in TTableKey]: { select: (typeof sqliteSchema)[K]['$inferSelect']; insert: (typeof sqliteSchema)[K]['$inferInsert'] } };
