/**
 * Which of a CRM export's columns feed which of ours (SPEC §6 `--from`, `--map`). Pure: header in,
 * column positions out. Column names are compared loosely (`Deal Stage`, `deal_stage`, `DEAL-STAGE`).
 */

export const CRMS = ['salesforce', 'hubspot', 'pipedrive'] as const;
export type TCrm = (typeof CRMS)[number];

/** Our columns a deals export may fill, besides the `entered_<stage>` dates. */
export const DEAL_FIELDS = ['deal_id', 'rep', 'name', 'amount', 'currency', 'created_at', 'furthest_stage', 'outcome', 'closed_at'] as const;

/**
 * Each CRM's standard deal export, by our column: the labels its export writes, in order of preference.
 * A field with several labels takes, row by row, the first one with a value (Pipedrive writes a won
 * deal's close in "Won time" and a lost one's in "Lost time").
 */
export const CRM_PRESETS: Record<TCrm, { deals: Partial<Record<string, readonly string[]>>; enteredColumns: 'hubspot' | null; hint: string }> = {
  // An opportunity report exported as CSV ("Details Only"), with the report's column labels.
  salesforce: {
    deals: {
      deal_id: ['Opportunity ID', 'Opportunity ID (18)', 'Opportunity ID 18'],
      name: ['Opportunity Name'],
      rep: ['Opportunity Owner Email', 'Owner Email', 'Opportunity Owner', 'Owner Name', 'Owner'],
      amount: ['Amount', 'Amount (converted)'],
      currency: ['Amount Currency', 'Opportunity Currency', 'Currency'],
      created_at: ['Created Date'],
      furthest_stage: ['Stage'],
      closed_at: ['Close Date'],
    },
    enteredColumns: null,
    hint: "add the 'Opportunity ID' column to the report before exporting it",
  },
  // Deals exported from the deals index with all properties: Record ID, and a "Date entered" column per stage.
  hubspot: {
    deals: {
      deal_id: ['Record ID', 'Deal ID'],
      name: ['Deal Name'],
      rep: ['Deal owner'],
      amount: ['Amount'],
      currency: ['Currency', 'Deal currency code'],
      created_at: ['Create Date'],
      furthest_stage: ['Deal Stage'],
      closed_at: ['Close Date'],
    },
    enteredColumns: 'hubspot',
    hint: "export the deals with the 'Record ID' column",
  },
  // Deals exported from the list view ("Export filter results"), each column prefixed "Deal - ".
  pipedrive: {
    deals: {
      deal_id: ['Deal - ID'],
      name: ['Deal - Title'],
      rep: ['Deal - Owner'],
      amount: ['Deal - Value'],
      currency: ['Deal - Currency', 'Deal - Currency of value'],
      created_at: ['Deal - Deal created', 'Deal - Add time', 'Deal - Created'],
      furthest_stage: ['Deal - Stage'],
      outcome: ['Deal - Status'],
      closed_at: ['Deal - Won time', 'Deal - Lost time', 'Deal - Close time', 'Deal - Closed on'],
    },
    enteredColumns: null,
    hint: "include the 'ID' field in the export",
  },
};

/** `Slack User ID` and ` slack_user_id` name the same column. */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** A `--map` value: `field=Column,field=Column` (a column name may hold spaces). */
export function parseColumnMap(text: string, fields: readonly string[]): { map: Map<string, string> } | { error: string } {
  const map = new Map<string, string>();
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    const field = normaliseColumnName(at === -1 ? part : part.slice(0, at));
    const column = at === -1 ? '' : part.slice(at + 1).trim();
    if (column === '') return { error: `--map '${part.trim()}' must be field=Column, like rep=Sales Agent` };
    if (!fields.includes(field) && !field.startsWith('entered_')) {
      return { error: `--map: '${field}' is not a column of ours (${fields.join(', ')}, or entered_<stage>)` };
    }
    map.set(field, column);
  }
  return { map };
}

/** Where each of our columns is read from: one or more positions in the file, the first with a value wins. */
export type TColumnPlan = {
  fields: Map<string, number[]>;
  /** Stage-entered date columns: position and the stage as the column names it (a key, name or CRM name). */
  entered: { at: number; stage: string; column: string }[];
  problems: string[];
};

const HUBSPOT_ENTERED = /^date entered "(.+?)(?: \(([^()]*)\))?"$/i;
const OWN_ENTERED = /^entered_(.+)$/;

/**
 * Resolves a header against our columns: `--map` first, then our own names, then the `--from`
 * preset. A `--map` column the file lacks is a problem naming the file's columns.
 */
export function planColumns(header: readonly string[], fields: readonly string[], options: { from?: TCrm; map?: ReadonlyMap<string, string> }): TColumnPlan {
  const normalised = header.map(normaliseColumnName);
  const find = (label: string) => normalised.indexOf(normaliseColumnName(label));
  const plan: TColumnPlan = { fields: new Map(), entered: [], problems: [] };
  const preset = options.from ? CRM_PRESETS[options.from] : undefined;
  const taken = new Set<number>();

  for (const field of fields) {
    const mapped = options.map?.get(field);
    if (mapped !== undefined) {
      const at = find(mapped);
      if (at === -1) plan.problems.push(`--map ${field}=${mapped}: the file has no column '${mapped}' (its columns: ${header.join(', ')})`);
      else plan.fields.set(field, [at]);
      continue;
    }
    const own = normalised.indexOf(field);
    if (own !== -1) {
      if (normalised.indexOf(field, own + 1) !== -1) plan.problems.push(`column ${field} appears twice`);
      plan.fields.set(field, [own]);
      continue;
    }
    const labels = (preset?.deals as Record<string, readonly string[] | undefined> | undefined)?.[field] ?? [];
    const found = labels.map(find).filter((at) => at !== -1);
    // Salesforce's rep: the owner's e-mail when the report has it, else the owner's name (one column, not both).
    if (found.length > 0) plan.fields.set(field, field === 'closed_at' ? found : [found[0]!]);
  }
  for (const at of plan.fields.values()) for (const i of at) taken.add(i);

  for (const [field, column] of options.map ?? []) {
    if (!field.startsWith('entered_')) continue;
    const at = find(column);
    if (at === -1) plan.problems.push(`--map ${field}=${column}: the file has no column '${column}'`);
    else plan.entered.push({ at, stage: field.slice('entered_'.length), column });
  }
  header.forEach((raw, at) => {
    if (taken.has(at) || plan.entered.some((e) => e.at === at)) return;
    const own = OWN_ENTERED.exec(normalised[at]!);
    if (own) plan.entered.push({ at, stage: own[1]!.replace(/_/g, ' '), column: raw });
    const hubspot = HUBSPOT_ENTERED.exec(raw.trim());
    if (hubspot && (options.from === 'hubspot' || options.from === undefined)) plan.entered.push({ at, stage: hubspot[1]!, column: raw });
  });
  return plan;
}
