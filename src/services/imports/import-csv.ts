import type { z } from 'zod';
import type { TDb } from '../../../db/client';
import { inImportTransaction, workspaceExists } from '../../../db/repositories/imports';
import { CSV_COLUMNS, ZActivityRow, ZDealRow, ZPersonRow } from '../../domain/csv-rows';
import { importActivities } from './activities';
import type { TEachRow, TImportContext, TImportCounts } from './context';
import { importDeals } from './deals';
import { ErrorSink, type TLineError } from './errors';
import { createInstantResolver } from './local-time';
import { importPeople } from './people';
import { readCsv, type TEachCsvRow } from './read-csv';

export type TImportKind = keyof typeof CSV_COLUMNS;
export const IMPORT_KINDS = Object.keys(CSV_COLUMNS) as TImportKind[];

export type TImportResult =
  | ({ ok: true; kind: TImportKind; rows: number } & TImportCounts)
  | { ok: false; kind: TImportKind; errors: TLineError[] };

export type TImportInput = { workspaceId: string; kind: TImportKind; csv: string | Buffer; now?: Date };

type TApply<T> = (db: TDb, ctx: TImportContext, each: TEachRow<T>) => TImportCounts | undefined;

/**
 * Imports a CSV file of people, deals or activities (SPEC §6) in one transaction: every bad row is
 * reported with its line, and if there is any, nothing is written. Importing the same file again
 * changes nothing.
 */
export function importCsv(db: TDb, input: TImportInput): TImportResult {
  const { kind } = input;
  const table = readCsv(input.csv);
  if (!table.ok) return { ok: false, kind, errors: table.errors };
  const errors = new ErrorSink();
  const columns = checkHeader(kind, table.header, table.headerLine, errors);
  if (errors.size > 0) return { ok: false, kind, errors: errors.list() };
  if (!workspaceExists(db, input.workspaceId)) {
    return { ok: false, kind, errors: [{ line: 0, message: `workspace ${input.workspaceId} does not exist` }] };
  }

  const ctx: TImportContext = {
    workspaceId: input.workspaceId,
    now: input.now ?? new Date(),
    errors,
    resolveInstant: createInstantResolver(),
    rejected: [],
  };
  let rows = 0;
  const run = <T>(schema: z.ZodType<T>, apply: TApply<T>) =>
    inImportTransaction(db, () => apply(db, ctx, (visit) => (rows = validateRows(table, columns, schema, ctx, visit))));
  const counts =
    kind === 'people' ? run(ZPersonRow, importPeople) : kind === 'deals' ? run(ZDealRow, importDeals) : run(ZActivityRow, importActivities);
  if (!counts || errors.size > 0) return { ok: false, kind, errors: errors.list() };
  return { ok: true, kind, rows, ...counts };
}

/** Positions of the known columns; a missing required column or a repeated one is an error on the header line. */
function checkHeader(kind: TImportKind, header: string[], line: number, errors: ErrorSink): [string, number][] {
  const { required, optional } = CSV_COLUMNS[kind];
  const positions: [string, number][] = [];
  const missing: string[] = [];
  for (const column of [...required, ...optional] as string[]) {
    const at = header.indexOf(column);
    if (at === -1) {
      if ((required as readonly string[]).includes(column)) missing.push(column);
      continue;
    }
    if (header.indexOf(column, at + 1) !== -1) errors.add(line, `column ${column} appears twice`);
    positions.push([column, at]);
  }
  if (missing.length > 0) {
    const expected = `a ${kind} file has the columns ${required.join(', ')}, and may have ${optional.join(', ')}`;
    errors.add(line, `missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} (${expected})`);
  }
  return positions;
}

/** Checks each row's width and schema; reports the bad ones and hands the good ones to `visit`. Returns the row count. */
function validateRows<T>(
  table: { header: readonly string[]; eachRow: TEachCsvRow },
  columns: readonly [string, number][],
  schema: z.ZodType<T>,
  { errors, rejected }: TImportContext,
  visit: (line: number, value: T) => void,
): number {
  const { header } = table;
  const toRecord = recordBuilder(columns);
  return table.eachRow((cells, line) => {
    const widthError = checkWidth(cells, header);
    if (widthError) {
      errors.add(line, widthError);
      return;
    }
    const record = toRecord(cells);
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      visit(line, parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) errors.add(line, issue.message);
    rejected.push(record as Record<string, string>);
  });
}

/**
 * Cells by column name, for the file's known columns only. Every record gets the same keys in the
 * same order, so V8 gives them one shape and zod's compiled object check stays on its fast path.
 */
function recordBuilder(columns: readonly [string, number][]): (cells: readonly string[]) => Record<string, string | undefined> {
  const names = columns.map(([name]) => name);
  const at = columns.map(([, index]) => index);
  return (cells) => {
    const record: Record<string, string | undefined> = {};
    for (let i = 0; i < names.length; i++) record[names[i]!] = cells[at[i]!];
    return record;
  };
}

/** A row must have a value for each header column; empty trailing cells (spreadsheet exports) are fine. */
function checkWidth(cells: readonly string[], header: readonly string[]): string | undefined {
  const width = header.length;
  if (cells.length === width) return undefined;
  if (cells.length < width) return `has ${cells.length} values but the header has ${width} columns: ${header.slice(cells.length).join(', ')} missing`;
  for (let i = width; i < cells.length; i++) {
    if (cells[i]!.trim() !== '') return `has ${cells.length} values but the header has ${width} columns: is a comma inside a value that is not quoted?`;
  }
  return undefined;
}
