import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import { IMPORT_KINDS, type TImportResult } from '../services/imports/import-csv';
import { importIntoWorkspace } from '../services/imports/import-into-workspace';

const USAGE = 'Usage: npm run cli -- import <people|deals|activities> <file.csv> --workspace <team_id>';

/** Slack team ids (E… for an Enterprise Grid): the ids the bot's events carry and the nightly jobs accept. */
const SLACK_TEAM_ID = /^[TE][A-Z0-9]+$/;

const ZImportArgs = z.object({
  kind: z.enum(IMPORT_KINDS, { error: (i) => `unknown kind ${i.input === undefined ? '(none given)' : `'${String(i.input)}'`}: use people, deals or activities` }),
  file: z.string({ error: 'the CSV file is missing' }).min(1, 'the CSV file is missing'),
  workspace: z
    .string({ error: '--workspace <team_id> is missing' })
    .regex(SLACK_TEAM_ID, {
      error: (i) => `--workspace '${String(i.input)}' is not a Slack team id: T (or E, for an Enterprise Grid) then upper-case letters and digits, like T024BE7LD`,
    }),
  extra: z.array(z.string()).max(0, { error: (i) => `unexpected argument(s): ${(i.input as string[]).join(' ')}` }),
});

/** Where the command writes; the console unless a test captures it. */
export type TCliOutput = { log: (line: string) => void; error: (line: string) => void };

/** `import <kind> <file> --workspace T`: imports a CSV file; exit code 0 when imported, 1 when not, 2 on bad arguments. */
export async function importCommand(args: string[], db: TDb, out: TCliOutput = console): Promise<number> {
  const parsed = ZImportArgs.safeParse(readArgs(args));
  if (!parsed.success) {
    out.error(`${parsed.error.issues.map((i) => i.message).join('\n')}\n${USAGE}`);
    return 2;
  }
  const { kind, file, workspace } = parsed.data;
  let csv: Buffer;
  try {
    csv = await readFile(file);
  } catch (error) {
    out.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 1;
  }
  const result = importIntoWorkspace(db, { workspaceId: workspace, kind, csv });
  if (result.ok && result.createdWorkspace) {
    // The first import of a team creates its workspace; a mistyped id would create another one, which no Slack team uses.
    out.log(`Created workspace ${workspace}: no workspace had this id yet (check that it is your Slack team id)`);
  }
  for (const line of describeImport(basename(file), result)) (result.ok ? out.log : out.error)(line);
  return result.ok ? 0 : 1;
}

/** The report printed for an import: one summary line, or the numbered problems and the reassurance that nothing changed. */
export function describeImport(fileName: string, result: TImportResult): string[] {
  if (result.ok) {
    return [`Imported ${fileName}: ${result.rows} rows — ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged`];
  }
  return [
    `Cannot import ${fileName}:`,
    ...result.errors.map((e) => (e.line > 0 ? `  line ${e.line}: ${e.message}` : `  ${e.message}`)),
    'Nothing was imported.',
  ];
}

/** Positional `<kind> <file>` and `--workspace T` (or `--workspace=T`), in any order. */
function readArgs(args: readonly string[]): Record<string, unknown> {
  const positional: string[] = [];
  const extra: string[] = [];
  let workspace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--workspace') workspace = args[++i];
    else if (arg.startsWith('--workspace=')) workspace = arg.slice('--workspace='.length);
    else if (arg.startsWith('--') || positional.length === 2) extra.push(arg);
    else positional.push(arg);
  }
  return { kind: positional[0], file: positional[1], workspace, extra };
}
