import type { TCsvTable } from './read-csv';

/** The rejected rows of a file (a table not read yet) as CSV: its header plus `reason`, each bad row as it was written plus why. */
export async function rejectedCsv(table: Extract<TCsvTable, { ok: true }>, reasons: ReadonlyMap<number, string>): Promise<string> {
  const lines = [[...table.header, 'reason'].map(quote).join(',')];
  await table.eachRow((cells, line) => {
    const reason = reasons.get(line);
    if (reason !== undefined) lines.push([...cells, ...Array<string>(Math.max(0, table.header.length - cells.length)).fill(''), reason].map(quote).join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: a value with a comma, quote or line break is quoted, its quotes doubled. A leading =+-@ is defused for spreadsheets. */
function quote(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
