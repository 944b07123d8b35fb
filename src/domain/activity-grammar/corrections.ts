import { readActivity } from './activities';
import { readCount, startsExplicitCount } from './counts';
import type { TClause, TReading } from './reading';
import type { TCorrectionItem } from './types';

/**
 * Corrections of the rep's previous entry: "oops, that was 3 calls not 4", "correction: 3 calls not 4",
 * "make that 3 calls", "actually 3 calls, not 4", "I meant 3 calls". They need a number: "actually had a
 * demo" is an activity, and a plain "3 calls" always is.
 */

/** Words that say what follows corrects something. */
const MARKERS: ReadonlySet<string> = new Set(['oops', 'oopsie', 'whoops', 'woops', 'correction', 'typo', 'meant']);
/** Words between a marker and the count: "that was only 3 calls", "it should have been 3". */
const GLUE: ReadonlySet<string> = new Set([
  'that', 'it', 'was', 'is', 'should', 'shouldve', "should've", 'be', 'been', 'have', 'only', 'just', 'really',
  "that's", 'thats', "it's", 'its', 'i', 'sorry', 'my', 'bad',
]);

/** Every word a correction may start with: a cheap first filter. */
export const CORRECTION_LEADS: ReadonlySet<string> = new Set([
  ...MARKERS, 'actually', 'make', 'i', 'that', "that's", 'thats', 'it', "it's", 'not', 'sorry', 'my',
]);

/**
 * Reads the clause as a correction; false when it is not one. `pending` says the previous piece was only a
 * marker ("oops", then "that was 3 calls").
 */
export function readCorrection(clause: TClause, reading: TReading, pending: boolean, cents: number | undefined): boolean {
  const { words, keys } = clause;
  const n = keys.length;
  if (keys[0] === 'not') return readWas(clause, reading);
  let sure = pending;
  let actually = false;
  let s = 0;
  while (s < n) {
    const key = keys[s] ?? '';
    const next = keys[s + 1];
    if (MARKERS.has(key)) sure = true;
    else if (key === 'actually') actually = true;
    else if (key === 'make' && (next === 'that' || next === 'it')) {
      sure = true;
      s++;
    } else if ((key === 'that' || key === 'it') && (next === 'was' || next === 'should')) sure = true;
    else if (key === "that's" || key === 'thats' || (key === 'my' && next === 'bad')) sure = true;
    else if (!GLUE.has(key)) break;
    s++;
  }
  if (s === n) {
    // "oops," alone: the next piece says what it should be.
    if (sure) reading.correcting = true;
    return sure;
  }
  if (!(sure || actually) || !startsExplicitCount(keys, s)) return false;
  return readActivity({ words: words.slice(s), keys: keys.slice(s), source: clause.source }, reading, cents, true);
}

/**
 * "actually 3 calls, not 4": the count being corrected, said in a piece of its own. After a plain activity
 * ("3 calls, not 4") that activity becomes the correction.
 */
function readWas(clause: TClause, reading: TReading): boolean {
  const { keys, source } = clause;
  const read = readCount(keys, 1);
  if (!read || read.next !== keys.length || read.problem || read.vague) return false;
  const last = reading.last;
  const at = reading.items.length - 1;
  if (last === undefined || reading.items[at] !== last) return false;
  if (last.kind === 'correction' && last.was === undefined) {
    last.was = read.value;
    last.source += `, ${source}`;
    return true;
  }
  if (last.kind !== 'activity' || last.deal !== undefined || last.spread !== undefined) return false;
  const item: TCorrectionItem = { kind: 'correction', type: last.type, count: last.count, was: read.value, source: `${last.source}, ${source}` };
  if (last.when !== undefined) item.when = last.when;
  reading.items[at] = item;
  reading.last = item;
  reading.lastActivity = undefined;
  return true;
}
