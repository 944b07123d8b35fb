import type { TStage } from '../types';
import { ARROWS, MOVE_TARGETS, MOVE_VERBS, OUTCOME_LEADS, OUTCOME_WORDS, STATE_WORDS } from './lexicon';
import { takeAmount } from './amounts';
import { startsExplicitCount } from './counts';
import { dealName, emit, hasTypeWord, opensActivity, reject, type TClause, type TReading, typeAt } from './reading';
import { CLOSE_DATE_WORDS, closeDatePhrase, emitCloseDate, WENT_DARK } from './notes';
import { lookupStage, stagePhrase } from './stages';
import type { TOutcomeItem } from './types';

/**
 * Won and lost deals, deals moving stage, and close dates moving: "won Acme $12k", "moved Initech to
 * negotiation", "Acme -> demo", "Initech pushed to Q1". The deal of each is named clearly.
 */

// Words between a deal and its stage that belong to neither: "Acme is now in discovery", "moved Acme back to demo".
const DEAL_SUFFIXES: ReadonlySet<string> = new Set([
  'is', 'was', 'has', 'just', 'got', 'now', 'back', 'forward', 'officially',
]);

function skipLeads(keys: readonly string[]): number {
  let s = 0;
  while (s < keys.length - 1 && OUTCOME_LEADS.has(keys[s] ?? '')) s++;
  return s;
}

type TOutcome = 'won' | 'lost';

function emitOutcome(reading: TReading, source: string, deal: string, outcome: TOutcome, cents: number | undefined): void {
  const item: TOutcomeItem = { kind: 'outcome', deal, dealNaming: 'clearly', outcome, source };
  if (cents !== undefined) item.amountCents = cents;
  emit(reading, item);
}

function whichDeal(reading: TReading, source: string, example: string): true {
  reject(reading, source, `which deal? Name it, like "${example}"`);
  return true;
}

/** The deal named by keys[from..to), or else the deal picked in the Log modal (TParseOptions.defaultDeal). */
function namedOrPicked(clause: TClause, reading: TReading, from: number, to: number): string | undefined {
  return dealName(clause, from, to) ?? reading.defaultDeal;
}

/** "won Acme $12,500", "closed-lost Hooli", "we finally won the Acme deal", "lost Hooli to Oracle". */
export function readOutcome(clause: TClause, reading: TReading, cents: number | undefined): boolean {
  const { keys, source } = clause;
  const s = skipLeads(keys);
  const key = keys[s] ?? '';
  let outcome = OUTCOME_WORDS.get(key);
  let after = s + 1;
  if (key === 'closed') {
    const next = keys[s + 1];
    outcome = next === 'lost' ? 'lost' : 'won';
    if (next === 'won' || next === 'lost') after += 1;
  }
  if (!outcome) return false;
  // "won 2 demos", "signed proposal with Acme": activities, not outcomes.
  if (after < keys.length && (typeAt(keys, after) || startsExplicitCount(keys, after))) return false;
  let amount = cents;
  if (amount === undefined) {
    // Only here may a bare number be money: "won Acme 12,500".
    const bare = takeAmount(clause.words, clause.keys, true);
    if (bare?.problem) {
      reject(reading, source, bare.problem);
      return true;
    }
    amount = bare?.cents;
  }
  const deal = namedOrPicked(clause, reading, after, keys.length);
  if (!deal) return whichDeal(reading, source, outcome === 'won' ? 'won Acme $12k' : 'lost Hooli');
  emitOutcome(reading, source, deal, outcome, amount);
  return true;
}

/** Where the deal, the verb and the stage are in a move, or undefined when the piece is not one. */
type TMoveShape = { dealFrom: number; dealTo: number; verbAt: number; stageFrom: number; explicit: boolean };

function moveShape(keys: readonly string[], verbFirst: boolean, filler: boolean): TMoveShape | undefined {
  const s = verbFirst ? skipLeads(keys) : 0;
  const n = keys.length;
  if (verbFirst && MOVE_VERBS.has(keys[s] ?? '')) {
    // The last "to" wins: "moved Acme to discovery to proposal" is at proposal.
    for (let i = n - 2; i >= s + 1; i--) {
      if (MOVE_TARGETS.has(keys[i] ?? '')) return { dealFrom: s + 1, dealTo: i, verbAt: s, stageFrom: i + 1, explicit: true };
    }
  }
  if (opensActivity(keys, filler)) return undefined;
  for (let i = 1; i < n - 1; i++) {
    const key = keys[i] ?? '';
    if (ARROWS.has(key)) return { dealFrom: 0, dealTo: i, verbAt: i, stageFrom: i + 1, explicit: true };
    const explicit = STATE_WORDS.get(key);
    if (explicit !== undefined) {
      // "Acme is now in demo": "is" alone proves nothing, "is now" does.
      const sure = explicit || STATE_WORDS.get(keys[i + 1] ?? '') === true;
      return { dealFrom: 0, dealTo: i, verbAt: i, stageFrom: i + 1, explicit: sure };
    }
  }
  return undefined;
}

function emitMove(reading: TReading, source: string, deal: string, stage: TStage, cents: number | undefined): void {
  if (stage.outcome) emitOutcome(reading, source, deal, stage.outcome, cents);
  // A stage move has no amount: an amount said with it ("moved Acme to proposal $24k") stays in the raw text.
  else emit(reading, { kind: 'stage', deal, dealNaming: 'clearly', stage: stage.key, source });
}

/**
 * "moved Initech to negotiation", "Acme -> demo", "Acme now in discovery", "Acme to proposal", "Acme is won".
 * `verbFirst`: the first word may lead to a move verb ("moved", "we moved"); `filler`: it is a filler.
 */
export function readStageMove(
  clause: TClause,
  reading: TReading,
  cents: number | undefined,
  verbFirst: boolean,
  filler: boolean,
): boolean {
  const { keys, source } = clause;
  const shape = moveShape(keys, verbFirst, filler);
  if (!shape) return false;
  const stage = lookupStage(reading.table, keys, shape.stageFrom, keys.length);
  if (!stage) {
    // "got a meeting with Acme to discuss pricing" is an activity that happens to contain "to".
    if (hasTypeWord(keys, shape.dealFrom, shape.dealTo)) return false;
    if ((shape.explicit || keys[shape.verbAt] === 'to') && readCloseDate(clause, reading, shape)) return true;
    if (!shape.explicit) return false;
    const named = stagePhrase(keys, shape.stageFrom, keys.length);
    reject(reading, source, `I don't know a stage called "${named}"; the stages are ${reading.table.names}`);
    return true;
  }
  let dealTo = shape.dealTo;
  while (dealTo > shape.dealFrom && DEAL_SUFFIXES.has(keys[dealTo - 1] ?? '')) dealTo--;
  const deal = namedOrPicked(clause, reading, shape.dealFrom, dealTo);
  if (!deal) return whichDeal(reading, source, `moved Acme to ${stage.key}`);
  emitMove(reading, source, deal, stage, cents);
  return true;
}

/** "Initech pushed to Q1", "Globex close date moved to 2027": a note on the deal, when the target is a time. */
function readCloseDate(clause: TClause, reading: TReading, shape: TMoveShape): boolean {
  const { keys, source } = clause;
  // "Initech pushed close to Jan", "Acme moved close date to March": the words say what moves, not when to.
  let from = shape.stageFrom;
  while (from < keys.length - 1 && CLOSE_DATE_WORDS.has(keys[from] ?? '')) from++;
  const when = closeDatePhrase(clause, from, keys.length);
  if (when === undefined) return false;
  let dealTo = shape.dealTo;
  while (dealTo > shape.dealFrom && (DEAL_SUFFIXES.has(keys[dealTo - 1] ?? '') || CLOSE_DATE_WORDS.has(keys[dealTo - 1] ?? ''))) dealTo--;
  const deal = namedOrPicked(clause, reading, shape.dealFrom, dealTo);
  if (!deal) return whichDeal(reading, source, `pushed Acme to ${when}`);
  emitCloseDate(reading, source, deal, keys[shape.verbAt] ?? '', when);
  return true;
}

/** Last words of a deal going quiet: "Acme went dark", "Acme ghosted (me)", "Acme is ghosting us". */
export const DARK_ENDS: ReadonlySet<string> = new Set(['dark', 'ghosted', 'ghosting', 'me', 'us']);
/** First words of one: "ghosted by Acme", "got ghosted by Acme", "went dark" (on the picked deal). */
export const DARK_LEADS: ReadonlySet<string> = new Set(['ghosted', 'got', 'went', 'gone']);
const DARK_VERBS: ReadonlySet<string> = new Set(['went', 'gone', 'going', 'goes', 'is', 'has', 'have', "'s", 'totally', 'completely', 'just']);

/**
 * "Acme went dark", "Acme ghosted", "Acme is ghosting us", "ghosted by Acme": a note on the deal (not a
 * stage called "dark"); "went dark" alone is on the deal picked in the Log modal, or asks which deal.
 */
export function readWentDark(clause: TClause, reading: TReading): boolean {
  const { keys, source } = clause;
  const n = keys.length;
  let from = 0;
  let to = n;
  const first = keys[0];
  if (first === 'ghosted' || (first === 'got' && keys[1] === 'ghosted')) {
    from = first === 'got' ? 2 : 1;
    if (keys[from] !== 'by') return false;
    from += 1;
  } else {
    let end = n;
    if (keys[end - 1] === 'me' || keys[end - 1] === 'us') end--;
    const last = keys[end - 1];
    if (last === 'dark') {
      const verb = keys[end - 2];
      if (verb !== 'went' && verb !== 'gone' && verb !== 'going' && verb !== 'goes') return false;
      end -= 2;
    } else if (last === 'ghosted' || last === 'ghosting') end -= 1;
    else return false;
    while (end > 0 && DARK_VERBS.has(keys[end - 1] ?? '')) end--;
    to = end;
  }
  // "demo with Acme went dark" is about the demo.
  if (hasTypeWord(keys, from, to)) return false;
  const deal = namedOrPicked(clause, reading, from, to);
  if (!deal) return whichDeal(reading, source, 'Acme went dark');
  emit(reading, { kind: 'note', deal, dealNaming: 'clearly', text: WENT_DARK, source });
  return true;
}

/** "Acme won", "Acme closed won $12k", "Hooli lost": the outcome said after the deal. */
export function readTrailingOutcome(clause: TClause, reading: TReading, cents: number | undefined): boolean {
  const { keys, source } = clause;
  const n = keys.length;
  if (n < 2 || opensActivity(keys)) return false;
  for (let length = Math.min(2, n - 1); length >= 1; length--) {
    const stage = lookupStage(reading.table, keys, n - length, n);
    if (!stage?.outcome) continue;
    let dealTo = n - length;
    while (dealTo > 0 && DEAL_SUFFIXES.has(keys[dealTo - 1] ?? '')) dealTo--;
    const deal = dealName(clause, 0, dealTo);
    if (!deal) return false;
    emitOutcome(reading, source, deal, stage.outcome, cents);
    return true;
  }
  return false;
}
