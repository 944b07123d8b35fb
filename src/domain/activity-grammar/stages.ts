import { DEFAULT_STAGES, type TStage } from '../types';
import { STAGE_FILLERS } from './lexicon';

/** The team's stages by every name a rep may use for them, and the list to show when a name is unknown. */
export type TStageTable = { byName: ReadonlyMap<string, TStage>; names: string };

/** Common ways of saying a default stage, by that stage's key. Used only when the team has that key. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  prospecting: ['prospect', 'prospects', 'prospecting'],
  discovery: ['disco', 'discover', 'discovery'],
  demo: ['demo', 'demos', 'demoing', 'demonstration'],
  proposal: ['proposal', 'proposals', 'proposal sent', 'quote', 'quoted', 'quoting'],
  negotiation: ['nego', 'neg', 'negotiating', 'negotiations', 'negotiate', 'negotiation'],
};

/** Ways of saying won or lost, bound to whichever stage carries that outcome. */
const OUTCOME_SYNONYMS: Readonly<Record<'won' | 'lost', readonly string[]>> = {
  won: ['won', 'win', 'closed won', 'closedwon', 'closed', 'cw', 'signed'],
  lost: ['lost', 'lose', 'closed lost', 'closedlost', 'dead'],
};

/** Lowercase, with hyphens and underscores as spaces: "Closed-Won" and "closed won" are one name. */
export function normalizeStageName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]+/g, ' ').trim();
}

function buildTable(stages: readonly TStage[]): TStageTable {
  const byName = new Map<string, TStage>();
  const add = (name: string, stage: TStage) => {
    const key = normalizeStageName(name);
    if (key && !byName.has(key)) byName.set(key, stage);
  };
  // The team's own keys and names win over any synonym.
  for (const stage of stages) add(stage.key, stage);
  for (const stage of stages) add(stage.name, stage);
  for (const stage of stages) {
    for (const synonym of SYNONYMS[stage.key] ?? []) add(synonym, stage);
    if (stage.outcome) for (const synonym of OUTCOME_SYNONYMS[stage.outcome]) add(synonym, stage);
  }
  return { byName, names: stages.map((s) => s.name).join(', ') };
}

const DEFAULT_TABLE = buildTable(DEFAULT_STAGES);
const tables = new WeakMap<readonly TStage[], TStageTable>();

/** The lookup table of a stage list, built once per list. */
export function stageTableFor(stages: readonly TStage[] | undefined): TStageTable {
  if (stages === undefined || stages === DEFAULT_STAGES) return DEFAULT_TABLE;
  let table = tables.get(stages);
  if (!table) {
    table = buildTable(stages);
    tables.set(stages, table);
  }
  return table;
}

/** The words of keys[from..to) that name a stage, without fillers: "back to the demo stage" -> "demo". */
export function stagePhrase(keys: readonly string[], from: number, to: number): string {
  let phrase = '';
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? '';
    if (STAGE_FILLERS.has(key)) continue;
    phrase = phrase ? `${phrase} ${key}` : key;
  }
  return phrase;
}

/** The stage named by keys[from..to), if any. */
export function lookupStage(table: TStageTable, keys: readonly string[], from: number, to: number): TStage | undefined {
  const phrase = stagePhrase(keys, from, to);
  if (!phrase) return undefined;
  return table.byName.get(phrase) ?? table.byName.get(normalizeStageName(phrase));
}
