import type { TDealValues, THistoryRow, TImportDeal } from '../../../db/repositories/imports';

type TInput = {
  values: TDealValues;
  before: TImportDeal | undefined;
  /** Stage-entered dates the file gives for this deal (stage key, instant). */
  entered: [string, number][];
  now: number;
};

/**
 * The stage history an imported deal row gives. With stage-entered dates (`entered_<stage>`, HubSpot's
 * "Date entered …"), those, which replace the deal's imported history. Without them nothing about the
 * path is invented: a new deal is in its stage since it was created, a row marked `estimated` (the day
 * is not known, and time-in-stage figures leave it out), then closed on its close date; a deal seen
 * before records what moved since the last export — a move between open stages on the import day, a
 * close on its close date.
 */
export function dealHistory({ values, before, entered, now }: TInput): { history: THistoryRow[]; mode: 'replace' | 'append' } {
  const closing = values.outcome === 'open' ? null : values.stage;
  if (entered.length > 0) {
    const rows: THistoryRow[] = entered.map(([stage, enteredAt]) => ({ stage, enteredAt, estimated: false }));
    if (closing && !rows.some((r) => r.stage === closing)) rows.push({ stage: closing, enteredAt: values.closedAt!, estimated: false });
    if (!rows.some((r) => r.stage === values.furthestStage)) rows.unshift({ stage: values.furthestStage, enteredAt: values.createdAt, estimated: true });
    rows.sort((a, b) => a.enteredAt - b.enteredAt);
    return { history: rows, mode: 'replace' };
  }
  if (!before) {
    const rows: THistoryRow[] = [{ stage: values.furthestStage, enteredAt: values.createdAt, estimated: true }];
    if (closing) rows.push({ stage: closing, enteredAt: values.closedAt!, estimated: false });
    return { history: rows, mode: 'replace' };
  }
  if (values.stage === before.stage && values.outcome === before.outcome) return { history: [], mode: 'append' };
  if (!closing) return { history: [{ stage: values.stage, enteredAt: now, estimated: false }], mode: 'append' };
  const rows: THistoryRow[] = [];
  // It went further before it closed, on a day the export does not say.
  if (values.furthestStage !== before.furthestStage) rows.push({ stage: values.furthestStage, enteredAt: Math.min(now, values.closedAt!), estimated: true });
  rows.push({ stage: closing, enteredAt: values.closedAt!, estimated: false });
  return { history: rows, mode: 'append' };
}

/** True when two histories hold the same rows (a re-import of the same file then changes nothing). */
export function sameHistory(a: readonly THistoryRow[], b: readonly THistoryRow[]): boolean {
  const key = (r: THistoryRow) => `${r.enteredAt}|${r.stage}|${r.estimated ? 1 : 0}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}
