import type { TDb } from '../../../db/client';
import { activityInserter, loadDealRefs, touchDealActivity } from '../../../db/repositories/imports';
import { listStages } from '../../../db/repositories/workspaces';
import { shown, type TActivityCsvRow } from '../../domain/csv-rows';
import { RowDigest } from './row-digest';
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
  const seen = new Map<string, number>();
  const digest = new RowDigest();
  const insert = activityInserter(db, workspaceId, ctx.now.getTime());
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
    const key = digest
      .reset()
      .text(rep.slackUserId)
      .text(value.type)
      .number(count)
      .number(occurredAt)
      .text(value.deal_id ?? '')
      .text(stageKey ?? '')
      .digest();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const importRef = n === 1 ? `csv:${key}` : `csv:${key}#${n}`;
    if (!insert(rep.id, value.type, count, occurredAt, dealId, stageKey, importRef)) return;
    inserted++;
    if (dealId !== null) lastOnDeal.set(dealId, Math.max(lastOnDeal.get(dealId) ?? 0, occurredAt));
  });
  if (errors.size > 0) return undefined;
  for (const [dealId, at] of lastOnDeal) touchDealActivity(db, dealId, at);
  return { inserted, updated: 0, unchanged: rows - inserted };
}
