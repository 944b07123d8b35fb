import { hash } from 'node:crypto';
import type { TDb } from '../../../db/client';
import {
  activityInserter,
  hasImportedActivities,
  importedActivityExists,
  loadDealRefs,
  touchDealActivity,
} from '../../../db/repositories/imports';
import { listStages } from '../../../db/repositories/workspaces';
import { shown, type TActivityCsvRow } from '../../domain/csv-rows';
import { personIndex, stageKeys, stageMatcher, type TEachRow, type TImportContext, type TImportCounts } from './context';

/**
 * Inserts activities, each with an `import_ref`: a digest of the normalised row, plus its
 * occurrence among identical rows of the file. Two identical rows are two activities; importing
 * the same file again inserts nothing. Activities are never updated: an edited row is a new one.
 *
 * The hot path of the import (SPEC: 100,000 rows/s): one pass that validates and inserts; the
 * caller's transaction rolls everything back if any row turns out bad.
 */
export function importActivities(db: TDb, ctx: TImportContext, each: TEachRow<TActivityCsvRow>): TImportCounts | undefined {
  const { errors, workspaceId } = ctx;
  const people = personIndex(db, workspaceId);
  const stages = listStages(db, workspaceId);
  const stageOf = stageMatcher(stages);
  let deals: Map<string, number> | undefined;
  const insert = activityInserter(db, workspaceId, ctx.now.getTime());
  // Into a workspace that never imported activities, a taken ref can only be an identical row earlier
  // in this file: the unique index numbers them, which saves a map of every row on the hot path.
  const fresh = !hasImportedActivities(db, workspaceId);
  const seen = new Map<string, number>();
  const lastOnDeal = new Map<number, number>();
  let rows = 0;
  let inserted = 0;

  each((line, value) => {
    rows++;
    const rep = people.get(value.rep);
    if (!rep) errors.add(line, `rep ${shown(value.rep)} is not a person of this workspace (import people first)`);
    const stage = value.stage ? stageOf(value.stage) : undefined;
    if (value.stage && !stage) errors.add(line, `stage ${shown(value.stage)} is not a stage of this workspace (${stageKeys(stages, true)})`);
    let dealId: number | null = null;
    if (value.deal_id) {
      deals ??= loadDealRefs(db, workspaceId);
      dealId = deals.get(value.deal_id) ?? null;
      if (dealId === null) errors.add(line, `deal_id ${shown(value.deal_id)} is not a deal of this workspace (import deals first)`);
    }
    // Once a row is bad nothing will be kept: keep checking the others, stop writing.
    if (!rep || errors.size > 0) return;

    const occurredAt = ctx.resolveInstant(value.occurred_at, rep.tz);
    const count = value.count ?? 1;
    const stageKey = stage?.key ?? null;
    const digest = hash('sha1', `${rep.slackUserId}|${value.type}|${count}|${occurredAt}|${value.deal_id ?? ''}|${stageKey ?? ''}`, 'base64url');
    if (fresh) {
      for (let n = 1; !insert(rep.id, value.type, count, occurredAt, dealId, stageKey, importRef(digest, n)); n++);
    } else {
      const n = (seen.get(digest) ?? 0) + 1;
      seen.set(digest, n);
      if (importedActivityExists(db, workspaceId, importRef(digest, n))) return;
      insert(rep.id, value.type, count, occurredAt, dealId, stageKey, importRef(digest, n));
    }
    inserted++;
    if (dealId !== null) lastOnDeal.set(dealId, Math.max(lastOnDeal.get(dealId) ?? 0, occurredAt));
  });
  if (errors.size > 0) return undefined;
  for (const [dealId, at] of lastOnDeal) touchDealActivity(db, dealId, at);
  return { inserted, updated: 0, unchanged: rows - inserted };
}

/** The ref of the n-th of identical rows. (A top-level function: a closure made per row costs more than the rest of the row.) */
function importRef(digest: string, n: number): string {
  return n === 1 ? `csv:${digest}` : `csv:${digest}#${n}`;
}
