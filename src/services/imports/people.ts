import type { TDb } from '../../../db/client';
import {
  ensureTeam,
  insertPerson,
  loadPeopleForImport,
  setPersonManager,
  type TImportPerson,
  updatePerson,
} from '../../../db/repositories/imports';
import { asSlackUserId, canonicalZone, shown, type TPersonCsvRow } from '../../domain/csv-rows';
import type { TRole } from '../../domain/types';
import { collectRows, nameKey, type TEachRow, type TImportContext, type TImportCounts, type TValidRow } from './context';

/** A people row with its Slack id and zone known (from the file, the workspace or Slack's e-mail lookup). */
type TResolvedPerson = Omit<TPersonCsvRow, 'slack_user_id' | 'tz'> & { slack_user_id: string; tz: string };
type TRow = TValidRow<TResolvedPerson>;

/**
 * Upserts the file's people by Slack user id; a row without one is found by e-mail (someone already in
 * the workspace, else Slack's `users.lookupByEmail`, asked beforehand: `ctx.emailLookups`). Managers may
 * be named by id, e-mail or full name, in any row of the file or already stored. Whoever is someone's
 * manager afterwards is a manager (admins stay admins) and has a team row, as `promoteToManager` does.
 */
export async function importPeople(db: TDb, ctx: TImportContext, each: TEachRow<TPersonCsvRow>): Promise<TImportCounts | undefined> {
  const { errors } = ctx;
  const existing = await loadPeopleForImport(db, ctx.workspaceId);
  const stored = new Map(existing.map((p) => [p.slackUserId, p]));
  const storedByEmail = new Map(existing.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
  const slackIdOf = new Map(existing.map((p) => [p.id, p.slackUserId]));
  const rows = resolveRows(await collectRows(each), stored, storedByEmail, ctx);

  const inFile = new Map<string, TRow>();
  for (const row of rows) {
    const first = inFile.get(row.value.slack_user_id);
    if (first) errors.add(row.line, `slack_user_id ${row.value.slack_user_id} is also on line ${first.line}`);
    else inFile.set(row.value.slack_user_id, row);
  }

  // Everyone's e-mail after the import: the file's where it says, else the stored one.
  const byEmail = new Map<string, string>();
  for (const p of existing) {
    const email = p.email?.toLowerCase();
    if (email && !inFile.has(p.slackUserId) && !byEmail.has(email)) byEmail.set(email, p.slackUserId);
  }
  const emailOf = (slack: string, row: TRow) => (row.value.email === undefined ? (stored.get(slack)?.email ?? null) : row.value.email);
  for (const [slack, row] of inFile) {
    const email = emailOf(slack, row)?.toLowerCase();
    if (!email) continue;
    const owner = byEmail.get(email);
    if (!owner) byEmail.set(email, slack);
    else errors.add(row.line, `email ${shown(email)} is also ${inFile.has(owner) ? `on line ${inFile.get(owner)!.line}` : `the e-mail of ${owner}`}`);
  }

  const rejected = new Set(ctx.rejected.flatMap((r) => [r.slack_user_id?.trim().toUpperCase(), r.email?.trim().toLowerCase(), r.name ? nameKey(r.name) : undefined]));
  // Everyone's full name after the import, for managers named by name: two people of one name name neither.
  const byName = new Map<string, Set<string>>();
  for (const p of existing) if (!inFile.has(p.slackUserId) && p.name.trim()) addTo(byName, nameKey(p.name), p.slackUserId);
  for (const [slack, row] of inFile) addTo(byName, nameKey(row.value.name), slack);
  const findManager = (ref: string): string | undefined | { problem: string } => {
    if (ref.includes('@')) return byEmail.get(ref);
    const id = asSlackUserId(ref);
    if (id !== undefined && (inFile.has(id) || stored.has(id))) return id;
    const named = byName.get(nameKey(ref));
    if (!named) return undefined;
    if (named.size === 1) return [...named][0];
    return { problem: `is the name of ${named.size} people (${[...named].join(', ')}): write their e-mail or Slack user id instead` };
  };
  const managerOf = new Map<string, string | null>();
  for (const p of existing) managerOf.set(p.slackUserId, p.managerId === null ? null : (slackIdOf.get(p.managerId) ?? null));
  for (const [slack, { line, value }] of inFile) {
    if (value.manager === undefined) {
      if (!managerOf.has(slack)) managerOf.set(slack, null);
      continue;
    }
    const ref = value.manager;
    const target = ref === null ? null : findManager(ref);
    if (typeof target === 'object' && target !== null) {
      managerOf.set(slack, null);
      errors.add(line, `manager ${shown(ref!)} ${target.problem}`);
      continue;
    }
    managerOf.set(slack, target === slack ? null : (target ?? null));
    if (target === slack) errors.add(line, `manager ${shown(ref!)} is this person: nobody manages themself`);
    else if (target === undefined && !rejected.has(ref!) && !rejected.has(nameKey(ref!))) errors.add(line, `manager ${shown(ref!)} is neither in this file nor in the workspace`);
  }
  reportCycles(managerOf, inFile, ctx);
  if (errors.size > 0) return undefined;

  const managers = new Set([...managerOf.values()].filter((m): m is string => m !== null));
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const ids = new Map(existing.map((p) => [p.slackUserId, p.id]));
  const managerChanges: [string, string | null][] = [];
  const now = ctx.now.getTime();
  for (const [slack, row] of inFile) {
    const before = stored.get(slack);
    const { value } = row;
    const next = {
      name: value.name,
      email: emailOf(slack, row),
      role: effectiveRole(value.role ?? before?.role ?? 'rep', managers.has(slack)),
      tz: value.tz,
      quota: value.quota === undefined ? (before?.quota ?? null) : value.quota,
    };
    const manager = managerOf.get(slack) ?? null;
    if (!before) {
      ids.set(slack, await insertPerson(db, { ...next, workspaceId: ctx.workspaceId, slackUserId: slack, createdAt: now }));
      counts.inserted++;
      if (manager !== null) managerChanges.push([slack, manager]);
      continue;
    }
    const managerBefore = before.managerId === null ? null : (slackIdOf.get(before.managerId) ?? null);
    if (samePerson(before, next) && managerBefore === manager) {
      counts.unchanged++;
      continue;
    }
    await updatePerson(db, before.id, next);
    counts.updated++;
    if (managerBefore !== manager) managerChanges.push([slack, manager]);
  }
  // Managers are set once everyone has an id: a row may name a manager further down the file.
  for (const [slack, manager] of managerChanges) await setPersonManager(db, ids.get(slack)!, manager === null ? null : ids.get(manager)!);
  for (const [slack, row] of inFile) {
    const manager = managerOf.get(slack);
    if (!manager || row.value.manager === undefined) continue;
    const name = inFile.get(manager)?.value.name ?? stored.get(manager)?.name ?? '';
    await ensureTeam(db, ctx.workspaceId, ids.get(manager)!, `${name || 'Team'}'s team`, now);
  }
  return counts;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/**
 * Gives every row its Slack id and zone: as written; else the stored person with that e-mail; else what
 * Slack answered for it. A row Slack was not asked about (no token) or does not know is a line error.
 */
function resolveRows(
  rows: TValidRow<TPersonCsvRow>[],
  stored: ReadonlyMap<string, TImportPerson>,
  storedByEmail: ReadonlyMap<string, TImportPerson>,
  ctx: TImportContext,
): TRow[] {
  const resolved: TRow[] = [];
  for (const { line, value } of rows) {
    const email = value.email?.toLowerCase() ?? null;
    const known = email ? storedByEmail.get(email) : undefined;
    const lookup = email && value.slack_user_id === null && !known ? ctx.emailLookups.get(email) : undefined;
    let slack = value.slack_user_id ?? known?.slackUserId;
    if (slack === undefined && lookup?.ok) slack = lookup.slackUserId;
    if (slack === undefined) {
      if (!lookup) ctx.errors.add(line, `slack_user_id is empty and Slack was not asked for ${shown(email ?? '')}: no Slack token for this workspace (install Canopy in it with OAuth, or set SLACK_BOT_TOKEN in single-workspace mode) to look people up by e-mail, or fill in slack_user_id`);
      else if (!lookup.ok && lookup.error === 'users_not_found') ctx.errors.add(line, `email ${shown(email!)} is not the address of anyone in this Slack workspace (users.lookupByEmail: users_not_found)`);
      else if (!lookup.ok) ctx.errors.add(line, `email ${shown(email!)} could not be looked up in Slack (${lookup.error})`);
      continue;
    }
    const tz = value.tz ?? (lookup?.ok ? canonicalZone(lookup.slackUserId === slack && lookup.tz ? lookup.tz : '') : undefined) ?? stored.get(slack)?.tz;
    if (!tz) {
      ctx.errors.add(line, 'tz is required (an IANA time zone, like America/New_York)');
      continue;
    }
    resolved.push({ line, value: { ...value, slack_user_id: slack, tz } });
  }
  return resolved;
}

function effectiveRole(role: TRole, managesSomeone: boolean): TRole {
  return role === 'rep' && managesSomeone ? 'manager' : role;
}

function samePerson(before: TImportPerson, next: Omit<TImportPerson, 'id' | 'slackUserId' | 'managerId'>): boolean {
  return (
    before.name === next.name &&
    before.email === next.email &&
    before.role === next.role &&
    before.tz === next.tz &&
    before.quota === next.quota
  );
}

/** A manager chain that comes back to where it started is reported once, on its first line in the file. */
function reportCycles(managerOf: ReadonlyMap<string, string | null>, inFile: ReadonlyMap<string, TRow>, ctx: TImportContext): void {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of inFile.keys()) {
    const path: string[] = [];
    let current: string | null | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'open');
      path.push(current);
      current = managerOf.get(current);
    }
    if (current && state.get(current) === 'open') {
      const cycle = path.slice(path.indexOf(current));
      const lines = cycle.flatMap((s) => (inFile.has(s) ? [inFile.get(s)!.line] : [])).sort((a, b) => a - b);
      const where = lines.length > 1 ? ` (lines ${lines.join(', ')})` : '';
      if (lines.length > 0) ctx.errors.add(lines[0]!, `manager chain loops: ${[...cycle, current].join(' → ')}${where}`);
    }
    for (const s of path) state.set(s, 'done');
  }
}
