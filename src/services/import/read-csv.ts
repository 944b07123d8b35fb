import { CsvError, parse } from 'csv-parse/sync';
import type { TLineError } from './errors';

/** Data rows and, at the same index, the physical line where each starts (the first line of the file is 1). */
export type TCsvTable =
  | { ok: true; headerLine: number; header: string[]; rows: string[][]; lines: number[] }
  | { ok: false; errors: TLineError[] };

const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/**
 * Splits a CSV file into a normalised header and rows, each with its line number. Blank lines
 * (and rows of empty cells, as spreadsheets export them) are skipped but still counted.
 */
export function readCsv(input: string | Buffer): TCsvTable {
  let records: string[][];
  try {
    // No `info` option: it copies a state object per record and triples the parse time; lines are counted below.
    records = parse(input, OPTIONS);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, errors: structuralErrors(input) };
    throw error;
  }
  const mayHaveBreaks = typeof input === 'string' ? input.includes('"') : input.includes(0x22);
  let line = 1;
  let header: string[] | undefined;
  let headerLine = 1;
  // Parallel arrays rather than an object per row: 200,000 fewer allocations for a large file.
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const cells of records) {
    const start = line;
    line += 1 + (mayHaveBreaks ? breaksIn(cells) : 0);
    if (isBlank(cells)) continue;
    if (header) {
      rows.push(cells);
      lines.push(start);
      continue;
    }
    header = cells.map(normaliseColumnName);
    headerLine = start;
  }
  if (!header) return { ok: false, errors: [{ line: 1, message: 'the file is empty: its first line must be a header naming the columns' }] };
  return { ok: true, headerLine, header, rows, lines };
}

/** `Slack User ID` and ` slack_user_id` name the same column. */
function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** Line breaks inside quoted cells, as an editor counts them (CRLF is one). */
function breaksIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    // A CR ending the cell belongs to a CRLF record delimiter that csv-parse did not expect (mixed endings).
    n += lineBreaks(cell, 0, cell.endsWith('\r') ? cell.length - 1 : cell.length);
  }
  return n;
}

function lineBreaks(text: string | Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = typeof text === 'string' ? text.charCodeAt(i) : text[i];
    if (c === 0x0a) n++;
    else if (c === 0x0d && (typeof text === 'string' ? text.charCodeAt(i + 1) : text[i + 1]) !== 0x0a) n++;
  }
  return n;
}

const HINTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value starts here but its closing quote (") is missing',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value is followed by other characters; double any quote inside a quoted value ("")',
};

/**
 * The slow path, taken only for a malformed file: parse again, skipping broken records, to report
 * every one of them. csv-parse gives the byte offset where the broken record (or its cell) starts,
 * from which the physical line is counted.
 */
function structuralErrors(input: string | Buffer): TLineError[] {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const errors: TLineError[] = [];
  const onSkip = (error: CsvError | undefined): undefined => {
    if (!error) return;
    const offset = Math.min(Number((error as unknown as { bytes?: number }).bytes ?? 0), bytes.length);
    const message = HINTS[error.code] ?? error.message;
    errors.push({ line: 1 + lineBreaks(bytes, 0, offset), message });
  };
  try {
    parse(bytes, { ...OPTIONS, skip_records_with_error: true, on_skip: onSkip });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    onSkip(error);
  }
  if (errors.length === 0) errors.push({ line: 1, message: 'the file is not valid CSV' });
  return errors;
}
