import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import { checkDateFormat } from '../domain/csv-dates';
import { CRMS, DEAL_FIELDS, parseColumnMap } from '../domain/crm-presets';
import { CSV_COLUMNS } from '../domain/csv-rows';
import { IMPORT_KINDS, type TImportResult } from '../services/imports/import-csv';
import { importFile } from '../services/imports/import-file';
import { cleanEnv, describeEnvIssues, ZSlackSenderEnv } from '../config/env';
import { createSlackDirectory } from '../slack/people-directory';
import { workspaceTokensFromEnv } from '../slack/workspace-senders';

const USAGE = `Usage: npm run cli -- import <people|deals|activities> <file.csv> --workspace <team_id>
  [--from salesforce|hubspot|pipedrive] [--map field=Column,…] [--date-format MM/DD/YYYY|DD/MM/YYYY|DD.MM.YYYY|…]
  [--decimal-comma] [--skip-invalid]`;

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
  from: z.enum(CRMS, { error: (i) => `--from '${String(i.input)}' is not one of ${CRMS.join(', ')}` }).optional(),
  map: z.string().optional(),
  dateFormat: z.string().optional(),
  decimalComma: z.boolean(),
  skipInvalid: z.boolean(),
  extra: z.array(z.string()).max(0, { error: (i) => `unexpected argument(s): ${(i.input as string[]).join(' ')}` }),
});


/** Where the command writes; the console unless a test captures it. */
export type TCliOutput = { log: (line: string) => void; error: (line: string) => void };

/** `import <kind> <file> --workspace T …`: imports a CSV file; exit code 0 when imported, 1 when not, 2 on bad arguments. */
export async function importCommand(args: string[], db: TDb, out: TCliOutput = console, env: Record<string, string | undefined> = process.env): Promise<number> {
  const parsed = ZImportArgs.safeParse(readArgs(args));
  const problems = parsed.success ? flagProblems(parsed.data) : parsed.error.issues.map((i) => i.message);
  if (!parsed.success || problems.length > 0) {
    out.error(`${problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  const { kind, file, workspace, from, dateFormat, decimalComma, skipInvalid } = parsed.data;
  const map = parsed.data.map === undefined ? undefined : (parseColumnMap(parsed.data.map, fieldsOf(kind)) as { map: Map<string, string> }).map;
  let csv: Buffer;
  try {
    csv = await readFile(file);
  } catch (error) {
    out.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 1;
  }
  // The Slack part of the environment: the workspace's bot token (the one token, or its OAuth installation's) to look people up by e-mail.
  const slackEnv = ZSlackSenderEnv.safeParse(cleanEnv(env));
  const token = slackEnv.success ? ((await workspaceTokensFromEnv(db, slackEnv.data).tokenFor(workspace)) ?? undefined) : undefined;
  const slack = token ? createSlackDirectory(token, { apiUrl: slackEnv.data?.SLACK_API_URL }) : undefined;
  if (!slackEnv.success && (env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID)) out.error(`Slack is not asked (people by e-mail): ${describeEnvIssues(slackEnv.error)}`);
  const result = await importFile(db, { workspaceId: workspace, kind, csv, options: { from, map, dateFormat, decimalComma }, skipInvalid }, slack);
  if (result.ok && result.createdWorkspace) {
    // The first import of a team creates its workspace; a mistyped id would create another one, which no Slack team uses.
    out.log(`Created workspace ${workspace}: no workspace had this id yet (check that it is your Slack team id)`);
  }
  for (const line of describeImport(basename(file), result)) (result.ok ? out.log : out.error)(line);
  if (result.ok && result.rejected) {
    const path = rejectedPath(file);
    await writeFile(path, result.rejected.csv);
    const n = result.rejected.count;
    out.log(`Skipped ${n} bad ${n === 1 ? 'row' : 'rows'}: written with the reason for each to ${path}`);
  }
  return result.ok ? 0 : 1;
}

/** `deals.csv` → `deals.rejected.csv`, beside it. */
export function rejectedPath(file: string): string {
  return `${file.replace(/\.csv$/i, '')}.rejected.csv`;
}

function fieldsOf(kind: keyof typeof CSV_COLUMNS): readonly string[] {
  if (kind === 'deals') return DEAL_FIELDS;
  const { required, optional } = CSV_COLUMNS[kind];
  return [...required, ...optional];
}

function flagProblems(args: z.output<typeof ZImportArgs>): string[] {
  const problems: string[] = [];
  if (args.map !== undefined) {
    const map = parseColumnMap(args.map, fieldsOf(args.kind));
    if ('error' in map) problems.push(map.error);
  }
  if (args.dateFormat !== undefined) {
    const problem = checkDateFormat(args.dateFormat);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The report printed for an import: one summary line and its notes, or the numbered problems and the reassurance that nothing changed. */
export function describeImport(fileName: string, result: TImportResult): string[] {
  if (result.ok) {
    return [`Imported ${fileName}: ${result.rows} rows — ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged`, ...result.notes.map((n) => `  Note: ${n}`)];
  }
  return [
    `Cannot import ${fileName}:`,
    ...result.errors.map((e) => (e.line > 0 ? `  line ${e.line}: ${e.message}` : `  ${e.message}`)),
    'Nothing was imported.',
  ];
}

const VALUE_FLAGS: Record<string, string> = { '--workspace': 'workspace', '--from': 'from', '--map': 'map', '--date-format': 'dateFormat' };
const SWITCHES: Record<string, string> = { '--decimal-comma': 'decimalComma', '--skip-invalid': 'skipInvalid' };

/** Positional `<kind> <file>` and the flags (`--flag value` or `--flag=value`), in any order. */
function readArgs(args: readonly string[]): Record<string, unknown> {
  const positional: string[] = [];
  const extra: string[] = [];
  const flags: Record<string, unknown> = { decimalComma: false, skipInvalid: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS[name]) flags[VALUE_FLAGS[name]] = eq !== -1 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
    else if (SWITCHES[arg]) flags[SWITCHES[arg]] = true;
    else if (arg.startsWith('--') || positional.length === 2) extra.push(arg);
    else positional.push(arg);
  }
  return { kind: positional[0], file: positional[1], ...flags, extra };
}
