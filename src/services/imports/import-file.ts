import type { TDb } from '../../../db/client';
import { recordAuditEvent } from '../../../db/repositories/audit-events';
import { loadPeopleForImport, workspaceExists } from '../../../db/repositories/imports';
import { planColumns } from '../../domain/crm-presets';
import { asSlackUserId, CSV_COLUMNS } from '../../domain/csv-rows';
import type { TImportInput } from './import-csv';
import { importIntoWorkspace, type TImportIntoWorkspaceResult } from './import-into-workspace';
import type { TEmailLookup, TSlackDirectoryPort } from './ports';
import { readCsv } from './read-csv';
import { rejectedCsv } from './rejected-csv';

export type TImportFileInput = TImportInput & { skipInvalid?: boolean };

export type TImportFileResult = TImportIntoWorkspaceResult & {
  /** With `--skip-invalid`: the bad rows as a CSV file (the file's columns and a `reason`), null when there were none. */
  rejected: { count: number; csv: string } | null;
};

/** Slack answers at most this many look-ups at once per app; more only earn 429s. */
const LOOKUP_CONCURRENCY = 4;
/** Passes of `--skip-invalid`: a row can only turn bad because of another bad row (a manager on a rejected line). */
const MAX_PASSES = 5;

/**
 * `import`: a file as it comes. People without a Slack id are looked up by e-mail first (each address
 * once; Slack is never asked inside the transaction). Without `skipInvalid` the import is all or
 * nothing; with it, the bad rows are taken out and the rest imported, and the bad ones come back with
 * their reasons.
 */
export async function importFile(db: TDb, input: TImportFileInput, slack: TSlackDirectoryPort | undefined): Promise<TImportFileResult> {
  const result = await importRows(db, input, slack);
  await recordImport(db, input, result);
  return result;
}

/**
 * Leaves an audit line of what the import did (admins see who loaded what; `/metrics` sums the rows). A file rejected
 * before its workspace existed leaves none: there is no workspace to hold it.
 */
async function recordImport(db: TDb, input: TImportFileInput, result: TImportFileResult): Promise<void> {
  if (!(await workspaceExists(db, input.workspaceId))) return;
  const details = result.ok
    ? { ok: true, rows: result.rows, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected?.count ?? 0 }
    : { ok: false, rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: result.errors.length };
  await recordAuditEvent(db, { workspaceId: input.workspaceId, actorId: null, via: 'cli', action: `import.${input.kind}`, subject: input.options?.from ?? null, details }, input.now ?? new Date());
}

async function importRows(db: TDb, input: TImportFileInput, slack: TSlackDirectoryPort | undefined): Promise<TImportFileResult> {
  const emailLookups = input.kind === 'people' && slack ? await lookUpEmails(db, input, slack) : undefined;
  const base = { ...input, emailLookups };
  if (!input.skipInvalid) return { ...(await importIntoWorkspace(db, base)), rejected: null };
  // Only --skip-invalid needs the rows here (to write the rejected ones back); a plain import reads the file once.
  const table = readCsv(input.csv);
  if (!table.ok) return { ...(await importIntoWorkspace(db, base)), rejected: null };

  const reasons = new Map<number, string>();
  let result = await importIntoWorkspace(db, { ...base, skipLines: new Set(reasons.keys()), maxErrors: Number.POSITIVE_INFINITY });
  for (let pass = 1; !result.ok && pass < MAX_PASSES; pass++) {
    const rowErrors = result.errors.filter((e) => e.line > table.headerLine);
    // A problem with the file itself (its header, the workspace) is not a bad row: nothing to skip.
    if (rowErrors.length === 0 || rowErrors.length < result.errors.length) break;
    for (const e of rowErrors) reasons.set(e.line, e.message);
    result = await importIntoWorkspace(db, { ...base, skipLines: new Set(reasons.keys()), maxErrors: Number.POSITIVE_INFINITY });
  }
  if (!result.ok) return { ...result, errors: result.errors.slice(0, 200), rejected: null };
  return { ...result, rejected: reasons.size === 0 ? null : { count: reasons.size, csv: await rejectedCsv(table, reasons) } };
}

/** Slack's answer for every e-mail of a people row without a Slack id whom the workspace does not know yet. */
async function lookUpEmails(db: TDb, input: TImportInput, slack: TSlackDirectoryPort): Promise<Map<string, TEmailLookup>> {
  const answers = new Map<string, TEmailLookup>();
  const table = readCsv(input.csv);
  if (!table.ok) return answers;
  const { required, optional } = CSV_COLUMNS.people;
  const plan = planColumns(table.header, [...required, ...optional], { map: input.options?.map });
  const idAt = plan.fields.get('slack_user_id')?.[0];
  const emailAt = plan.fields.get('email')?.[0];
  if (emailAt === undefined) return answers;
  const known = new Set((await workspaceExists(db, input.workspaceId)) ? (await loadPeopleForImport(db, input.workspaceId)).flatMap((p) => (p.email ? [p.email.toLowerCase()] : [])) : []);
  const wanted = new Set<string>();
  await table.eachRow((cells) => {
    const email = cells[emailAt]?.trim().toLowerCase() ?? '';
    const id = idAt === undefined ? '' : (cells[idAt]?.trim() ?? '');
    if (email.includes('@') && (id === '' || !asSlackUserId(id)) && !known.has(email)) wanted.add(email);
  });
  const queue = [...wanted];
  const worker = async () => {
    for (let email = queue.shift(); email !== undefined; email = queue.shift()) answers.set(email, await slack.lookupByEmail(email));
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
  return answers;
}
