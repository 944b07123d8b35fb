import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { TDb } from '../../db/client';
import { personalExportFiles } from '../domain/personal-export';
import { findPersonByIdOrEmail } from '../services/people/find-person-by-id-or-email';
import { describePersonalData, type TPersonalDataSummary } from '../services/privacy/describe-personal-data';
import { exportPersonalData } from '../services/privacy/export-personal-data';
import { forgetPerson } from '../services/privacy/forget-person';
import { forgetLines } from '../slack/blocks/privacy';
import { tellForgotten } from '../slack/privacy-notices';
import type { TCliOutput } from './import';

/*
 * `export` and `forget` for admins (SPEC §6), for departed staff: the same services as `/coach export` and
 * `/coach forget-me`, by Slack user id or e-mail. Exit codes: 0 done, 1 failed, 2 usage (and `forget` without `--yes`).
 */

export const EXPORT_USAGE = 'Usage: npm run cli -- export <slack-user-id|email> --workspace <team_id> [--out file.json]';
export const FORGET_USAGE = 'Usage: npm run cli -- forget <slack-user-id|email> --workspace <team_id> --yes';

const ZWho = z.string({ error: 'whom? give a Slack user id (U…) or an e-mail address' }).min(1);
const ZWorkspace = z
  .string({ error: '--workspace <team_id> is missing' })
  .regex(/^[TE][A-Z0-9]+$/, { error: (i) => `--workspace '${String(i.input)}' is not a Slack team id (T… or E…, like T024BE7LD)` });
const ZNoExtra = z.array(z.string()).max(0, { error: (i) => `unexpected argument(s): ${(i.input as string[]).join(' ')}` });
const ZExportArgs = z.object({ who: ZWho, workspace: ZWorkspace, out: z.string().min(1, '--out needs a file name').optional(), extra: ZNoExtra });
const ZForgetArgs = z.object({ who: ZWho, workspace: ZWorkspace, yes: z.boolean(), extra: ZNoExtra });

/** Sends the "X was forgotten" DMs; absent when the CLI has no bot token. */
export type TCliSlack = Parameters<typeof tellForgotten>[0] | undefined;
/** The client for one workspace's notices (with OAuth each workspace has its own token); undefined when none. */
export type TCliSlackFor = (workspaceId: string) => Promise<TCliSlack>;

/** `export <who> --workspace T [--out file.json]`: the JSON to stdout, or to the file with the activities CSV beside it. */
export async function exportCommand(args: readonly string[], db: TDb, now: Date, out: TCliOutput = console): Promise<number> {
  const parsed = ZExportArgs.safeParse(readArgs(args, ['--workspace', '--out'], []));
  if (!parsed.success) return usage(out, parsed.error, EXPORT_USAGE);
  const found = await findPersonByIdOrEmail(db, parsed.data.workspace, parsed.data.who);
  if (!found.ok) {
    out.error(found.message);
    return 1;
  }
  const data = await exportPersonalData(db, found.person, now);
  const [json, csv] = personalExportFiles(data);
  if (!parsed.data.out) {
    out.log(json!.content.trimEnd());
    return 0;
  }
  const jsonPath = parsed.data.out;
  const csvPath = jsonPath.replace(/(\.json)?$/i, '-activities.csv');
  try {
    await writeFile(jsonPath, json!.content, { flag: 'wx' });
    await writeFile(csvPath, csv!.content, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    out.error(code === 'EEXIST' ? `${String((error as NodeJS.ErrnoException).path)} exists: nothing was overwritten. Choose another --out.` : `Cannot write the export: ${(error as Error).message}`);
    return 1;
  }
  out.log(`Wrote ${jsonPath} (${found.person.name || found.person.slackUserId}: ${data.logEntries.length} log entries, ${data.activities.length} activities, ${data.deals.length} deals) and ${csvPath}.`);
  return 0;
}

/** `forget <who> --workspace T --yes`: deletes the person's data; without `--yes`, says what it would delete and changes nothing. */
export async function forgetCommand(args: readonly string[], db: TDb, now: Date, slackOrFor: TCliSlack | TCliSlackFor, out: TCliOutput = console): Promise<number> {
  const parsed = ZForgetArgs.safeParse(readArgs(args, ['--workspace'], ['--yes']));
  if (!parsed.success) return usage(out, parsed.error, FORGET_USAGE);
  const { who, workspace, yes } = parsed.data;
  const found = await findPersonByIdOrEmail(db, workspace, who);
  if (!found.ok) {
    out.error(found.message);
    return 1;
  }
  const label = `${found.person.name || '(no name)'} (${found.person.slackUserId}${found.person.email ? `, ${found.person.email}` : ''})`;
  if (!yes) {
    out.log(`Forgetting ${label} in ${workspace} would delete, in one transaction:`);
    for (const line of describeDeletion(await describePersonalData(db, found.person))) out.log(line);
    out.log(`Nothing was deleted. To delete it, run again with --yes:\n  npm run cli -- forget ${found.person.slackUserId} --workspace ${workspace} --yes`);
    return 2;
  }
  const result = await forgetPerson(db, found.person, 'cli', now);
  out.log(`Forgot ${label}: their data is deleted; the audit log keeps only that someone was forgotten (person.forgotten, a hash of the Slack id).`);
  if (result.tell.length === 0) return 0;
  const slack = typeof slackOrFor === 'function' ? await slackOrFor(workspace) : slackOrFor;
  if (!slack) {
    out.log(`SLACK_BOT_TOKEN is not set, so nobody was told. Tell them yourself: ${result.tell.map((t) => `${t.name} (${t.slackUserId})`).join(', ')}.`);
    return 0;
  }
  const { told, notTold } = await tellForgotten(slack, result, { warn: (details, message) => out.error(`${message}: ${String((details.err as Error | undefined)?.message ?? '')}`) });
  if (told.length > 0) out.log(`Told by DM: ${told.join(', ')}.`);
  if (notTold.length > 0) out.error(`Could not DM: ${notTold.join(', ')} — tell them yourself.`);
  return 0;
}

/** The confirmation's lines, for a terminal: what goes, whose 1:1s are cancelled, who is told. */
function describeDeletion(summary: TPersonalDataSummary): string[] {
  const lines = forgetLines(summary.counts, 'they').map((line) => `  - ${line}`);
  for (const c of summary.counterparts) {
    const what = [c.hasOneOnOne ? 'their 1:1 is cancelled' : '', c.isTheirManager ? 'their manager' : '', c.reportsToThem ? 'reports to them (left without a manager)' : ''].filter(Boolean).join('; ');
    lines.push(`  * ${c.name} (${c.slackUserId}): ${what}; told by DM`);
  }
  return lines;
}

function usage(out: TCliOutput, error: z.ZodError, text: string): number {
  out.error(`${error.issues.map((i) => i.message).join('\n')}\n${text}`);
  return 2;
}

/** One positional `<who>`, the valued flags (`--workspace T` or `--workspace=T`) and the boolean ones, in any order. */
function readArgs(args: readonly string[], valued: readonly string[], booleans: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = Object.fromEntries(booleans.map((b) => [b.slice(2), false]));
  const positional: string[] = [];
  const extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (valued.includes(flag)) result[flag.slice(2)] = inline ?? args[++i];
    else if (booleans.includes(arg)) result[arg.slice(2)] = true;
    else if (arg.startsWith('--') || positional.length === 1) extra.push(arg);
    else positional.push(arg);
  }
  return { ...result, who: positional[0], extra };
}
