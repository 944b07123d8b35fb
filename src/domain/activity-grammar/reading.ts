import {
  DEAL_ANCHORS,
  DEAL_HEADS,
  DEAL_STOPS,
  DEAL_TAILS,
  FILLERS,
  LATE_DEAL_STOPS,
  NON_DEALS,
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

// What a word does in a deal name, by one lookup: restarts it, ends it, or ends it unless it starts it.
const ANCHOR = 0;
const STOP = 1;
const LATE_STOP = 2;
const DEAL_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...LATE_DEAL_STOPS].map((w): [string, number] => [w, LATE_STOP]),
  ...[...DEAL_STOPS].map((w): [string, number] => [w, STOP]),
  ...[...DEAL_ANCHORS].map((w): [string, number] => [w, ANCHOR]),
]);

/** Where a deal name was found: after "at"/"from" ("called Bob at Acme") it is clearly named. */
export type TDealMark = { anchored: boolean };

/**
 * The deal named by words[from..to), as written: it ends at a stop word ("called Acme about pricing",
 * "demo for Acme tomorrow went great"), restarts after "at"/"from" ("called Bob at Acme"), and loses a
 * leading "the" and a trailing "deal" or title ("won the Acme deal", "lunch with the Acme CFO").
 * Undefined when nothing is left, when it is a pronoun or a bare title, or when it is too long to be a name.
 * `mark.anchored` says whether it came after "at"/"from".
 */
export function dealName(clause: TClause, from: number, to: number, mark?: TDealMark): string | undefined {
  const { words, keys } = clause;
  let start = from;
  let end = from;
  let anchored = false;
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? '';
    const role = DEAL_WORDS.get(key);
    if (role === undefined) {
      end = i + 1;
      continue;
    }
    if (role === ANCHOR) {
      const next = keys[i + 1];
      if (next === undefined || i + 1 >= to || isDigitCode(next.charCodeAt(0))) break;
      start = i + 1;
      end = start;
      anchored = true;
      continue;
    }
    if (role === STOP || i > start) break;
    end = i + 1;
  }
  if (mark !== undefined) mark.anchored = anchored;
  while (end > start && DEAL_TAILS.has(keys[end - 1] ?? '')) end--;
  while (end - start > 1 && DEAL_HEADS.has(keys[start] ?? '')) start++;
  if (end <= start || end - start > MAX_DEAL_WORDS) return undefined;
  if (end - start === 1 && NON_DEALS.has(keys[start] ?? '')) return undefined;
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
