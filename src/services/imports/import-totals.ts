import type { TDb } from '../../../db/client';
import { sumImportRows, type TImportRowTotal } from '../../../db/repositories/audit-events';

export type { TImportRowTotal };

/**
 * Rows imported so far by kind and outcome, for `/metrics`. Imports run in the CLI, a process that exits before any
 * scrape, so the figures come from the audit line each import leaves (see `importFile`), not from a counter in memory.
 */
export async function importRowTotals(db: TDb): Promise<TImportRowTotal[]> {
  return sumImportRows(db);
}
