import { ensureWorkspace } from '../../../db/repositories/workspaces';
import { type TDb, writeTransaction } from '../../../db/client';
import { refreshDealsFromHistory } from '../../../db/repositories/deals';
import type { TPersonRow } from '../../../db/repositories/people';
import { countStageUse, insertAuditEvents, listDealIdsWithHistory, moveStageRecords, readStoredSetup, writeStoredSetup } from '../../../db/repositories/setup';
import { AppError } from '../../domain/errors';
import { changedSetupKeys, COACHING_KEYS, SETTINGS_KEYS, setupFromStored, type TSetupKey, type TWorkspaceSetup, ZWorkspaceSetup } from '../../domain/setup';
import { applySetupChange, fieldOfIssue, readSetupForm, setupFormOf, type TSetupErrors, type TSetupField, type TSetupForm } from '../../domain/setup-text';
import { recomputeWorkspace, type TRecomputeSummary } from '../coaching/recompute-workspace';
import { resolveHolidays } from '../settings/settings-fields';
import { isAdmin } from '../teams/authorize';
import { planAdminRoles, type TRolePlan } from '../../domain/setup-roles';
import { rolePeople, writeAdminRoles } from './admin-roles';
import { SETUP_ADMINS_ONLY } from './open-setup-form';

/** A setting that changed: a key of the setup, or `admins` (roles, kept on people). */
export type TSetupChangedKey = TSetupKey | 'admins';

export type TSaveSetupInput = {
  workspaceId: string;
  /** The admin saving in Slack; null from the CLI. */
  actor: TPersonRow | null;
  via: 'slack' | 'cli';
  form: TSetupForm;
  /** From the CLI, an admin's first step may be the setup: the workspace is created as an import would. */
  createIfMissing?: boolean;
};

export type TSaveSetupResult =
  | {
      ok: true;
      setup: TWorkspaceSetup;
      changed: TSetupChangedKey[];
      /** Stages removed with where their deals went, and how many deals moved. */
      moved: { from: string; to: string; deals: number }[];
      /**
       * Set when a change affects coaching: the workspace's recompute with the saved settings, for the caller to
       * run once it has answered (Slack wants its answer within 3 seconds).
       */
      recompute: (() => Promise<TRecomputeSummary>) | null;
    }
  | { ok: false; errors: TSetupErrors };

/**
 * Validates and saves a change to the workspace's setup, with an audit line per changed key (before and
 * after). A stage that deals use may only go with a stage named for them (`demo -> proposal`); otherwise the
 * save is refused with the count. Renaming a stage keeps its key, so deals keep pointing at it.
 */
export async function saveSetup(db: TDb, input: TSaveSetupInput, now: Date): Promise<TSaveSetupResult> {
  if (input.via === 'slack' && (!input.actor || !isAdmin(input.actor))) {
    throw new AppError('not_allowed', SETUP_ADMINS_ONLY);
  }
  if (input.createIfMissing && !(await readStoredSetup(db, input.workspaceId))) await ensureWorkspace(db, input.workspaceId);
  const stored = await readStoredSetup(db, input.workspaceId);
  if (!stored) throw new AppError('not_found', `No workspace has the id ${input.workspaceId.slice(0, 20)} (check the Slack team id).`);
  const current = setupFromStored(stored);

  // A field sent as it was shown is no change (the modal sends every field): a map or threshold left alone
  // must not block removing the stage it names. Every problem at once: the fields that cannot be read are
  // reported beside what the rest would break.
  const people = await rolePeople(db, input.workspaceId);
  const admins = people.filter((p) => p.role === 'admin' && !p.isDeleted && !p.isBot).map((p) => p.slackUserId);
  const shown = setupFormOf(current, admins);
  const form = Object.fromEntries(Object.entries(input.form).filter(([field, text]) => (text ?? '').trim() !== shown[field as TSetupField]));
  const read = readSetupForm(form);
  const applied = applySetupChange(current, read.change);
  if (!applied.ok) return { ok: false, errors: { ...applied.errors, ...read.errors } };
  const candidate = applied.setup;

  const errors: TSetupErrors = { ...read.errors };
  if (read.change.holidayCountry !== undefined || read.change.holidayRegion !== undefined) {
    const holidays = resolveHolidays(candidate.holidayCountry ?? '', candidate.holidayRegion ?? '');
    if (holidays.ok) Object.assign(candidate, { holidayCountry: holidays.country, holidayRegion: holidays.region });
    else Object.assign(errors, holidays.errors);
  }
  const parsed = ZWorkspaceSetup.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssue(issue.path, candidate);
      errors[field] ??= issue.message;
    }
  }
  const moves = await stageMoves(db, input.workspaceId, current, candidate, applied.moves, errors);
  const roles = adminChange(people, admins, read.change.admins, errors);
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  const next = parsed.data;

  const changed: TSetupChangedKey[] = [...changedSetupKeys(current, next), ...(roles ? ['admins' as const] : [])];
  if (changed.length === 0) return { ok: true, setup: next, changed, moved: [], recompute: null };
  const moved = await writeTransaction(db, async (tx) => {
    const done: ((typeof moves)[number] & { touched: number[] })[] = [];
    for (const m of moves) done.push({ ...m, touched: await moveStageRecords(tx, input.workspaceId, m.from, m.to) });
    await writeStoredSetup(tx, input.workspaceId, {
      stages: next.stages.map((s) => ({ key: s.key, name: s.name, outcome: s.outcome, aliases: s.aliases, staleAfterDays: s.staleDays })),
      timezone: next.timezone,
      activityStageMap: next.activityStages,
      settings: { ...stored.settings, ...Object.fromEntries(SETTINGS_KEYS.map((k) => [k, next[k]])) },
    });
    // A new order, or a stage whose deals moved, changes which stage is a deal's furthest: re-derive them from
    // history. A rename or new CRM names change nothing recorded.
    const stages = next.stages.map((s, i) => ({ key: s.key, name: s.name, position: i + 1, outcome: s.outcome }));
    if (reordered(current, next)) await refreshDealsFromHistory(tx, await listDealIdsWithHistory(tx, input.workspaceId), stages);
    else await refreshDealsFromHistory(tx, [...new Set(done.flatMap((m) => m.touched))], stages);
    if (roles) await writeAdminRoles(tx, roles);
    await insertAuditEvents(
      tx,
      changed.map((key) => ({
        workspaceId: input.workspaceId,
        actorId: input.actor?.id ?? null,
        via: input.via,
        action: `setup.${key}`,
        subject: key,
        details: key === 'admins' ? { before: roles!.before, after: roles!.after } : { before: current[key], after: next[key], ...(key === 'stages' && done.length > 0 ? { moved: done.map((m) => ({ from: m.from, to: m.to, deals: m.touched.length })) } : {}) },
        at: now,
      })),
    );
    return done.map((m) => ({ from: m.from, to: m.to, deals: m.touched.length }));
  });
  const coaching = changed.some((key) => key !== 'admins' && COACHING_KEYS.has(key));
  return { ok: true, setup: next, changed, moved, recompute: coaching ? () => recomputeWorkspace(db, { workspaceId: input.workspaceId, now }) : null };
}

/**
 * The stages that go and where their records move. A stage that deals use needs a target of the same kind (open
 * to open, won to won); without one the save is refused with the count, so nothing is lost by accident.
 */
async function stageMoves(db: TDb, workspaceId: string, current: TWorkspaceSetup, next: TWorkspaceSetup, wanted: Record<string, string>, errors: TSetupErrors): Promise<{ from: string; to: string }[]> {
  const nextByKey = new Map(next.stages.map((s) => [s.key, s]));
  const moves: { from: string; to: string }[] = [];
  for (const [from, to] of Object.entries(wanted)) {
    if (nextByKey.has(from)) errors.stages ??= `${from} is still listed: leave its line out when you move it (\`${from} -> ${to}\`)`;
    else if (!current.stages.some((s) => s.key === from)) errors.stages ??= `there is no stage '${from.slice(0, 40)}' to move`;
  }
  for (const stage of current.stages) {
    if (nextByKey.has(stage.key)) continue;
    const field = stage.outcome === 'won' ? 'won' : stage.outcome === 'lost' ? 'lost' : 'stages';
    const to = wanted[stage.key];
    const target = to === undefined ? undefined : nextByKey.get(to);
    if (to !== undefined && (!target || target.outcome !== stage.outcome)) {
      errors[field] ??= `${stage.name} can only move to ${stage.outcome ? `the ${stage.outcome} stage` : 'an open stage that stays'}, not '${to.slice(0, 40)}'`;
      continue;
    }
    const use = await countStageUse(db, workspaceId, stage.key);
    if (target) moves.push({ from: stage.key, to: target.key });
    else if (use.deals > 0) {
      const what = use.openDeals > 0 ? `${use.openDeals} open deal${use.openDeals === 1 ? ' is' : 's are'} in ${stage.name}` : `${use.deals} deal${use.deals === 1 ? '' : 's'} went through ${stage.name}`;
      errors[field] ??= `${what}; pick the stage they move to: add \`${stage.key} -> <stage>\` to the stages`;
    }
  }
  return moves;
}

/** The role changes a new list of Canopy admins makes; null when it names the admins there are (in any order). */
function adminChange(people: Parameters<typeof planAdminRoles>[0], current: readonly string[], wanted: string[] | undefined, errors: TSetupErrors): TRolePlan | null {
  if (wanted === undefined) return null;
  if (wanted.length === current.length && wanted.every((id) => current.includes(id))) return null;
  const planned = planAdminRoles(people, wanted);
  if (!planned.ok) {
    errors.admins ??= planned.error;
    return null;
  }
  return planned.plan;
}

/** Whether the stages both setups have come in a different order. */
function reordered(before: TWorkspaceSetup, after: TWorkspaceSetup): boolean {
  const kept = after.stages.map((s) => s.key);
  const order = before.stages.map((s) => s.key).filter((key) => kept.includes(key));
  return order.join() !== kept.filter((key) => order.includes(key)).join();
}
