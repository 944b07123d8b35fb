import type { z } from 'zod';
import type { TDb } from '../../../db/client';
import { inImportTransaction, workspaceExists } from '../../../db/repositories/imports';
import { createDateReader } from '../../domain/csv-dates';
import { activityRowSchema, CSV_COLUMNS, dealRowSchema, ZPersonRow, type TCsvReadOptions } from '../../domain/csv-rows';
import { CRM_PRESETS, planColumns, type TColumnPlan, type TCrm } from '../../domain/crm-presets';
import { importActivities } from './activities';
import type { TEachRow, TImportContext, TImportCounts } from './context';
import { importDeals } from './deals';
import { ErrorSink, MAX_REPORTED_ERRORS, type TLineError } from './errors';
import { createInstantResolver } from './local-time';
import { importPeople } from './people';
import type { TEmailLookups } from './ports';
import { readCsv, type TEachCsvRow } from './read-csv';

export type TImportKind = keyof typeof CSV_COLUMNS;
export const IMPORT_KINDS = Object.keys(CSV_COLUMNS) as TImportKind[];

export type TImportResult =
  | ({ ok: true; kind: TImportKind; rows: number; notes: string[] } & TImportCounts)
  | { ok: false; kind: TImportKind; errors: TLineError[] };

/** How to read a file that is not in our own format (SPEC §6 flags). */
export type TImportOptions = {
  from?: TCrm;
  /** `--map`: our column → the file's column. */
  map?: ReadonlyMap<string, string>;
  dateFormat?: string;
  decimalComma?: boolean;
};

export type TImportInput = {
  workspaceId: string;
  kind: TImportKind;
  csv: string | Buffer;
  now?: Date;
  options?: TImportOptions;
  /** People rows without a Slack id: Slack's answers for their e-mails (see `importFile`). */
  emailLookups?: TEmailLookups;
  /** Lines left out (`--skip-invalid` takes the bad ones out and imports the rest). */
  skipLines?: ReadonlySet<number>;
  /** How many bad rows to report before "…and N more". */
  maxErrors?: number;
};

type TApply<T> = (db: TDb, ctx: TImportContext, each: TEachRow<T>) => Promise<TImportCounts | undefined>;

/**
 * Imports a CSV file of people, deals or activities (SPEC §6) in one transaction: every bad row is
 * reported with its line, and if there is any, nothing is written. Importing the same file again
 * changes nothing.
 */
export async function importCsv(db: TDb, input: TImportInput): Promise<TImportResult> {
  const { kind } = input;
  const options = input.options ?? {};
  const maxErrors = input.maxErrors ?? MAX_REPORTED_ERRORS;
  const table = readCsv(input.csv);
  if (!table.ok) return { ok: false, kind, errors: table.errors };
  const errors = new ErrorSink();
  const plan = checkHeader(kind, table.header, options, table.headerLine, errors);
  if (errors.size > 0) return { ok: false, kind, errors: errors.list(maxErrors) };
  if (!(await workspaceExists(db, input.workspaceId))) {
    return { ok: false, kind, errors: [{ line: 0, message: `workspace ${input.workspaceId} does not exist` }] };
  }

  const ctx: TImportContext = {
    workspaceId: input.workspaceId,
    now: input.now ?? new Date(),
    errors,
    resolveInstant: createInstantResolver(),
    rejected: [],
    emailLookups: input.emailLookups ?? new Map(),
    enteredColumns: plan.entered.map(({ stage, column }) => ({ stage, column })),
    ownFormat: options.from === undefined && options.map === undefined,
    notes: [],
  };
  const read: TCsvReadOptions = { readDate: createDateReader(options.dateFormat), decimalComma: options.decimalComma };
  let rows = 0;
  const run = <T>(schema: z.ZodType<T>, apply: TApply<T>) =>
    inImportTransaction(db, (tx) =>
      apply(tx, ctx, async (visit) => {
        rows = await validateRows(table, plan, schema, ctx, input.skipLines, visit);
      }),
    );
  const counts =
    kind === 'people'
      ? await run(ZPersonRow, importPeople)
      : kind === 'deals'
        ? await run(dealRowSchema(read, ctx.enteredColumns.map((e) => e.column)), importDeals)
        : await run(activityRowSchema(read), importActivities);
  if (!counts || errors.size > 0) return { ok: false, kind, errors: errors.list(maxErrors) };
  return { ok: true, kind, rows, ...counts, notes: ctx.notes };
}

/** Where each column is read; a missing required column, a repeated one or a bad `--map` is an error on the header line. */
function checkHeader(kind: TImportKind, header: string[], options: TImportOptions, line: number, errors: ErrorSink): TColumnPlan {
  const { required, optional } = CSV_COLUMNS[kind];
  if (options.from && kind !== 'deals') errors.add(line, `--from ${options.from} reads deals exports: import ${kind} in our own columns, or name them with --map`);
  const plan = planColumns(header, [...required, ...optional], { from: kind === 'deals' ? options.from : undefined, map: options.map });
  if (kind !== 'deals') plan.entered = [];
  for (const problem of plan.problems) errors.add(line, problem);
  const missing = (required as readonly string[]).filter((c) => !plan.fields.has(c));
  if (kind === 'people' && !plan.fields.has('slack_user_id') && !plan.fields.has('email')) missing.push('slack_user_id or email');
  if (missing.length > 0) {
    const preset = options.from && kind === 'deals' ? CRM_PRESETS[options.from] : undefined;
    const how = preset
      ? ` (with --from ${options.from}: ${missing.includes('deal_id') ? `${preset.hint}, or ` : ''}name the column with --map ${missing[0]}=<Column>)`
      : ` (a ${kind} file has the columns ${required.join(', ')}, and may have ${optional.join(', ')}; name another file's columns with --map or --from)`;
    errors.add(line, `missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}${how}`);
  }
  return plan;
}

/** Checks each row's width and schema; reports the bad ones and hands the good ones to `visit`. Returns the row count. */
async function validateRows<T>(
  table: { header: readonly string[]; eachRow: TEachCsvRow },
  plan: TColumnPlan,
  schema: z.ZodType<T>,
  { errors, rejected }: TImportContext,
  skip: ReadonlySet<number> | undefined,
  visit: (line: number, value: T) => void | Promise<void>,
): Promise<number> {
  const { header } = table;
  const toRecord = recordBuilder(plan);
  let skipped = 0;
  const count = await table.eachRow(async (cells, line) => {
    if (skip?.has(line)) {
      skipped++;
      return;
    }
    const widthError = checkWidth(cells, header);
    if (widthError) {
      errors.add(line, widthError);
      return;
    }
    const record = toRecord(cells);
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      await visit(line, parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) errors.add(line, issue.message);
    rejected.push(record as Record<string, string>);
  });
  return count - skipped;
}

/**
 * Cells by column name, for the file's known columns only. Every record gets the same keys in the
 * same order, so V8 gives them one shape and zod's compiled object check stays on its fast path. A
 * column fed by several of the file's (a preset's "Won time" or "Lost time") takes the first with a value.
 */
function recordBuilder(plan: TColumnPlan): (cells: readonly string[]) => Record<string, unknown> {
  const names = [...plan.fields.keys()];
  const single = names.map((n) => (plan.fields.get(n)!.length === 1 ? plan.fields.get(n)![0]! : -1));
  const several = names.map((n) => plan.fields.get(n)!);
  const entered = plan.entered.map((e) => e.at);
  return (cells) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const at = single[i]!;
      record[names[i]!] = at !== -1 ? cells[at] : (several[i]!.map((j) => cells[j]).find((c) => c !== undefined && c.trim() !== '') ?? '');
    }
    if (entered.length > 0) record.entered = entered.map((at) => cells[at] ?? '');
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
