import { CsvError, parse } from 'csv-parse/sync';
import type { TLineError } from './errors';

/** Visits every data row with the physical line where it starts (the first line of the file is 1); returns how many. */
export type TEachCsvRow = (visit: (cells: string[], line: number) => void | Promise<void>) => Promise<number>;

export type TCsvTable = { ok: true; headerLine: number; header: string[]; eachRow: TEachCsvRow } | { ok: false; errors: TLineError[] };

const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Files without quotes are parsed a chunk at a time so that parsed rows die young (less GC for a large file). */
const CHUNK_BYTES = 1 << 20;

/**
 * Splits a CSV file into a header (names trimmed, as written) and rows with their line numbers. Blank lines (and
 * rows of empty cells, as spreadsheets export them) are skipped but still counted. A malformed file
 * (an unclosed quote) gives every broken record's line instead.
 */
export function readCsv(input: string | Buffer): TCsvTable {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const quoted = bytes.includes(QUOTE) || bytes[0] === 0xff || bytes[0] === 0xfe;
  let chunks: Iterator<string[][]>;
  if (quoted) {
    let records: string[][];
    try {
      // No `info` option: it copies a state object per record and triples the parse time; lines are counted here.
      records = parse(bytes, OPTIONS);
    } catch (error) {
      if (error instanceof CsvError) return { ok: false, errors: structuralErrors(bytes) };
      throw error;
    }
    chunks = [records][Symbol.iterator]();
  } else {
    chunks = unquotedChunks(bytes);
  }

  // Where reading stands: the chunk, the next record in it, and that record's line.
  let chunk = chunks.next();
  let index = 0;
  let line = 1;
  const next = (): { cells: string[]; line: number } | undefined => {
    while (!chunk.done) {
      const records = chunk.value;
      while (index < records.length) {
        const cells = records[index++]!;
        const start = line;
        line += quoted ? 1 + breaksIn(cells) : 1;
        if (!isBlank(cells)) return { cells, line: start };
      }
      chunk = chunks.next();
      index = 0;
    }
    return undefined;
  };

  const first = next();
  if (!first) return { ok: false, errors: [{ line: 1, message: 'the file is empty: its first line must be a header naming the columns' }] };
  const eachRow: TEachCsvRow = async (visit) => {
    let count = 0;
    for (let row = next(); row; row = next()) {
      count++;
      await visit(row.cells, row.line);
    }
    return count;
  };
  return { ok: true, headerLine: first.line, header: first.cells.map((c) => c.trim()), eachRow };
}

/**
 * Without quotes every record is one line, so the file can be cut at any line break. Lines ending in LF
 * or CRLF are split by hand (a fifth of csv-parse's time, and no state object per record); a file with
 * a CR elsewhere (old Mac line ends) goes through csv-parse, which detects them.
 */
function* unquotedChunks(bytes: Buffer): Generator<string[][]> {
  const byHand = onlyLineFeedEnds(bytes);
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length) {
    let end = Math.min(start + CHUNK_BYTES, bytes.length);
    if (end < bytes.length) {
      const lf = bytes.indexOf(LF, end);
      end = lf === -1 ? bytes.length : lf + 1;
    }
    yield byHand ? splitLines(bytes.toString('utf8', start, end)) : parse(bytes.subarray(start, end), OPTIONS);
    start = end;
  }
}

/** True when every CR in the file is followed by an LF. */
function onlyLineFeedEnds(bytes: Buffer): boolean {
  for (let cr = bytes.indexOf(CR); cr !== -1; cr = bytes.indexOf(CR, cr + 1)) if (bytes[cr + 1] !== LF) return false;
  return true;
}

/** Records of a chunk without quotes: one per line (a final line break ends the last one), cells split at commas. */
function splitLines(text: string): string[][] {
  const records: string[][] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const end = to > from && text.charCodeAt(to - 1) === CR ? to - 1 : to;
    records.push(text.slice(from, end).split(','));
    from = to + 1;
  }
  return records;
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
    if (c === LF) n++;
    else if (c === CR && (typeof text === 'string' ? text.charCodeAt(i + 1) : text[i + 1]) !== LF) n++;
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
function structuralErrors(bytes: Buffer): TLineError[] {
  const errors: TLineError[] = [];
  const onSkip = (error: CsvError | undefined): undefined => {
    if (!error) return;
    const offset = Math.min(Number((error as unknown as { bytes?: number }).bytes ?? 0), bytes.length);
    errors.push({ line: 1 + lineBreaks(bytes, 0, offset), message: HINTS[error.code] ?? error.message });
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
