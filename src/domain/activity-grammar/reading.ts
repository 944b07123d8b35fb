import {
  DEAL_ANCHORS,
  DEAL_HEADS,
  DEAL_STOPS,
  DEAL_TAILS,
  FILLERS,
  LATE_DEAL_STOPS,
  NON_DEALS,
  PREPOSITIONS,
  TIME_WORDS,
  TYPE_INDEX,
  TYPE_PHRASES,
  type TTypeWord,
} from './lexicon';
import { MAX_DEAL_CHARS, MAX_DEAL_WORDS, MAX_ITEMS } from './limits';
import { startsCount } from './counts';
import type { TStageTable } from './stages';
import { hasWordChar, trimName } from './lexer';
import type { TActivityItem, TGrammarItem, TGrammarProblem, TWhen } from './types';

/** A day range ("mon-wed"): its last day and how many days it spans. */
export type TDayRange = { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; days: number };

/** What one message has produced so far, and the date that applies to the pieces still to come. */
export type TReading = {
  items: TGrammarItem[];
  unknown: string[];
  problems: TGrammarProblem[];
  /** Sources of items beyond MAX_ITEMS: reported as one problem at the end (allocated when needed). */
  overflow: string[] | undefined;
  when: TWhen | undefined;
  /** A day range the counts to come are spread over ("mon-wed 30 calls"); `when` is then its last day. */
  range: TDayRange | undefined;
  table: TStageTable;
  /** The item emitted last, for what extends it: "was sick" after "nothing today", "1 booked" after "2 convos". */
  last: TGrammarItem | undefined;
  /** The activity emitted last: "4 calls yesterday and 2 today" counts calls twice. */
  lastActivity: TActivityItem | undefined;
  /** The previous piece was only a correction word ("oops, that was 3 calls"). */
  correcting: boolean;
  /** How many clauses have been read, and the clause that emitted the last item: "Aperture, Inc." joins them. */
  clause: number;
  emittedAt: number;
  /** The activity emitted last when its deal was a verb's object ("called Acme"): ", Globex, Initech" may follow. */
  verbObject: TActivityItem | undefined;
  /** The deal picked in the Log modal: a won/lost, stage move or close date that names none is on it. */
  defaultDeal: string | undefined;
};

/** The tokens of one piece (or part of a piece), with the text to echo back for it. */
export type TClause = { words: string[]; keys: string[]; source: string };

/**
 * True when a key starts with a lowercase letter or any non-ASCII character: every word of the lexicon
 * does, and counts ("4", "$24k") do not, so one comparison spares them every word lookup.
 */
export function startsWithLetter(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 97 && (c <= 122 || c >= 128);
}

/** Adds an item, or sets it aside when the message already has MAX_ITEMS. */
export function emit(reading: TReading, item: TGrammarItem): void {
  if (reading.when !== undefined && item.when === undefined) item.when = reading.when;
  reading.last = item;
  reading.emittedAt = reading.clause;
  if (item.kind === 'activity') reading.lastActivity = item;
  if (reading.items.length < MAX_ITEMS) reading.items.push(item);
  else (reading.overflow ??= []).push(item.source);
}

/** Records a piece that was understood but cannot be logged. */
export function reject(reading: TReading, source: string, message: string): void {
  reading.problems.push({ source, message });
}

/** The activity word at keys[i] (one word or a two-word phrase), if any. */
export function typeAt(keys: readonly string[], i: number): TTypeWord | undefined {
  const key = keys[i];
  if (key === undefined || !startsWithLetter(key)) return undefined;
  const entry = TYPE_INDEX.get(key);
  if (entry === undefined) return undefined;
  if (entry.startsPhrase && i + 1 < keys.length) {
    const phrase = TYPE_PHRASES.get(`${key} ${keys[i + 1]}`);
    if (phrase) return phrase;
  }
  return entry.word;
}

/** True when keys[from..to) name an activity. */
export function hasTypeWord(keys: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (typeAt(keys, i)) return true;
  return false;
}

/** A first-word flag (see activity-grammar.ts): the word is a filler, so the piece opens like an activity. */
export const OPENS_ACTIVITY = 16;

/**
 * True when the piece opens like an activity ("4 calls", "sent proposal", "demo with"), not with a deal.
 * `filler` says the first word is known to be a filler (the caller has looked it up already).
 */
export function opensActivity(keys: readonly string[], filler = FILLERS.has(keys[0] ?? '')): boolean {
  return filler || typeAt(keys, 0) !== undefined || startsCount(keys, 0);
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAllDigits(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (!isDigitCode(key.charCodeAt(i))) return false;
  return key.length > 0;
}

// What a word does in a deal name, by one lookup: restarts it, ends it, ends it unless it starts it, or
// (a time) is skipped before it and ends it after.
const ANCHOR = 0;
const STOP = 1;
const LATE_STOP = 2;
const TIME = 3;
const DEAL_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...LATE_DEAL_STOPS].map((w): [string, number] => [w, LATE_STOP]),
  ...[...DEAL_STOPS].map((w): [string, number] => [w, STOP]),
  ...[...DEAL_ANCHORS].map((w): [string, number] => [w, ANCHOR]),
  ...[...TIME_WORDS].map((w): [string, number] => [w, TIME]),
]);

// "3pm", "10am", "10:30", "3:30pm", "9h": a clock time (a rare path: keys starting with a digit).
const CLOCK_RE = /^\d{1,2}(?::\d{2}(?:[ap]\.?m?)?|[ap]\.?m?|h)$/;
const MERIDIEMS: ReadonlySet<string> = new Set(['am', 'pm', 'a.m', 'p.m']);

/** How many tokens of a clock time start at keys[i] ("3pm" 1, "3 pm" 2), or 0. keys[i] starts with a digit. */
function clockLength(keys: readonly string[], i: number): number {
  const key = keys[i] ?? '';
  if (key.length <= 2 && isAllDigits(key)) return MERIDIEMS.has(keys[i + 1] ?? '') ? 2 : 0;
  return key.length <= 8 && CLOCK_RE.test(key) ? 1 : 0;
}

/** How many tokens of a time ("noon", "this morning", "3pm", "3 pm") start at keys[i], or 0. */
export function timeLength(keys: readonly string[], i: number): number {
  const key = keys[i];
  if (key === undefined) return 0;
  if (isDigitCode(key.charCodeAt(0))) return clockLength(keys, i);
  if (!TIME_WORDS.has(key)) return 0;
  return key === 'this' && TIME_WORDS.has(keys[i + 1] ?? '') ? 2 : 1;
}

/** Where a deal name was found: after "at"/"from" ("called Bob at Acme") it is clearly named. */
export type TDealMark = { anchored: boolean };

/** True when a word starts with a capital or a digit ("Acme", "3M"), or with a capital of any script. */
export function isUpperStart(word: string | undefined): boolean {
  if (!word) return false;
  const c = word.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (c < 128) return false;
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/**
 * The deal named by words[from..to), as written: it ends at a stop word ("called Acme about pricing",
 * "demo for Acme tomorrow went great"), at a time ("demo with Acme 3pm") or at a count that starts another
 * item ("w Aperture 1 w Dunder"), restarts after "at"/"from" ("called Bob at Acme") and after a leading time
 * ("demo at 3pm with Aperture"), and loses a leading "the" and a trailing "deal" or title ("won the Acme
 * deal", "lunch with the Acme CFO"). Undefined when nothing is left, when it is made only of pronouns and
 * generic words ("the team", "new prospects"), when it starts with "a"/"an" and no name ("a prospect"), or
 * when it is too long to be a name. `mark.anchored` says whether it came after "at"/"from".
 */
export function dealName(clause: TClause, from: number, to: number, mark?: TDealMark): string | undefined {
  const { words, keys } = clause;
  let start = from;
  let end = from;
  let anchored = false;
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? '';
    let role = DEAL_WORDS.get(key);
    let length = 1;
    if (role === undefined && isDigitCode(key.charCodeAt(0))) {
      length = clockLength(keys, i);
      if (length > 0) role = TIME;
      // "2 calls w Aperture 1 w Dunder": a count and a preposition start another item.
      else if (i > start && isAllDigits(key) && PREPOSITIONS.has(keys[i + 1] ?? '')) break;
    }
    if (role === undefined) {
      end = i + 1;
      continue;
    }
    if (role === ANCHOR) {
      const next = keys[i + 1];
      if (next === undefined || i + 1 >= to || isDigitCode(next.charCodeAt(0)) || TIME_WORDS.has(next)) break;
      start = i + 1;
      end = start;
      anchored = true;
      continue;
    }
    if (role === TIME) {
      if (i > start) break;
      // "demo at 3pm with Aperture", "call this morning with Acme": the name comes after the time.
      i += key === 'this' && TIME_WORDS.has(keys[i + 1] ?? '') ? 1 : length - 1;
      const next = keys[i + 1] ?? '';
      if (next !== 'at' && next !== '@' && PREPOSITIONS.has(next)) i++;
      start = i + 1;
      end = start;
      continue;
    }
    if (role === STOP || i > start) break;
    end = i + 1;
  }
  if (mark !== undefined) mark.anchored = anchored;
  while (end > start && DEAL_TAILS.has(keys[end - 1] ?? '')) end--;
  while (end - start > 1 && DEAL_HEADS.has(keys[start] ?? '')) start++;
  if (end <= start || end - start > MAX_DEAL_WORDS) return undefined;
  // "call with a prospect", "meeting with a new lead": a person, unless a name follows ("an Acme buyer").
  const head = words[start];
  if ((head === 'a' || head === 'an') && !isUpperStart(words[++start])) return undefined;
  if (end <= start || isGeneric(keys, start, end)) return undefined;
  // "demo for 5 people", "2 convos 1 booked": a count, not a name ("3M" and "7-Eleven" are names).
  if (isAllDigits(keys[start] ?? '')) return undefined;
  let joined = words[start] ?? '';
  for (let i = start + 1; i < end; i++) joined += ` ${words[i]}`;
  const name = trimName(joined);
  if (!name || name.length > MAX_DEAL_CHARS || !hasWordChar(name)) return undefined;
  // A mention typed as text (`&lt;@U123&gt;`) must not become a deal either.
  if (name.indexOf('<') !== -1 && /<[@!#]/.test(name)) return undefined;
  return name;
}

/** True when every word of keys[from..to) is a pronoun or a generic word: "them", "the team", "new prospects". */
function isGeneric(keys: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!NON_DEALS.has(keys[i] ?? '')) return false;
  return true;
}
