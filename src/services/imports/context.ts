import { z } from 'zod';
import type { TDb } from '../../../db/client';
import { loadPeopleForImport, loadStageAliases } from '../../../db/repositories/imports';
import { asSlackUserId, canonicalZone, shown, stageRefKey } from '../../domain/csv-rows';
import type { TStage } from '../../domain/types';
import type { ErrorSink } from './errors';
import type { TInstantResolver } from './local-time';
import type { TEmailLookups } from './ports';

/** A row that passed its schema, with the line it came from. */
export type TValidRow<T> = { line: number; value: T };

/**
 * Visits the rows that pass their schema, in file order, reporting the others as it goes. Rows are
 * validated while they are visited so that a large file is read in one pass, without a copy.
 */
export type TEachRow<T> = (visit: (line: number, value: T) => void | Promise<void>) => Promise<void>;

/** All valid rows at once, for the kinds that need to see the whole file (small files). */
export async function collectRows<T>(each: TEachRow<T>): Promise<TValidRow<T>[]> {
  const rows: TValidRow<T>[] = [];
  await each((line, value) => {
    rows.push({ line, value });
  });
  return rows;
}

/** What one kind's importer needs besides the database. */
export type TImportContext = {
  workspaceId: string;
  now: Date;
  errors: ErrorSink;
  resolveInstant: TInstantResolver;
  /** Raw cells of the rows that failed their schema (filled while rows are visited): a reference to one is not reported twice. */
  rejected: Record<string, string>[];
  /** People rows without a Slack id: what Slack answered for their e-mail (absent: it could not be asked). */
  emailLookups: TEmailLookups;
  /** The file's stage-entered columns (their stage as written, and the column's label), in the rows' `entered` order. */
  enteredColumns: { stage: string; column: string }[];
  /** True for a file in our own format (no `--from` or `--map`): a close date on an open deal is then a mistake, not a forecast. */
  ownFormat: boolean;
  /** Things the admin should know about an import that succeeded (amounts in another currency…). */
  notes: string[];
};

export type TImportCounts = { inserted: number; updated: number; unchanged: number };

export type TPersonRef = { id: number; slackUserId: string; tz: string; name: string };

/** Finds a person named by Slack user id, e-mail or full name; a message (to follow the column and the cell) when none or two fit. */
export type TPersonResolver = (ref: string) => TPersonRef | string;

/** Case, accents as typed and runs of spaces folded: `ana  ORTIZ` is `Ana Ortiz`. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The workspace's people by Slack user id, lower-cased e-mail and full name, built once per import. A
 * name two people share names neither: the message lists both.
 */
export async function personResolver(db: TDb, workspaceId: string): Promise<TPersonResolver> {
  const byRef = new Map<string, TPersonRef>();
  const byName = new Map<string, TPersonRef[]>();
  for (const p of await loadPeopleForImport(db, workspaceId)) {
    // A zone Slack reported but Intl does not know would turn every timestamp into NaN: read it as UTC.
    const ref = { id: p.id, slackUserId: p.slackUserId, tz: canonicalZone(p.tz) ?? 'UTC', name: p.name };
    byRef.set(p.slackUserId, ref);
    const email = p.email?.toLowerCase();
    if (email && !byRef.has(email)) byRef.set(email, ref);
    if (p.name.trim() === '') continue;
    const key = nameKey(p.name);
    byName.set(key, [...(byName.get(key) ?? []), ref]);
  }
  return (ref) => {
    const found = byRef.get(ref);
    if (found) return found;
    if (ref.includes('@')) return 'is not a person of this workspace (import people first)';
    const id = asSlackUserId(ref);
    const byId = id === undefined ? undefined : byRef.get(id);
    if (byId) return byId;
    const named = byName.get(nameKey(ref));
    if (!named && id !== undefined) return 'is not a person of this workspace (import people first)';
    if (!named) return 'is not a person of this workspace: no Slack user id, e-mail or full name matches (import people first)';
    if (named.length === 1) return named[0]!;
    return `is the name of ${named.length} people (${named.map((p) => p.slackUserId).join(', ')}): write their e-mail or Slack user id instead`;
  };
}

const ZAliases = z.array(z.string());
// A won or lost stage answers to the names CRMs give results, unless the workspace uses them for another stage.
const OUTCOME_NAMES = { won: ['closed won', 'closedwon', 'won'], lost: ['closed lost', 'closedlost', 'lost'] } as const;

/**
 * Finds a stage by key, name or one of its CRM names (`stages.aliases`, set in setup), case, spaces,
 * `_` and `-` folded. Keys win over names, names over CRM names.
 */
export async function stageMatcher(db: TDb, workspaceId: string, stages: readonly TStage[]): Promise<(ref: string) => TStage | undefined> {
  const byRef = new Map<string, TStage>();
  const byKey = new Map(stages.map((s) => [s.key, s]));
  for (const s of stages) for (const name of s.outcome ? OUTCOME_NAMES[s.outcome] : []) byRef.set(name, s);
  for (const [key, json] of await loadStageAliases(db, workspaceId)) {
    const parsed = ZAliases.safeParse(safeJson(json));
    const stage = byKey.get(key);
    if (!parsed.success || !stage) continue;
    for (const alias of parsed.data) byRef.set(stageRefKey(alias), stage);
  }
  for (const s of stages) byRef.set(stageRefKey(s.name), s);
  for (const s of stages) byRef.set(stageRefKey(s.key), s);
  return (ref) => byRef.get(ref) ?? byRef.get(stageRefKey(ref));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The list of stage keys for a message, e.g. "prospecting, discovery, demo". */
export function stageKeys(stages: readonly TStage[], terminal: boolean): string {
  return stages
    .filter((s) => terminal || !s.outcome)
    .map((s) => s.key)
    .join(', ');
}

/** The message for a stage nobody knows: the stages there are, and how to teach the workspace a CRM name. */
export function unknownStage(column: string, ref: string, stages: readonly TStage[]): string {
  return `${column} ${shown(ref)} is not a stage of this workspace (${stageKeys(stages, true)}): add it as a CRM name of one of them with /coach setup or "npm run cli -- setup set --stages …"`;
}
