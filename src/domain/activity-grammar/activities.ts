import type { TActivityType } from '../types';
import { ADJECTIVES, FILLERS, NEGATORS, PREPOSITIONS } from './lexicon';
import { looksNumeric, readCount, readTrailingCount, startsExplicitCount, type TCountRead } from './counts';
import { dealName, emit, reject, type TClause, type TReading, typeAt } from './reading';
import type { TActivityItem } from './types';

/** Activities: "4 calls", "2 demos w/ Acme Corp", "sent proposal to Globex", "called Acme twice", "Acme: 3 dials". */

const PLURAL_NAMES: Readonly<Record<TActivityType, string>> = {
  call: 'calls',
  email: 'emails',
  meeting: 'meetings',
  demo: 'demos',
  proposal: 'proposals',
  social: 'social touches',
  other: 'others',
};

function isUpperStart(word: string | undefined): boolean {
  if (!word) return false;
  const c = word.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (c < 128) return false;
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** Words that only describe the activity: adjectives, and stage names ("discovery call"). */
function isModifier(key: string, reading: TReading): boolean {
  if (ADJECTIVES.has(key)) return true;
  const stage = reading.table.byName.get(key);
  return stage !== undefined && !stage.outcome;
}

/** The first open stage named among keys[from..to), for "2 discovery calls". */
function stageNamedIn(keys: readonly string[], from: number, to: number, reading: TReading): string | undefined {
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? '';
    const found = reading.table.byName.get(key);
    if (found && !found.outcome && !ADJECTIVES.has(key)) return found.key;
  }
  return undefined;
}

/**
 * A deal written before the activity: "Acme: 2 calls", "Acme Corp demo", ignoring modifiers at both ends.
 * It has to look like a name (capitalised, or followed by a colon) so that "knocked out 20 calls" or
 * "crushed 40 dials" is not a deal.
 */
function leadingDeal(clause: TClause, from: number, to: number, reading: TReading): string | undefined {
  const { words, keys } = clause;
  let a = from;
  let b = to;
  while (b > a && isModifier(keys[b - 1] ?? '', reading)) b--;
  while (a < b && isModifier(keys[a] ?? '', reading)) a++;
  if (b <= a) return undefined;
  const colon = (words[b - 1] ?? '').endsWith(':');
  if (!colon && !isUpperStart(words[a])) return undefined;
  if (!colon && b - a === 1 && /(?:ed|ing)$/.test(keys[a] ?? '')) return undefined;
  return dealName(clause, a, b);
}

function hasNegation(keys: readonly string[], to: number): boolean {
  for (let i = 0; i < to; i++) if (NEGATORS.has(keys[i] ?? '')) return true;
  return false;
}

/** Reads the piece as an activity; false when it names none. */
export function readActivity(clause: TClause, reading: TReading, cents: number | undefined): boolean {
  const { words, keys, source } = clause;
  const n = keys.length;
  let t = 0;
  let word = typeAt(keys, 0);
  while (!word && ++t < n) word = typeAt(keys, t);
  if (!word) return false;
  // "cancelled demo with Acme", "didn't get the call": nothing to log.
  if (hasNegation(keys, t)) return false;
  let stage: string | undefined;
  // "demo call", "follow-up call", "proposal meeting": the last of two activity nouns is the activity.
  const second = word.verb ? undefined : typeAt(keys, t + word.length);
  if (second && !second.verb) {
    const qualifier = reading.table.byName.get(keys[t] ?? '');
    if (qualifier && !qualifier.outcome) stage = qualifier.key;
    t += word.length;
    word = second;
  }

  // Before the activity: fillers, then perhaps a deal, a count, and modifiers.
  let s = 0;
  while (s < t && FILLERS.has(keys[s] ?? '')) s++;
  let count: TCountRead | undefined;
  let leadTo = t;
  let middleFrom = t;
  for (let i = s; i < t; i++) {
    const read = readCount(keys, i);
    if (read && read.next <= t) {
      count = read;
      leadTo = i;
      middleFrom = read.next;
      break;
    }
  }
  stage ??= stageNamedIn(keys, s, t, reading);

  // After it: perhaps a count ("calls: 4", "called 5 prospects"), a deal, and a count adverb ("twice").
  let i = t + word.length;
  let afterCount: TCountRead | undefined;
  if (!count && i < n && (looksNumeric(keys[i] ?? '') || startsExplicitCount(keys, i))) {
    afterCount = readCount(keys, i);
    if (afterCount) i = afterCount.next;
  }
  const trailing = readTrailingCount(keys, n, i);
  const end = trailing ? trailing.start : n;
  let dealFrom = -1;
  if (i < end) {
    const key = keys[i] ?? '';
    if (PREPOSITIONS.has(key)) dealFrom = i + 1;
    else if ((word.verb && !afterCount) || isUpperStart(words[i]) || key.charCodeAt(0) === 64) dealFrom = i;
  }
  const after = dealFrom >= 0 ? dealName(clause, dealFrom, end) : undefined;
  const before = leadingDeal(clause, s, leadTo, reading) ?? leadingDeal(clause, middleFrom, t, reading);
  // "Bob called Acme": a verb's object is the deal; "Acme call with Bob": a noun's deal comes first.
  const deal = word.verb ? (after ?? before) : (before ?? after);

  const explicit = count ?? afterCount;
  if (explicit && trailing) {
    reject(reading, source, `that has two counts; say it once, like "3 ${PLURAL_NAMES[word.type]}"`);
    return true;
  }
  const read = explicit ?? trailing?.read;
  if (read?.problem) {
    reject(reading, source, read.problem);
    return true;
  }
  if (read?.vague || (!read && word.plural)) {
    reject(reading, source, `how many? Give a number, like "3 ${PLURAL_NAMES[word.type]}"`);
    return true;
  }
  const item: TActivityItem = { kind: 'activity', type: word.type, count: read ? read.value : 1, source };
  if (deal !== undefined) item.deal = deal;
  if (stage !== undefined) item.stage = stage;
  if (cents !== undefined) item.amountCents = cents;
  emit(reading, item);
  return true;
}
