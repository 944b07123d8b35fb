import type { TDb } from '../../../db/client';
import { loadPeopleForImport } from '../../../db/repositories/imports';
import { canonicalZone } from '../../domain/csv-rows';
import type { TStage } from '../../domain/types';
import type { ErrorSink } from './errors';
import type { TInstantResolver } from './local-time';

/** A row that passed its schema, with the line it came from. */
export type TValidRow<T> = { line: number; value: T };

/**
 * Visits the rows that pass their schema, in file order, reporting the others as it goes. Rows are
 * validated while they are visited so that a large file is read in one pass, without a copy.
 */
export type TEachRow<T> = (visit: (line: number, value: T) => void) => void;

/** All valid rows at once, for the kinds that need to see the whole file (small files). */
export function collectRows<T>(each: TEachRow<T>): TValidRow<T>[] {
  const rows: TValidRow<T>[] = [];
  each((line, value) => rows.push({ line, value }));
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
};

export type TImportCounts = { inserted: number; updated: number; unchanged: number };

export type TPersonRef = { id: number; slackUserId: string; tz: string };

/** The workspace's people by Slack user id and by lower-cased e-mail, built once per import. */
export function personIndex(db: TDb, workspaceId: string): Map<string, TPersonRef> {
  const index = new Map<string, TPersonRef>();
  for (const p of loadPeopleForImport(db, workspaceId)) {
    // A zone Slack reported but Intl does not know would turn every timestamp into NaN: read it as UTC.
    const ref = { id: p.id, slackUserId: p.slackUserId, tz: canonicalZone(p.tz) ?? 'UTC' };
    index.set(p.slackUserId, ref);
    const email = p.email?.toLowerCase();
    if (email && !index.has(email)) index.set(email, ref);
  }
  return index;
}

/** Finds a stage by key or by name, case-insensitively (cells are lower-cased by the schema). */
export function stageMatcher(stages: readonly TStage[]): (ref: string) => TStage | undefined {
  const byRef = new Map<string, TStage>();
  for (const s of stages) byRef.set(s.name.toLowerCase(), s);
  for (const s of stages) byRef.set(s.key.toLowerCase(), s);
  return (ref) => byRef.get(ref);
}

/** The list of stage keys for a message, e.g. "prospecting, discovery, demo". */
export function stageKeys(stages: readonly TStage[], terminal: boolean): string {
  return stages
    .filter((s) => terminal || !s.outcome)
    .map((s) => s.key)
    .join(', ');
}
