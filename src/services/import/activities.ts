import { hash } from 'node:crypto';
import type { TDb } from '../../../db/client';
import { activityInserter, loadDealRefs, type TActivityParams, touchDealActivity } from '../../../db/repositories/imports';
import { listStages } from '../../../db/repositories/workspaces';
import { shown, type TActivityCsvRow } from '../../domain/csv-rows';
import { personIndex, stageKeys, stageMatcher, type TImportContext, type TImportCounts, type TValidRow } from './context';

/**
 * Inserts activities, each with an `import_ref`: a digest of the normalised row and of its
 * occurrence among identical rows of the file. Two identical rows are two activities; importing
 * the same file again inserts nothing. Activities are never updated: an edited row is a new one.
 */
export function importActivities(db: TDb, ctx: TImportContext, rows: readonly TValidRow<TActivityCsvRow>[]): TImportCounts | undefined {
  const { errors, workspaceId } = ctx;
  const people = personIndex(db, workspaceId);
  const stages = listStages(db, workspaceId);
  const stageOf = stageMatcher(stages);
  const deals = rows.some((r) => r.value.deal_id) ? loadDealRefs(db, workspaceId) : new Map<string, number>();
  const occurrences = new Map<string, number>();
  const createdAt = ctx.now.getTime();
  const params: TActivityParams[] = [];

  for (const { line, value } of rows) {
    const rep = people.get(value.rep);
    if (!rep) errors.add(line, `rep ${shown(value.rep)} is not a person of this workspace (import people first)`);
    const stage = value.stage ? stageOf(value.stage) : undefined;
    if (value.stage && !stage) errors.add(line, `stage ${shown(value.stage)} is not a stage of this workspace (${stageKeys(stages, true)})`);
    const dealId = value.deal_id ? deals.get(value.deal_id) : undefined;
    if (value.deal_id && dealId === undefined) errors.add(line, `deal_id ${shown(value.deal_id)} is not a deal of this workspace (import deals first)`);
    if (!rep || errors.size > 0) continue;

    const occurredAt = ctx.resolveInstant(value.occurred_at, rep.tz);
    const count = value.count ?? 1;
    const stageKey = stage?.key ?? null;
    const key = `${rep.slackUserId}|${value.type}|${count}|${occurredAt}|${value.deal_id ?? ''}|${stageKey ?? ''}`;
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    const importRef = `csv:${hash('sha1', `${key}#${n}`, 'base64url')}`;
    params.push([workspaceId, rep.id, value.type, count, occurredAt, dealId ?? null, stageKey, importRef, createdAt]);
  }
  if (errors.size > 0) return undefined;

  const insert = activityInserter(db);
  let inserted = 0;
  const lastOnDeal = new Map<number, number>();
  for (const p of params) {
    if (!insert(p)) continue;
    inserted++;
    const dealId = p[5];
    if (dealId !== null) lastOnDeal.set(dealId, Math.max(lastOnDeal.get(dealId) ?? 0, p[4]));
  }
  for (const [dealId, at] of lastOnDeal) touchDealActivity(db, dealId, at);
  return { inserted, updated: 0, unchanged: params.length - inserted };
}
