import { z } from 'zod';
import type { TDb } from '../../db/client';
import { AppError } from '../domain/errors';
import { DEFAULT_SETUP, type TWorkspaceSetup } from '../domain/setup';
import { addStageAliases, keepStageAliases, setupFormOf, setupSummaryLines, type TSetupField, type TSetupForm } from '../domain/setup-text';
import { getSetup } from '../services/setup/get-setup';
import { listAdmins, type TAdmin } from '../services/setup/list-admins';
import { saveSetup } from '../services/setup/save-setup';
import type { TCliOutput } from './import';

/** Each setting's flag, what it takes, and an example (`--help` and the README list them). */
export const SETUP_FLAGS: readonly { flag: string; field: TSetupField; takes: string; example: string }[] = [
  { flag: '--stages', field: 'stages', takes: 'open stages in order, comma-separated: key:Name|CRM name|…; `old->new` removes a stage and moves its deals', example: '"prospecting:Prospecting|Lead,discovery:Discovery|Qualification,demo:Demo,proposal:Proposal,negotiation:Negotiation"' },
  { flag: '--won', field: 'won', takes: 'the won stage: Name|CRM name|…', example: '"Won|Closed Won"' },
  { flag: '--lost', field: 'lost', takes: 'the lost stage: Name|CRM name|…', example: '"Lost|Closed Lost"' },
  { flag: '--stalled-days', field: 'staleDays', takes: 'idle days before an open deal is stalled, per stage', example: '"demo=10,proposal=10"' },
  { flag: '--dormant-days', field: 'dormantDays', takes: 'idle days before a deal is dormant (close it or revive it?), 7–730', example: '120' },
  { flag: '--activity-map', field: 'activityStages', takes: 'the stage each activity type feeds (none for no stage)', example: '"call=prospecting,meeting=discovery,other=none"' },
  { flag: '--autonomous-at', field: 'autonomousAttainment', takes: '% of goal pace from which a rep is autonomous', example: '95' },
  { flag: '--focused-below', field: 'focusedAttainment', takes: '% of goal pace below which a rep is focused', example: '70' },
  { flag: '--ramping-days', field: 'rampingDays', takes: 'days of data before a rep leaves ramping, 0–365', example: '45' },
  { flag: '--top-share', field: 'topShare', takes: 'without a goal or quota: % of the team placed autonomous, 0–50', example: '25' },
  { flag: '--bottom-share', field: 'bottomShare', takes: 'without a goal or quota: % of the team placed focused, 0–50', example: '25' },
  { flag: '--time-zone', field: 'timezone', takes: "the workspace's IANA time zone (the nightly recompute runs at 02:00 there)", example: 'Europe/Berlin' },
  { flag: '--working-days', field: 'workingDays', takes: 'default working days for people who set none', example: 'mon-fri' },
  { flag: '--work-start', field: 'workStart', takes: 'default start of the working day, HH:MM', example: '09:00' },
  { flag: '--work-end', field: 'workEnd', takes: 'default end of the working day, HH:MM', example: '18:00' },
  { flag: '--holiday-country', field: 'holidayCountry', takes: 'default public holidays: a country code or name (none for none)', example: 'DE' },
  { flag: '--holiday-region', field: 'holidayRegion', takes: 'default holiday region (state) code (none for none)', example: 'BY' },
  { flag: '--quota-kind', field: 'quotaKind', takes: 'deals (won per quarter) or revenue', example: 'revenue' },
  { flag: '--leaderboard', field: 'leaderboard', takes: "on or off: reps and managers see their team's won deals this quarter by name on the Home tab", example: 'on' },
  { flag: '--admins', field: 'admins', takes: 'every Canopy admin, Slack user ids comma-separated (replaces the list; "" for none); Slack workspace admins always are', example: 'U024BE7LH,U0G9QF9C6' },
];

const SLACK_TEAM_ID = /^[TE][A-Z0-9]+$/;
const USAGE = [
  'Usage: npm run cli -- setup show --workspace <team_id>',
  '       npm run cli -- setup set --workspace <team_id> [--flag value …]',
  'Flags of setup set (each optional; a setting not given stays as it is):',
  ...SETUP_FLAGS.map((f) => `  ${f.flag} <value>`.padEnd(26) + `${f.takes} (e.g. ${f.flag} ${f.example})`),
  `${'  --alias <value>'.padEnd(26)}adds CRM names to stages as they stand: "CRM name=stage,…", the stage by key or name (e.g. --alias "Qualification=discovery,Closed Won=won")`,
].join('\n');

const ZWorkspaceArg = z
  .string({ error: '--workspace <team_id> is missing' })
  .regex(SLACK_TEAM_ID, { error: (i) => `--workspace '${String(i.input)}' is not a Slack team id: T (or E, for an Enterprise Grid) then upper-case letters and digits, like T024BE7LD` });

/** `setup show|set --workspace T …`: exit code 0 when shown or saved, 1 when refused, 2 on bad arguments. */
export async function setupCommand(args: string[], db: TDb, out: TCliOutput = console, now: Date = new Date()): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === 'help' || rest.includes('--help')) {
    out.log(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'show' && sub !== 'set') return usage(out, `unknown setup verb '${sub}': use show or set`);
  const flags = readFlags(rest);
  if (typeof flags === 'string') return usage(out, flags);
  const workspace = ZWorkspaceArg.safeParse(flags.workspace);
  if (!workspace.success) return usage(out, workspace.error.issues.map((i) => i.message).join('\n'));
  try {
    if (sub === 'show') {
      if (Object.keys(flags.form).length > 0) return usage(out, 'setup show takes only --workspace');
      const setup = await getSetup(db, workspace.data);
      const admins = await listAdmins(db, workspace.data);
      for (const line of setupSummaryLines(setup)) out.log(line);
      const named = (list: TAdmin[]) => (list.length === 0 ? 'none' : list.map((a) => `${a.name} (${a.slackUserId})`).join(', '));
      out.log(`Admins: ${named(admins.canopy)}; Slack workspace admins (always admins): ${named(admins.slack)}`);
      out.log('');
      out.log('As flags (for setup set):');
      const form = setupFormOf(setup, admins.canopy.map((a) => a.slackUserId));
      for (const f of SETUP_FLAGS) out.log(`  ${f.flag} ${JSON.stringify(f.field === 'stages' ? form.stages.replace(/\n/g, ',').replace(/: /g, ':').replace(/ \| /g, '|') : form[f.field])}`);
      return 0;
    }
    const known = await setupIfAny(db, workspace.data);
    if (!known) out.log(`Creating workspace ${workspace.data}: no workspace had this id yet (check that it is your Slack team id).`);
    if (known && typeof flags.form.stages === 'string') flags.form.stages = keepStageAliases(flags.form.stages, known);
    if (flags.alias !== undefined) {
      // CRM names are added to the stages as they stand (or as --stages, --won and --lost give them).
      const current = setupFormOf(known ?? DEFAULT_SETUP);
      const base = { stages: flags.form.stages ?? current.stages, won: flags.form.won ?? current.won, lost: flags.form.lost ?? current.lost };
      const added = addStageAliases(base, flags.alias);
      if (typeof added === 'string') return usage(out, `--alias: ${added}`);
      Object.assign(flags.form, added);
    }
    if (Object.keys(flags.form).length === 0) return usage(out, 'nothing to set: give at least one flag');
    const result = await saveSetup(db, { workspaceId: workspace.data, actor: null, via: 'cli', form: flags.form, createIfMissing: true }, now);
    if (!result.ok) {
      out.error(`Cannot save the setup of ${workspace.data}:`);
      for (const f of SETUP_FLAGS) if (result.errors[f.field]) out.error(`  ${f.flag}: ${result.errors[f.field]}`);
      out.error('Nothing was changed.');
      return 1;
    }
    if (result.changed.length === 0) {
      out.log(`Nothing changed: ${workspace.data} already has that setup.`);
      return 0;
    }
    out.log(`Saved the setup of ${workspace.data}: ${result.changed.join(', ')} changed (recorded in the audit log, via cli).`);
    for (const m of result.moved) out.log(`Moved ${m.deals} deal${m.deals === 1 ? '' : 's'} from ${m.from} to ${m.to}.`);
    if (result.recompute) {
      const summary = await result.recompute();
      out.log(`Recomputed coaching: ${summary.reps} reps in ${summary.teams} teams, ${summary.tierChanges} tier changes.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      out.error(error.message);
      return 1;
    }
    throw error;
  }
}

/** The workspace's setup, or null when no workspace has the id yet (`setup set` then creates it). */
async function setupIfAny(db: TDb, workspaceId: string): Promise<TWorkspaceSetup | null> {
  try {
    return await getSetup(db, workspaceId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

function usage(out: TCliOutput, message: string): number {
  out.error(`${message}\n${USAGE}`);
  return 2;
}

/** `--flag value` and `--flag=value`; every setting flag at most once. */
function readFlags(args: readonly string[]): { workspace: string | undefined; alias: string | undefined; form: TSetupForm } | string {
  const form: TSetupForm = {};
  let workspace: string | undefined;
  let alias: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (!name.startsWith('--')) return `unexpected argument '${name}'`;
    if (value === undefined) return `${name} needs a value`;
    if (name === '--workspace') {
      workspace = value;
      continue;
    }
    if (name === '--alias') {
      if (alias !== undefined) return '--alias is given twice';
      alias = value;
      continue;
    }
    const flag = SETUP_FLAGS.find((f) => f.flag === name || (name === '--timezone' && f.field === 'timezone'));
    if (!flag) return `unknown flag ${name}`;
    if (form[flag.field] !== undefined) return `${name} is given twice`;
    form[flag.field] = value;
  }
  return { workspace, alias, form };
}
