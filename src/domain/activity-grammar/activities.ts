import type { TActivityType } from '../types';
import { ADJECTIVES, FILLERS, NEGATORS, PREPOSITIONS, type TTypeWord } from './lexicon';
import { looksNumeric, readCount, readTrailingCount, startsExplicitCount, type TCountRead } from './numbers';
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

type TRange = { from: number; to: number };

function isUpperStart(word: string | undefined): boolean {
  if (!word) return false;
  const c = word.charAt(0);
  return c !== c.toLowerCase() || (c >= '0' && c <= '9');
}

/** Words that only describe the activity: adjectives, and stage names ("discovery call"), whose key is kept. */
function isModifier(key: string, reading: TReading): boolean {
  if (ADJECTIVES.has(key)) return true;
  const stage = reading.table.byName.get(key);
  return stage !== undefined && !stage.outcome;
}

/** Shrinks a range past modifiers at both ends, remembering the first stage named among them. */
function trimModifiers(keys: readonly string[], range: TRange, reading: TReading, stage: { key?: string }): void {
  const note = (key: string) => {
    const found = reading.table.byName.get(key);
    if (found && !found.outcome && !ADJECTIVES.has(key)) stage.key ??= found.key;
  };
  while (range.to > range.from && isModifier(keys[range.to - 1] ?? '', reading)) note(keys[--range.to] ?? '');
  while (range.from < range.to && isModifier(keys[range.from] ?? '', reading)) note(keys[range.from++] ?? '');
}

/**
 * A deal written before the activity: "Acme: 2 calls", "Acme Corp demo". It has to look like a name
 * (capitalised, or followed by a colon) so that "knocked out 20 calls" or "crushed 40 dials" is not a deal.
 */
function leadingDeal(clause: TClause, range: TRange): string | undefined {
  if (range.to <= range.from) return undefined;
  const first = clause.words[range.from];
  const last = clause.words[range.to - 1] ?? '';
  const colon = last.endsWith(':');
  if (!colon && !isUpperStart(first)) return undefined;
  if (!colon && range.to - range.from === 1 && /(?:ed|ing)$/.test(clause.keys[range.from] ?? '')) return undefined;
  return dealName(clause, range.from, range.to);
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
  let found = typeAt(keys, 0);
  while (!found && ++t < n) found = typeAt(keys, t);
  if (!found) return false;
  // "cancelled demo with Acme", "didn't get the call": nothing to log.
  if (hasNegation(keys, t)) return false;
  let word: TTypeWord = found.word;
  let length = found.length;
  const stage: { key?: string } = {};
  // "demo call", "follow-up call", "proposal meeting": the last of two activity nouns is the activity.
  const second = word.verb ? undefined : typeAt(keys, t + length);
  if (second && !second.word.verb) {
    const qualifier = reading.table.byName.get(keys[t] ?? '');
    if (qualifier && !qualifier.outcome) stage.key = qualifier.key;
    t += length;
    word = second.word;
    length = second.length;
  }

  // Before the activity: fillers, then perhaps a deal, a count, and modifiers.
  let s = 0;
  while (s < t && FILLERS.has(keys[s] ?? '')) s++;
  let count: TCountRead | undefined;
  const lead: TRange = { from: s, to: t };
  const middle: TRange = { from: t, to: t };
  for (let i = s; i < t; i++) {
    const read = readCount(keys, i);
    if (read && read.next <= t) {
      count = read;
      lead.to = i;
      middle.from = read.next;
      break;
    }
  }
  trimModifiers(keys, lead, reading, stage);
  trimModifiers(keys, middle, reading, stage);

  // After it: perhaps a count ("calls: 4", "called 5 prospects"), a deal, and a count adverb ("twice").
  let i = t + length;
  let afterCount: TCountRead | undefined;
  if (!count && i < n && (looksNumeric(keys[i] ?? '') || startsExplicitCount(keys, i))) {
    afterCount = readCount(keys, i);
    if (afterCount) i = afterCount.next;
  }
  let end = n;
  const trailing = readTrailingCount(keys, n, i);
  if (trailing) end = trailing.start;
  let dealFrom = -1;
  if (i < end) {
    const key = keys[i] ?? '';
    if (PREPOSITIONS.has(key)) dealFrom = i + 1;
    else if ((word.verb && !afterCount) || isUpperStart(words[i]) || key.charCodeAt(0) === 64) dealFrom = i;
  }
  const after = dealFrom >= 0 ? dealName(clause, dealFrom, end) : undefined;
  const before = leadingDeal(clause, lead) ?? leadingDeal(clause, middle);
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
  if (stage.key !== undefined) item.stage = stage.key;
  if (cents !== undefined) item.amountCents = cents;
  emit(reading, item);
  return true;
}
