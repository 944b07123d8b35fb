import type { TDb } from '../../../db/client';
import { dealNameKey } from '../../../db/repositories/deals';
import { loadDealsForImport, saveImportedDeal, type TDealValues, type TImportDeal } from '../../../db/repositories/imports';
import { listStages } from '../../../db/repositories/workspaces';
import { shown, type TDealCsvRow } from '../../domain/csv-rows';
import { collectRows, personIndex, stageKeys, stageMatcher, type TEachRow, type TImportContext, type TImportCounts } from './context';

type TPlan = { values: TDealValues; before: TImportDeal | undefined; history: [string, number][] };

/**
 * Upserts deals by the CRM's id. A deal's imported history is the furthest stage entered when the
 * deal was created, then won or lost when it closed; history logged in Slack is left alone.
 */
export function importDeals(db: TDb, ctx: TImportContext, each: TEachRow<TDealCsvRow>): TImportCounts | undefined {
  const rows = collectRows(each);
  const { errors, workspaceId } = ctx;
  const stages = listStages(db, workspaceId);
  const stageOf = stageMatcher(stages);
  const people = personIndex(db, workspaceId);
  const stored = new Map(loadDealsForImport(db, workspaceId).map((d) => [d.externalId, d]));
  const seen = new Map<string, number>();
  const plans: TPlan[] = [];

  for (const { line, value } of rows) {
    const first = seen.get(value.deal_id);
    if (first !== undefined) errors.add(line, `deal_id ${shown(value.deal_id)} is also on line ${first}`);
    else seen.set(value.deal_id, line);
    const rep = people.get(value.rep);
    if (!rep) errors.add(line, `rep ${shown(value.rep)} is not a person of this workspace (import people first)`);
    const furthest = stageOf(value.furthest_stage);
    if (!furthest) {
      errors.add(line, `furthest_stage ${shown(value.furthest_stage)} is not a stage of this workspace (${stageKeys(stages, false)})`);
    } else if (furthest.outcome) {
      errors.add(line, `furthest_stage ${shown(value.furthest_stage)} is a result: put it in outcome, and the last stage reached before it in furthest_stage`);
    }
    const closing = value.outcome === 'open' ? undefined : stages.find((s) => s.outcome === value.outcome);
    if (value.outcome !== 'open' && !closing) errors.add(line, `outcome ${value.outcome}: this workspace has no ${value.outcome} stage`);
    if (!rep || !furthest || furthest.outcome || first !== undefined || (value.outcome !== 'open' && !closing)) continue;

    const createdAt = ctx.resolveInstant(value.created_at, rep.tz);
    const closedAt = value.closed_at ? ctx.resolveInstant(value.closed_at, rep.tz) : null;
    if (closedAt !== null && closedAt < createdAt) {
      errors.add(line, 'closed_at is before created_at');
      continue;
    }
    const before = stored.get(value.deal_id);
    const values: TDealValues = {
      workspaceId,
      externalId: value.deal_id,
      repId: rep.id,
      name: value.name,
      nameKey: dealNameKey(value.name),
      amountCents: value.amount === undefined ? (before?.amountCents ?? null) : value.amount,
      stage: closing?.key ?? furthest.key,
      furthestStage: furthest.key,
      outcome: value.outcome,
      createdAt,
      closedAt,
    };
    const history: [string, number][] = [[furthest.key, createdAt]];
    if (closing && closedAt !== null) history.push([closing.key, closedAt]);
    plans.push({ values, before, history });
  }
  if (errors.size > 0) return undefined;

  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const { values, before, history } of plans) {
    if (before && sameDeal(before, values)) {
      counts.unchanged++;
      continue;
    }
    saveImportedDeal(db, values, !before, history);
    if (before) counts.updated++;
    else counts.inserted++;
  }
  return counts;
}

function sameDeal(before: TImportDeal, next: TDealValues): boolean {
  return (
    before.repId === next.repId &&
    before.name === next.name &&
    before.nameKey === next.nameKey &&
    before.amountCents === next.amountCents &&
    before.stage === next.stage &&
    before.furthestStage === next.furthestStage &&
    before.outcome === next.outcome &&
    before.createdAt === next.createdAt &&
    before.closedAt === next.closedAt
  );
}
