import { z } from 'zod';
import type { TDb } from '../../../db/client';
import { dealNameKey } from '../../../db/repositories/deals';
import { loadDealsForImport, loadImportedHistory, loadWorkspaceSettings, saveImportedDeal, type TDealValues, type THistoryRow, type TImportDeal } from '../../../db/repositories/imports';
import { listStages } from '../../../db/repositories/workspaces';
import { shown, type TDealCsvRow } from '../../domain/csv-rows';
import type { TStage } from '../../domain/types';
import { collectRows, personResolver, stageMatcher, unknownStage, type TEachRow, type TImportContext, type TImportCounts } from './context';
import { dealHistory, sameHistory } from './deal-history';

type TPlan = { values: TDealValues; before: TImportDeal | undefined; history: THistoryRow[]; mode: 'replace' | 'append' };

const ZCurrencySetting = z.object({ currency: z.string().regex(/^[A-Z]{3}$/).optional() });

/**
 * Upserts deals by the CRM's id, reading them as CRMs export them: the rep by Slack id, e-mail or full
 * name; the stage by key, name or CRM name, the outcome from a won or lost stage when not given; the
 * history from stage-entered dates when the file has them (see `dealHistory`).
 */
/** A created date a day ahead is a zone difference, not a typo. */
const DAY_AHEAD_MS = 86_400_000;

export async function importDeals(db: TDb, ctx: TImportContext, each: TEachRow<TDealCsvRow>): Promise<TImportCounts | undefined> {
  const rows = await collectRows(each);
  const { errors, workspaceId } = ctx;
  const stages = await listStages(db, workspaceId);
  const open = stages.filter((s) => !s.outcome);
  const position = new Map(stages.map((s) => [s.key, s.position]));
  const stageOf = await stageMatcher(db, workspaceId, stages);
  const resolvePerson = await personResolver(db, workspaceId);
  const stored = new Map((await loadDealsForImport(db, workspaceId)).map((d) => [d.externalId, d]));
  const enteredStages = ctx.enteredColumns.map((c) => stageOf(c.stage));
  const currency = await workspaceCurrency(db, workspaceId);
  const foreign = new Map<string, number>();
  const seen = new Map<string, number>();
  const plans: TPlan[] = [];

  for (const { line, value } of rows) {
    const before = errors.size;
    const first = seen.get(value.deal_id);
    if (first !== undefined) errors.add(line, `deal_id ${shown(value.deal_id)} is also on line ${first}`);
    else seen.set(value.deal_id, line);
    const rep = resolvePerson(value.rep);
    if (typeof rep === 'string') errors.add(line, `rep ${shown(value.rep)} ${rep}`);
    const stage = stageOf(value.furthest_stage);
    if (!stage) errors.add(line, unknownStage('furthest_stage', value.furthest_stage, stages));
    const entered: [TStage, number][] = [];
    value.entered.forEach((at, i) => {
      if (at === null || typeof rep === 'string') return;
      const enteredStage = enteredStages[i];
      if (!enteredStage) errors.add(line, unknownStage(`column ${shown(ctx.enteredColumns[i]!.column)}: stage`, ctx.enteredColumns[i]!.stage, stages));
      else entered.push([enteredStage, ctx.resolveInstant(at, rep.tz)]);
    });
    if (!stage || typeof rep === 'string' || errors.size > before) continue;

    // The outcome: as written (Pipedrive's status), else the stage's when it is a result ("Closed Won").
    const outcome = value.outcome ?? stage.outcome ?? 'open';
    if (stage.outcome && stage.outcome !== outcome) {
      errors.add(line, `outcome ${outcome} but furthest_stage ${shown(value.furthest_stage)} is the ${stage.outcome} stage`);
      continue;
    }
    const closing = outcome === 'open' ? undefined : stages.find((s) => s.outcome === outcome);
    if (outcome !== 'open' && !closing) {
      errors.add(line, `outcome ${outcome}: this workspace has no ${outcome} stage`);
      continue;
    }
    const stored_ = stored.get(value.deal_id);
    const closedEntered = entered.find(([s]) => s.outcome === outcome)?.[1];
    let closedAt: number | null = null;
    if (closing) {
      closedAt = value.closed_at ? ctx.resolveInstant(value.closed_at, rep.tz) : (closedEntered ?? null);
      if (closedAt === null) {
        errors.add(line, `closed_at is required for a ${outcome} deal`);
        continue;
      }
    } else if (value.closed_at && ctx.ownFormat) {
      errors.add(line, 'closed_at must be empty for an open deal');
      continue;
    }
    // Without a created date: what was stored, else the first day the file knows of, else the import's.
    const knownDays = [...entered.map(([, at]) => at), ...(closedAt === null ? [] : [closedAt])];
    const createdAt = value.created_at
      ? ctx.resolveInstant(value.created_at, rep.tz)
      : (stored_?.createdAt ?? (knownDays.length > 0 ? Math.min(...knownDays) : ctx.now.getTime()));
    if (closedAt !== null && closedAt < createdAt) {
      errors.add(line, 'closed_at is before created_at');
      continue;
    }
    // A deal created in the future is a typo in the export; counted, it would skew pipeline and stalled days.
    if (createdAt > ctx.now.getTime() + DAY_AHEAD_MS) {
      errors.add(line, `created_at ${new Date(createdAt).toISOString().slice(0, 10)} is in the future`);
      continue;
    }
    // The furthest open stage: the stage written when it is one, else the furthest entered, what was stored, or
    // the path's end for a win (the funnel counts a won deal through every stage) and its start for a loss.
    const furthestOpen = [stage.outcome ? undefined : stage.key, ...entered.filter(([s]) => !s.outcome).map(([s]) => s.key), stored_?.furthestStage]
      .filter((k): k is string => k !== undefined && position.has(k) && !stages.find((s) => s.key === k)?.outcome)
      .sort((a, b) => position.get(b)! - position.get(a)!)[0];
    const furthest = (stage.outcome ? furthestOpen : stage.key) ?? (outcome === 'won' ? open.at(-1)?.key : open[0]?.key) ?? stage.key;

    const amount = value.amount === undefined ? undefined : value.amount;
    const written = value.currency ?? amount?.currency ?? null;
    if (amount && written && written !== currency) foreign.set(written, (foreign.get(written) ?? 0) + 1);
    const name = value.name ?? (value.name === undefined && stored_ ? stored_.name : value.deal_id);
    const values: TDealValues = {
      workspaceId,
      externalId: value.deal_id,
      repId: rep.id,
      name,
      nameKey: dealNameKey(name),
      amountCents: amount === undefined ? (stored_?.amountCents ?? null) : (amount?.cents ?? null),
      stage: closing?.key ?? stage.key,
      furthestStage: furthest,
      outcome,
      createdAt,
      closedAt,
    };
    const { history, mode } = dealHistory({ values, before: stored_, entered: entered.map(([s, at]) => [s.key, at]), now: ctx.now.getTime() });
    plans.push({ values, before: stored_, history, mode });
  }
  if (errors.size > 0) return undefined;

  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const { values, before, history, mode } of plans) {
    const sameRows = mode === 'append' ? history.length === 0 : before !== undefined && sameHistory(await loadImportedHistory(db, before.id), history);
    if (before && sameDeal(before, values) && sameRows) {
      counts.unchanged++;
      continue;
    }
    await saveImportedDeal(db, values, !before, history, mode);
    if (before) counts.updated++;
    else counts.inserted++;
  }
  for (const [code, n] of [...foreign].sort()) {
    ctx.notes.push(`${n} ${n === 1 ? 'amount is' : 'amounts are'} in ${code}, not ${currency}: kept as written, not converted`);
  }
  return counts;
}

/** The workspace's currency (`settings.currency`, set in setup), USD unless it says otherwise. */
async function workspaceCurrency(db: TDb, workspaceId: string): Promise<string> {
  const text = await loadWorkspaceSettings(db, workspaceId);
  try {
    const parsed = ZCurrencySetting.safeParse(JSON.parse(text ?? '{}'));
    return (parsed.success && parsed.data.currency) || 'USD';
  } catch {
    return 'USD';
  }
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
